#pragma once

// One Server-Sent Events connection after the HTTP request was routed to a stream. Internal to
// the HTTP server: users see only SseBroadcaster.

#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <memory>
#include <string>

#include "adapters/http/sse_broadcaster.hpp"

namespace sharpline::adapters::http {

class SseClient : public std::enable_shared_from_this<SseClient> {
 public:
  using Frame = std::shared_ptr<const std::string>;

  // The socket's executor must be a strand (or a one-thread context): every member below except
  // send(), close() and is_open() runs on it.
  SseClient(boost::asio::ip::tcp::socket socket, SseOptions options);

  // Sends the response head and starts the heartbeat and the close watch.
  void start();
  // Thread-safe and non-blocking: hands the frame to the connection's executor.
  void send(Frame frame);
  void close();
  bool is_open() const { return open_.load(); }

 private:
  void enqueue(Frame frame);
  void write_next();
  void watch_for_close();
  void schedule_heartbeat();
  void shutdown();

  boost::asio::ip::tcp::socket socket_;
  // A copy, so publisher threads never touch socket_ itself.
  const boost::asio::ip::tcp::socket::executor_type executor_;
  boost::asio::steady_timer heartbeat_;
  SseOptions options_;
  std::deque<Frame> queue_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  std::atomic<bool> open_{true};
  std::array<char, 256> discard_{};
};

}  // namespace sharpline::adapters::http
