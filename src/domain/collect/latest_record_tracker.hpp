// Which records to (re)publish when a record replaces the previous one for its event (events,
// results, weather): send one only when something a consumer reads changed. The record's own
// timestamp (updated_ms, observed_ms) is ignored in the comparison: it moves on every poll and
// would make every record "changed".
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/records/records.hpp"

namespace sharpline::domain::collect {

template <typename Record, std::string Record::*Id, int64_t Record::*Stamp>
class LatestRecordTracker {
 public:
  // True (and remembers the record) if its id is new or any field but the stamp differs.
  bool observe(const Record& record) {
    Record comparable = record;
    comparable.*Stamp = 0;
    const auto [it, inserted] = held_.try_emplace(record.*Id, comparable);
    if (inserted) return true;
    if (it->second == comparable) return false;
    it->second = std::move(comparable);
    return true;
  }

  // The held records (stamps zeroed), for a state snapshot, and its inverse.
  std::vector<Record> held() const {
    std::vector<Record> records;
    records.reserve(held_.size());
    for (const auto& [id, record] : held_) records.push_back(record);
    return records;
  }
  void restore(const std::vector<Record>& records) {
    held_.clear();
    for (const auto& record : records) observe(record);
  }

 private:
  std::map<std::string, Record> held_;
};

using EventTracker = LatestRecordTracker<Event, &Event::event_id, &Event::updated_ms>;
using ResultTracker =
    LatestRecordTracker<GameResult, &GameResult::event_id, &GameResult::updated_ms>;
using WeatherTracker =
    LatestRecordTracker<WeatherReport, &WeatherReport::event_id, &WeatherReport::observed_ms>;

}  // namespace sharpline::domain::collect
