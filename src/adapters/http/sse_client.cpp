#include "adapters/http/sse_client.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <utility>

namespace sharpline::adapters::http {
namespace asio = boost::asio;

namespace {

// No Content-Length and no chunking: the body is the event stream and ends when the connection
// does (RFC 9112 §6.3).
constexpr std::string_view kResponseHead =
    "HTTP/1.1 200 OK\r\n"
    "Server: sharpline\r\n"
    "Content-Type: text/event-stream\r\n"
    "Cache-Control: no-cache\r\n"
    "Connection: keep-alive\r\n"
    "X-Accel-Buffering: no\r\n"
    "\r\n";

}  // namespace

SseClient::SseClient(asio::ip::tcp::socket socket, SseOptions options)
    : socket_(std::move(socket)),
      executor_(socket_.get_executor()),
      heartbeat_(executor_),
      options_(options) {}

void SseClient::start() {
  enqueue(std::make_shared<const std::string>(kResponseHead));
  watch_for_close();
  schedule_heartbeat();
}

void SseClient::send(Frame frame) {
  if (!is_open()) return;
  asio::post(executor_, [self = shared_from_this(), frame = std::move(frame)]() mutable {
    self->enqueue(std::move(frame));
  });
}

void SseClient::close() {
  asio::post(executor_, [self = shared_from_this()] { self->shutdown(); });
}

void SseClient::enqueue(Frame frame) {
  if (!is_open()) return;
  if (queued_bytes_ + frame->size() > options_.max_queued_bytes) {
    shutdown();  // too slow to keep up: drop it rather than buffer without bound
    return;
  }
  queued_bytes_ += frame->size();
  queue_.push_back(std::move(frame));
  if (!writing_) write_next();
}

void SseClient::write_next() {
  if (queue_.empty() || !is_open()) {
    writing_ = false;
    return;
  }
  writing_ = true;
  Frame frame = queue_.front();
  asio::async_write(socket_, asio::buffer(*frame),
                    [self = shared_from_this(), frame](boost::system::error_code ec, std::size_t) {
                      if (ec) {
                        self->shutdown();
                        return;
                      }
                      self->queued_bytes_ -= frame->size();
                      self->queue_.pop_front();
                      self->write_next();
                    });
}

// Clients never send anything after the request, so any read completion means the peer closed
// (or misbehaves); either way the connection is done.
void SseClient::watch_for_close() {
  socket_.async_read_some(asio::buffer(discard_),
                          [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                            if (ec) {
                              self->shutdown();
                            } else if (self->is_open()) {
                              self->watch_for_close();
                            }
                          });
}

void SseClient::schedule_heartbeat() {
  heartbeat_.expires_after(options_.heartbeat_interval);
  heartbeat_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (ec || !self->is_open()) return;
    static const auto kHeartbeat = std::make_shared<const std::string>(": heartbeat\n\n");
    self->enqueue(kHeartbeat);
    self->schedule_heartbeat();
  });
}

void SseClient::shutdown() {
  if (!open_.exchange(false)) return;
  heartbeat_.cancel();
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  queue_.clear();
  queued_bytes_ = 0;
}

}  // namespace sharpline::adapters::http
