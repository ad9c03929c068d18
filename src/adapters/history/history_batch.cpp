#include "adapters/history/history_batch.hpp"

#include <iterator>

namespace sharpline::adapters::history {

namespace {

template <typename T>
void move_append(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  from.clear();
}

}  // namespace

void HistoryBatch::append(HistoryBatch&& other) {
  move_append(events, other.events);
  move_append(quotes, other.quotes);
  move_append(results, other.results);
  move_append(weather, other.weather);
  move_append(rejected, other.rejected);
  move_append(warnings, other.warnings);
  rows_read += other.rows_read;
  skipped += other.skipped;
}

}  // namespace sharpline::adapters::history
