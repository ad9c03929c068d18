#include "adapters/history/row_loader_base.hpp"

namespace sharpline::adapters::history {

domain::GameResult final_result(const domain::Event& event, int32_t home_score, int32_t away_score,
                                int64_t lag_ms) {
  domain::GameResult result;
  result.event_id = event.event_id;
  result.sport = event.sport;
  result.status = "final";
  result.home_score = home_score;
  result.away_score = away_score;
  result.is_final = true;
  result.updated_ms = event.commence_ms + lag_ms;
  result.source = event.source;
  return result;
}

void add_final(domain::Event& event, domain::GameResult result, HistoryBatch& out) {
  event.status = "final";
  event.updated_ms = result.updated_ms;
  out.results.push_back(std::move(result));
}

void RowLoaderBase::reject(const Table::Row& row, std::string reason) {
  out_.rejected.push_back({table_.name(), row.line, std::move(reason)});
}

void RowLoaderBase::warn(const Table::Row& row, std::string_view column, std::string_view value,
                         std::string_view why) {
  out_.warnings.push_back(
      {table_.name(), row.line,
       std::string(column) + " '" + std::string(value) + "' " + std::string(why)});
}

std::optional<double> RowLoaderBase::number(const Table::Row& row, std::string_view column) {
  const std::string_view text = table_.cell(row, column);
  if (text.empty()) return std::nullopt;
  const auto value = parse_number(text);
  if (!value) warn(row, column, text, "is not a number");
  return value;
}

}  // namespace sharpline::adapters::history
