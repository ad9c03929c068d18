// Event time: by default the Kafka record timestamp; a stage may read it from the decoded value
// instead (e.g. OddsQuote.observed_ms) so replays of history run on historical time.
#pragma once

#include <cstdint>
#include <functional>

#include "runtime/stream/stream_record.hpp"

namespace sharpline::runtime::stream {

// Returns the event time in epoch ms, or a negative value when the record has none (the
// record is then dead-lettered as invalid, since it cannot be placed in time).
using TimestampExtractor = std::function<int64_t(const InputRecord&)>;

inline int64_t record_timestamp(const InputRecord& record) {
  return record.timestamp_ms;
}

// Stream time of one partition: the largest event time seen so far. It never goes backwards,
// so a late record does not rewind windows or punctuations.
class StreamTime {
 public:
  static constexpr int64_t kUnknown = INT64_MIN;
  void observe(int64_t event_time_ms) {
    if (event_time_ms > now_) now_ = event_time_ms;
  }
  int64_t now() const { return now_; }
  bool known() const { return now_ != kUnknown; }

 private:
  int64_t now_ = kUnknown;
};

}  // namespace sharpline::runtime::stream
