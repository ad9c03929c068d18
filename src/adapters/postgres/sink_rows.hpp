// The pure part of the Postgres sink: which tables exist, and how one decoded record (the
// natural JSON of its Avro value) becomes rows of those tables. No I/O, so it is unit-tested
// without a database.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sharpline::adapters::postgres {

inline constexpr const char* kEventsTopic = "sharpline.events.v1";
inline constexpr const char* kPredictionsTopic = "sharpline.predictions.v1";
inline constexpr const char* kOpportunitiesTopic = "sharpline.opportunities.v1";
inline constexpr const char* kGradesTopic = "sharpline.grades.v1";

// The topics the sink consumes.
const std::vector<std::string>& sink_topics();

// A record that cannot become rows (a required field missing or of the wrong type): it goes to
// the dead-letter topic.
class MappingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A column value as SQL text (PostgreSQL casts it to the column's type); nullopt is NULL.
using SqlValue = std::optional<std::string>;
using SqlRow = std::vector<SqlValue>;

// How a row meets an existing row with the same key: kIgnore keeps the existing row (immutable
// records), kReplaceIfNewer overwrites it only when `newer` (an SQL condition over the existing
// row `t` and EXCLUDED) holds, so re-consuming older records changes nothing.
enum class OnConflict { kIgnore, kReplaceIfNewer };

struct TableSpec {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::string> key;  // a prefix-free subset of columns: the primary key
  OnConflict on_conflict = OnConflict::kIgnore;
  std::string newer;
};

// Every table the sink writes, parents before children (the order of the inserts).
const std::vector<TableSpec>& sink_tables();
const TableSpec& sink_table(const std::string& name);

// Where a record sits on the bus.
struct SourcePosition {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
};

// Rows per table name, in arrival order.
using RowsByTable = std::map<std::string, std::vector<SqlRow>>;

// Appends the rows of one record to `out`; throws MappingError (and leaves `out` unchanged)
// when the record does not fit. Topics other than sink_topics() are a MappingError too.
void map_record(const SourcePosition& position, const nlohmann::json& value, RowsByTable& out);

// Keeps one row per key and table (the last for kReplaceIfNewer tables, whose later rows are
// newer; the first for kIgnore tables): one INSERT ... ON CONFLICT DO UPDATE may not touch a
// row twice.
void deduplicate(RowsByTable& rows);

// Milliseconds since the epoch as an ISO 8601 UTC timestamp PostgreSQL reads as timestamptz.
std::string timestamp_text(int64_t epoch_ms);

}  // namespace sharpline::adapters::postgres
