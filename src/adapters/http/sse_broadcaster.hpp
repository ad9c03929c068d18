#pragma once

// Server-Sent Events fan-out: one broadcaster per stream path (e.g. /alerts/stream), created by
// HttpServer::sse(). publish() is cheap and never waits on the network, so a hot path can call it.

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sharpline::adapters::http {

struct SseOptions {
  // A comment line keeps idle connections open through proxies and lets clients notice a dead
  // server.
  std::chrono::milliseconds heartbeat_interval{std::chrono::seconds(15)};
  // Bytes a client may have queued but not yet written to its socket; a client that falls further
  // behind is disconnected so it cannot make the process hold unbounded memory.
  std::size_t max_queued_bytes = std::size_t{1024} * 1024;
};

// One SSE frame: "event: <event>\n" (left out when empty), one "data: <line>\n" per line of
// `data` (CR, LF and CRLF all split lines), then a blank line.
std::string format_sse_event(std::string_view event, std::string_view data);

class SseClient;

class SseBroadcaster {
 public:
  explicit SseBroadcaster(SseOptions options = {});
  SseBroadcaster(const SseBroadcaster&) = delete;
  SseBroadcaster& operator=(const SseBroadcaster&) = delete;
  ~SseBroadcaster();

  // Thread-safe. Queues the event for every connected client and returns at once; safe to call
  // before the server starts or after it stops (then it reaches nobody).
  void publish(std::string_view event, std::string_view data);
  std::size_t client_count() const;
  const SseOptions& options() const { return options_; }

  // Used by the server: start streaming to a new client / disconnect everyone on shutdown.
  void attach(const std::shared_ptr<SseClient>& client);
  void detach_all();

 private:
  SseOptions options_;
  mutable std::mutex mutex_;
  bool detached_ = false;
  // Weak: a connection lives as long as its socket operations are pending, not longer.
  std::vector<std::weak_ptr<SseClient>> clients_;
};

}  // namespace sharpline::adapters::http
