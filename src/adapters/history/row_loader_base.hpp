// What the per-row history loaders share: reporting rejected rows and dropped cells to the
// batch, reading a numeric cell, recording an event's final score, and the loop over a table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "adapters/history/history_batch.hpp"
#include "adapters/history/table.hpp"

namespace sharpline::adapters::history {

// The canonical name of a team as the entity mapping tables (src/adapters/entities/mappings)
// give it, so historical events join the live feeds' events; a sport without a table passes the
// name through (trimmed); nullopt for a name its sport's table does not know. The tables are
// read once from the default directory (SHARPLINE_SOURCE_DIR); a missing directory throws
// entities::MappingError.
std::optional<std::string> canonical_team(std::string_view sport, std::string_view name);

// The canonical event id of a historical game (domain/events/canonical_event_id.hpp): sport,
// canonical teams, game day and doubleheader number. Throws domain::InvalidInput like
// canonical_event_id.
std::string historical_event_id(const domain::Event& event, int year, int month, int day,
                                int game_number = 1);

// A final result of `event`, available lag_ms after kickoff; callers add period and stats.
domain::GameResult final_result(const domain::Event& event, int32_t home_score, int32_t away_score,
                                int64_t lag_ms);

// A row as a compact JSON object {"header": "cell", ...} (cells past the header are "columnN"),
// the raw payload a dead letter carries; empty for a malformed row, which has no cells.
std::string raw_row(const Table& table, const Table::Row& row);

// Marks the event final as of the result and adds the result to the batch.
void add_final(domain::Event& event, domain::GameResult result, HistoryBatch& out);

class RowLoaderBase {
 protected:
  RowLoaderBase(const Table& table, HistoryBatch& out) : table_(table), out_(out) {}

  void reject(const Table::Row& row, std::string reason);
  void warn(const Table::Row& row, std::string_view column, std::string_view value,
            std::string_view why);
  // A numeric cell; blank is nullopt, anything else unparsable is nullopt plus a warning.
  std::optional<double> number(const Table::Row& row, std::string_view column);

  const Table& table_;
  HistoryBatch& out_;
};

// Feeds every non-blank data row to loader.load(row), counting rows read and blank rows skipped.
template <typename Loader>
void load_each_row(const Table& table, HistoryBatch& out, Loader& loader) {
  for (const auto& row : table.rows()) {
    ++out.rows_read;
    if (row.blank()) {
      ++out.skipped;
      continue;
    }
    loader.load(row);
  }
}

// A whole file in memory through a RowLoader(table, out) that has load(row).
template <typename Loader>
HistoryBatch load_table_text(std::string_view text, std::string name) {
  const Table table = Table::parse(text, std::move(name));
  HistoryBatch out;
  Loader loader(table, out);
  load_each_row(table, out, loader);
  return out;
}

}  // namespace sharpline::adapters::history
