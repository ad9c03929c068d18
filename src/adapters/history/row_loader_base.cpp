#include "adapters/history/row_loader_base.hpp"

#include <nlohmann/json.hpp>

#include "adapters/entities/entity_resolver.hpp"
#include "domain/events/canonical_event_id.hpp"

namespace sharpline::adapters::history {

std::optional<std::string> canonical_team(std::string_view sport, std::string_view name) {
  static const entities::EntityResolver resolver = entities::EntityResolver::load();
  return resolver.resolve_team(sport, name);
}

std::string historical_event_id(const domain::Event& event, int year, int month, int day,
                                int game_number) {
  return domain::events::canonical_event_id(
      {event.sport, event.home_team, event.away_team, {year, month, day}, game_number});
}

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

std::string raw_row(const Table& table, const Table::Row& row) {
  if (row.malformed) return {};
  nlohmann::ordered_json cells = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    const std::string column = i < table.header().size() && !table.header()[i].empty()
                                   ? table.header()[i]
                                   : "column" + std::to_string(i + 1);
    cells[column] = row.cells[i];
  }
  // Cells of a hand-edited file need not be UTF-8: replace bad bytes rather than throw.
  return cells.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void add_final(domain::Event& event, domain::GameResult result, HistoryBatch& out) {
  event.status = "final";
  event.updated_ms = result.updated_ms;
  out.results.push_back(std::move(result));
}

void RowLoaderBase::reject(const Table::Row& row, std::string reason) {
  out_.rejected.push_back({table_.name(), row.line, std::move(reason), raw_row(table_, row)});
}

void RowLoaderBase::warn(const Table::Row& row, std::string_view column, std::string_view value,
                         std::string_view why) {
  out_.warnings.push_back(
      {table_.name(),
       row.line,
       std::string(column) + " '" + std::string(value) + "' " + std::string(why),
       {}});
}

std::optional<double> RowLoaderBase::number(const Table::Row& row, std::string_view column) {
  const std::string_view text = table_.cell(row, column);
  if (text.empty()) return std::nullopt;
  const auto value = parse_number(text);
  if (!value) warn(row, column, text, "is not a number");
  return value;
}

}  // namespace sharpline::adapters::history
