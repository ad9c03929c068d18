#include "adapters/http/sse_broadcaster.hpp"

#include <algorithm>

#include "adapters/http/sse_client.hpp"

namespace sharpline::adapters::http {
namespace {

void append_field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out += ": ";
  out.append(value);
  out += '\n';
}

}  // namespace

std::string format_sse_event(std::string_view event, std::string_view data) {
  std::string frame;
  frame.reserve(event.size() + data.size() + 16);
  if (!event.empty()) {
    // A line break in the event name would end the field early and inject another one.
    std::string name(event);
    std::replace(name.begin(), name.end(), '\n', ' ');
    std::replace(name.begin(), name.end(), '\r', ' ');
    append_field(frame, "event", name);
  }
  std::size_t start = 0;
  while (true) {
    auto end = data.find_first_of("\r\n", start);
    append_field(frame, "data", data.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + ((data[end] == '\r' && end + 1 < data.size() && data[end + 1] == '\n') ? 2 : 1);
    if (start == data.size()) break;  // a trailing line break adds no empty data line
  }
  frame += '\n';
  return frame;
}

SseBroadcaster::SseBroadcaster(SseOptions options) : options_(options) {}

SseBroadcaster::~SseBroadcaster() {
  detach_all();
}

void SseBroadcaster::publish(std::string_view event, std::string_view data) {
  auto frame = std::make_shared<const std::string>(format_sse_event(event, data));
  // Posting under the lock is what lets detach_all() guarantee that nothing is posted to a server
  // that is shutting down; a post only queues a handler, so the lock is held briefly.
  std::lock_guard lock(mutex_);
  std::erase_if(clients_, [&frame](const std::weak_ptr<SseClient>& weak) {
    auto client = weak.lock();
    if (!client || !client->is_open()) return true;
    client->send(frame);
    return false;
  });
}

std::size_t SseBroadcaster::client_count() const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(clients_.begin(), clients_.end(), [](auto& weak) {
    auto client = weak.lock();
    return client && client->is_open();
  }));
}

void SseBroadcaster::attach(const std::shared_ptr<SseClient>& client) {
  std::lock_guard lock(mutex_);
  if (detached_) return;
  client->start();
  clients_.push_back(client);
}

void SseBroadcaster::detach_all() {
  std::lock_guard lock(mutex_);
  detached_ = true;
  for (auto& weak : clients_) {
    if (auto client = weak.lock()) client->close();
  }
  clients_.clear();
}

}  // namespace sharpline::adapters::http
