// What the live page shows (adapters/http/live_page.hpp): a background thread follows
// sharpline.alerts.v1 and sharpline.opportunities.v1 with its own consumer, keeps the recent
// alerts and the currently open opportunities in memory, and publishes every change on the
// page's SSE stream.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "adapters/http/http_server.hpp"
#include "adapters/http/sse_broadcaster.hpp"
#include "runtime/kafka/client_config.hpp"
#include "serde/topic_serde.hpp"

namespace sharpline::cli {

inline constexpr const char* kLiveAlertsTopic = "sharpline.alerts.v1";
inline constexpr const char* kLiveOpportunitiesTopic = "sharpline.opportunities.v1";

// The in-memory view, bounded: at most max_alerts alerts and max_open opportunities. Thread-safe
// (the feed thread writes, HTTP handlers read).
class LiveFeedState {
 public:
  LiveFeedState(std::size_t max_alerts, std::size_t max_open);

  // Applies an Opportunity record (OPEN, UPDATED or CLOSED). Returns the records to publish on
  // the stream: the record itself, plus a CLOSED copy of any opportunity evicted to stay within
  // max_open. A record whose event has started (commence_ms <= now_ms) counts as closed.
  std::vector<nlohmann::json> apply_opportunity(const nlohmann::json& record, int64_t now_ms);
  // Drops opportunities whose event has started; returns CLOSED copies (closed_reason
  // "event_started") to publish.
  std::vector<nlohmann::json> expire(int64_t now_ms);
  // Keeps the newest max_alerts alerts by created_ms. False for a duplicate alert_id or an alert
  // older than every kept one when full (nothing to publish then).
  bool add_alert(const nlohmann::json& alert);

  // Open opportunities, highest expected_value first (those without one last).
  nlohmann::json open_opportunities() const;
  // Kept alerts, newest created_ms first.
  nlohmann::json recent_alerts() const;
  std::size_t open_count() const;

 private:
  const std::size_t max_alerts_;
  const std::size_t max_open_;
  mutable std::mutex mutex_;
  std::map<std::string, nlohmann::json> open_;  // by opportunity_id
  std::vector<nlohmann::json> alerts_;          // ascending created_ms
};

struct LiveFeedOptions {
  std::size_t alerts = 100;               // http.live.alerts
  std::size_t max_open = 1000;            // http.live.opportunities
  int64_t lookback = 1000;                // http.live.lookback: opportunity records per partition
  std::chrono::milliseconds retry{2000};  // between attempts while the topics are missing
};

// The consumer thread. It assigns partitions directly (no group membership, no commits), starts
// each alerts partition `alerts` records before its end and each opportunities partition
// `lookback` records before its end, reads committed records only, and never throws out of the
// thread: missing topics and broker errors are logged and retried.
class LiveFeed {
 public:
  // make_serde runs on the feed's thread (a remote registry may be unreachable for a while:
  // that is retried like a missing topic, never thrown at the process).
  using SerdeFactory = std::function<std::unique_ptr<serde::TopicSerde>()>;
  LiveFeed(runtime::kafka::Properties properties, SerdeFactory make_serde,
           std::shared_ptr<LiveFeedState> state,
           std::shared_ptr<adapters::http::SseBroadcaster> stream, LiveFeedOptions options);
  LiveFeed(const LiveFeed&) = delete;
  LiveFeed& operator=(const LiveFeed&) = delete;
  ~LiveFeed();  // stops and joins the thread

  void start();
  void stop();
  // True once the consumer has its partitions (for tests and logs).
  bool following() const { return following_.load(); }

 private:
  void run();
  void follow();
  void handle(const std::string& topic, std::span<const uint8_t> bytes);

  runtime::kafka::Properties properties_;
  SerdeFactory make_serde_;
  std::unique_ptr<serde::TopicSerde> serde_;  // created and used on the feed's thread only
  std::shared_ptr<LiveFeedState> state_;
  std::shared_ptr<adapters::http::SseBroadcaster> stream_;
  LiveFeedOptions options_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> following_{false};
  std::thread thread_;
};

// Reads http.live.* from the context's configuration; null when http.live.enabled is false.
// Registers the page's routes on `server` (which must not be started yet) and returns the feed
// with its thread running (publishing before the server starts reaches nobody, which is fine).
// Throws std::invalid_argument for out-of-range settings.
class BusContext;
std::unique_ptr<LiveFeed> start_live_page(BusContext& context, adapters::http::HttpServer& server);

}  // namespace sharpline::cli
