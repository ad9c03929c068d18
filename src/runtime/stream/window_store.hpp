// Windowed aggregation state: tumbling or hopping event-time windows with a grace period.
//
// A window [start, start + size) accepts records until stream time passes start + size + grace;
// after that a record for it is late: it is counted and handed to the late-record callback,
// never silently merged or dropped. Closed windows are handed to the close callback once (the
// "final result", like Kafka Streams' suppress(untilWindowCloses)) and removed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/stream/key_value_store.hpp"

namespace sharpline::runtime::stream {

struct WindowSpec {
  int64_t size_ms = 0;
  int64_t advance_ms = 0;  // == size_ms: tumbling; < size_ms: hopping
  int64_t grace_ms = 0;

  static WindowSpec tumbling(int64_t size_ms, int64_t grace_ms) {
    return {size_ms, size_ms, grace_ms};
  }
  static WindowSpec hopping(int64_t size_ms, int64_t advance_ms, int64_t grace_ms) {
    return {size_ms, advance_ms, grace_ms};
  }
  // Starts of every window containing t, oldest first. Throws std::invalid_argument for a
  // spec with size <= 0, advance <= 0 or advance > size.
  std::vector<int64_t> windows_containing(int64_t event_time_ms) const;
  void validate() const;
};

// Changelog key of a window entry: the record key, a 0x00 byte, then the window start as 20
// decimal digits (offset by 2^63 so negative times sort correctly).
std::string window_key(std::string_view key, int64_t window_start_ms);
std::pair<std::string, int64_t> split_window_key(std::string_view encoded);

template <typename V>
class WindowStore {
 public:
  using LateCallback = std::function<void(std::string_view key, int64_t event_time_ms)>;
  using CloseCallback =
      std::function<void(std::string_view key, int64_t window_start_ms, const V&)>;

  WindowStore(KeyValueStore<V>& backing, WindowSpec spec) : backing_(backing), spec_(spec) {
    spec_.validate();
  }

  // True when a window containing event_time_ms is still open at stream_time_ms. Records for
  // which this is false are late; update() counts them and calls on_late.
  bool accepts(int64_t event_time_ms, int64_t stream_time_ms) const {
    return window_close_time(spec_.windows_containing(event_time_ms).back()) > stream_time_ms;
  }

  // Applies fold(current or nullptr, start) -> new value to every open window of the record.
  template <typename Fold>
  void update(std::string_view key, int64_t event_time_ms, int64_t stream_time_ms, Fold&& fold) {
    bool any = false;
    for (int64_t start : spec_.windows_containing(event_time_ms)) {
      if (window_close_time(start) <= stream_time_ms) continue;  // that window already closed
      any = true;
      const std::string encoded = window_key(key, start);
      backing_.put(encoded, fold(backing_.get(encoded), start));
    }
    if (!any) {
      ++late_records_;
      if (on_late_) on_late_(key, event_time_ms);
    }
  }

  const V* get(std::string_view key, int64_t window_start_ms) const {
    return backing_.get(window_key(key, window_start_ms));
  }

  // Hands every window closed by stream_time_ms to on_close and removes it.
  void close_windows(int64_t stream_time_ms) {
    std::vector<std::string> closed;
    for (const auto& [encoded, value] : backing_.entries()) {
      const auto [key, start] = split_window_key(encoded);
      if (window_close_time(start) <= stream_time_ms) {
        if (on_close_) on_close_(key, start, value);
        closed.push_back(encoded);
      }
    }
    for (const auto& encoded : closed) backing_.remove(encoded);
  }

  void on_late(LateCallback callback) { on_late_ = std::move(callback); }
  void on_close(CloseCallback callback) { on_close_ = std::move(callback); }
  uint64_t late_records() const { return late_records_; }
  const WindowSpec& spec() const { return spec_; }

 private:
  int64_t window_close_time(int64_t start) const { return start + spec_.size_ms + spec_.grace_ms; }

  KeyValueStore<V>& backing_;
  WindowSpec spec_;
  LateCallback on_late_;
  CloseCallback on_close_;
  uint64_t late_records_ = 0;
};

}  // namespace sharpline::runtime::stream
