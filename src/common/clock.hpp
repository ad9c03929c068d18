// Wall-clock and elapsed-time helpers shared by the long-running loops (stage runner, sink,
// webhook delivery, live page).
#pragma once

#include <chrono>
#include <cstdint>

namespace sharpline {

// UTC epoch milliseconds, as Kafka timestamps and our records use.
inline int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Seconds elapsed since `start` on the monotonic clock, for latency histograms.
inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace sharpline
