#include "adapters/postgres/sink_rows.hpp"

#include <algorithm>
#include <set>

#include "adapters/sources/iso_time.hpp"

namespace sharpline::adapters::postgres {
namespace {

// Rows that hold the latest state of something replace the stored row only when they come later
// on the same partition (the records of one key share a partition, in update order).
constexpr const char* kLaterOnPartition =
    "t.src_partition <> EXCLUDED.src_partition OR t.src_offset < EXCLUDED.src_offset";

const nlohmann::json& field(const nlohmann::json& record, const char* name) {
  const auto it = record.find(name);
  if (it == record.end()) throw MappingError(std::string("missing field '") + name + "'");
  return *it;
}

std::string str(const nlohmann::json& record, const char* name) {
  const auto& v = field(record, name);
  if (!v.is_string()) throw MappingError(std::string("field '") + name + "' is not a string");
  return v.get<std::string>();
}

SqlValue opt_str(const nlohmann::json& record, const char* name) {
  const auto it = record.find(name);
  if (it == record.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw MappingError(std::string("field '") + name + "' is not a string");
  return it->get<std::string>();
}

int64_t integer(const nlohmann::json& record, const char* name) {
  const auto& v = field(record, name);
  if (!v.is_number_integer()) {
    throw MappingError(std::string("field '") + name + "' is not an integer");
  }
  return v.get<int64_t>();
}

SqlValue opt_int(const nlohmann::json& record, const char* name) {
  const auto it = record.find(name);
  if (it == record.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) {
    throw MappingError(std::string("field '") + name + "' is not an integer");
  }
  return std::to_string(it->get<int64_t>());
}

std::string number(const nlohmann::json& record, const char* name) {
  const auto& v = field(record, name);
  if (!v.is_number()) throw MappingError(std::string("field '") + name + "' is not a number");
  return v.dump();  // shortest text that reads back as the same double
}

SqlValue opt_number(const nlohmann::json& record, const char* name) {
  const auto it = record.find(name);
  if (it == record.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) throw MappingError(std::string("field '") + name + "' is not a number");
  return it->dump();
}

std::string timestamp(const nlohmann::json& record, const char* name) {
  return timestamp_text(integer(record, name));
}

SqlValue opt_timestamp(const nlohmann::json& record, const char* name) {
  const auto it = record.find(name);
  if (it == record.end() || it->is_null()) return std::nullopt;
  return timestamp(record, name);
}

std::string boolean(const nlohmann::json& record, const char* name) {
  const auto it = record.find(name);
  if (it == record.end()) return "false";  // the schema's default
  if (!it->is_boolean()) throw MappingError(std::string("field '") + name + "' is not a boolean");
  return it->get<bool>() ? "true" : "false";
}

const nlohmann::json& array(const nlohmann::json& record, const char* name) {
  const auto& v = field(record, name);
  if (!v.is_array()) throw MappingError(std::string("field '") + name + "' is not an array");
  return v;
}

std::string one_of(const nlohmann::json& record, const char* name,
                   std::initializer_list<const char*> allowed) {
  std::string value = str(record, name);
  for (const char* a : allowed) {
    if (value == a) return value;
  }
  throw MappingError(std::string("field '") + name + "' has unknown value '" + value + "'");
}

std::string position_text(int64_t value) {
  return std::to_string(value);
}

void map_event(const SourcePosition& at, const nlohmann::json& r, RowsByTable& out) {
  const auto& ids = r.contains("external_ids") ? r["external_ids"] : nlohmann::json::object();
  if (!ids.is_object()) throw MappingError("field 'external_ids' is not a map");
  out["events"].push_back({str(r, "event_id"), str(r, "sport"), opt_str(r, "league"),
                           opt_int(r, "season"), opt_int(r, "week"), str(r, "home_team"),
                           str(r, "away_team"), timestamp(r, "commence_ms"),
                           boolean(r, "neutral_site"), opt_str(r, "venue"), str(r, "status"),
                           str(r, "source"), timestamp(r, "updated_ms"), ids.dump(),
                           position_text(at.partition), position_text(at.offset)});
}

void map_prediction(const SourcePosition& at, const nlohmann::json& r, RowsByTable& out) {
  const std::string id = str(r, "prediction_id");
  out["predictions"].push_back(
      {id, str(r, "event_id"), str(r, "sport"), str(r, "market"), timestamp(r, "as_of_ms"),
       timestamp(r, "created_ms"), str(r, "model_name"), str(r, "model_version"),
       one_of(r, "role", {"CHAMPION", "CHALLENGER", "CONSENSUS"}), opt_number(r, "base_value"),
       str(r, "lock_sha256"), opt_timestamp(r, "commence_ms"), position_text(at.partition),
       position_text(at.offset)});
  int index = 0;
  for (const auto& o : array(r, "outcomes")) {
    out["prediction_outcomes"].push_back({id, std::to_string(index++), str(o, "outcome"),
                                          opt_number(o, "point"), number(o, "probability")});
  }
  int rank = 0;
  for (const auto& c : array(r, "contributions")) {
    out["prediction_contributions"].push_back(
        {id, std::to_string(rank++), str(c, "feature"), number(c, "value"), opt_str(c, "outcome")});
  }
}

void map_opportunity(const SourcePosition& at, const nlohmann::json& r, RowsByTable& out) {
  const std::string id = str(r, "opportunity_id");
  const std::string state = one_of(r, "state", {"OPEN", "UPDATED", "CLOSED"});
  const std::string as_of = timestamp(r, "as_of_ms");
  const std::string partition = position_text(at.partition);
  const std::string offset = position_text(at.offset);
  out["opportunities"].push_back(
      {id, str(r, "event_id"), str(r, "sport"), str(r, "market"), opt_timestamp(r, "commence_ms"),
       str(r, "kind"), state, opt_number(r, "expected_value"), opt_number(r, "kelly_fraction"),
       opt_number(r, "arbitrage_return"), opt_number(r, "middle_gap"), opt_str(r, "tier"),
       opt_str(r, "prediction_id"), timestamp(r, "detected_ms"), as_of, opt_str(r, "closed_reason"),
       partition, offset});
  const auto& legs = array(r, "legs");
  int index = 0;
  for (const auto& leg : legs) {
    out["opportunity_legs"].push_back(
        {id, std::to_string(index++), str(leg, "bookmaker"), str(leg, "outcome"),
         opt_number(leg, "point"), number(leg, "price"), number(leg, "stake"),
         opt_number(leg, "fair_probability"), as_of, partition, offset});
  }
  out["opportunity_transitions"].push_back(
      {id, state, as_of, opt_number(r, "expected_value"), opt_number(r, "kelly_fraction"),
       opt_number(r, "arbitrage_return"), opt_number(r, "middle_gap"), opt_str(r, "tier"),
       opt_str(r, "closed_reason"), legs.dump(), partition, offset});
}

void map_grade(const SourcePosition& at, const nlohmann::json& r, RowsByTable& out) {
  const std::string id = str(r, "opportunity_id");
  const std::string kind = str(r, "kind");
  const std::string graded_at = timestamp(r, "graded_ms");
  const std::string partition = position_text(at.partition);
  const std::string offset = position_text(at.offset);
  out["grades"].push_back({id, kind, str(r, "event_id"), str(r, "sport"), str(r, "market"),
                           opt_str(r, "prediction_id"), number(r, "total_profit"), graded_at,
                           opt_int(r, "home_score"), opt_int(r, "away_score"),
                           opt_str(r, "strategy"), opt_number(r, "probability_of_result"),
                           opt_number(r, "brier"), opt_number(r, "log_loss"), partition, offset});
  int index = 0;
  for (const auto& leg : array(r, "legs")) {
    out["grade_legs"].push_back(
        {id, kind, std::to_string(index++), str(leg, "bookmaker"), str(leg, "outcome"),
         opt_number(leg, "point"), number(leg, "price"), number(leg, "stake"),
         one_of(leg, "result", {"WIN", "LOSE", "PUSH", "VOID", "HALF_WIN", "HALF_LOSE"}),
         number(leg, "profit"), opt_number(leg, "closing_price"),
         opt_number(leg, "closing_fair_probability"), opt_number(leg, "clv"), graded_at, partition,
         offset});
  }
}

std::vector<TableSpec> make_tables() {
  using enum OnConflict;
  return {
      {"events",
       {"event_id", "sport", "league", "season", "week", "home_team", "away_team", "commence_at",
        "neutral_site", "venue", "status", "source", "updated_at", "external_ids", "src_partition",
        "src_offset"},
       {"event_id"},
       kReplaceIfNewer,
       kLaterOnPartition},
      {"predictions",
       {"prediction_id", "event_id", "sport", "market", "as_of", "created_at", "model_name",
        "model_version", "role", "base_value", "lock_sha256", "commence_at", "src_partition",
        "src_offset"},
       {"prediction_id"},
       kIgnore,
       ""},
      {"prediction_outcomes",
       {"prediction_id", "outcome_index", "outcome", "point", "probability"},
       {"prediction_id", "outcome_index"},
       kIgnore,
       ""},
      {"prediction_contributions",
       {"prediction_id", "rank", "feature", "value", "outcome"},
       {"prediction_id", "rank"},
       kIgnore,
       ""},
      {"opportunities",
       {"opportunity_id", "event_id", "sport", "market", "commence_at", "kind", "state",
        "expected_value", "kelly_fraction", "arbitrage_return", "middle_gap", "tier",
        "prediction_id", "detected_at", "as_of", "closed_reason", "src_partition", "src_offset"},
       {"opportunity_id"},
       kReplaceIfNewer,
       kLaterOnPartition},
      {"opportunity_legs",
       {"opportunity_id", "leg_index", "bookmaker", "outcome", "point", "price", "stake",
        "fair_probability", "as_of", "src_partition", "src_offset"},
       {"opportunity_id", "leg_index"},
       kReplaceIfNewer,
       kLaterOnPartition},
      {"opportunity_transitions",
       {"opportunity_id", "state", "as_of", "expected_value", "kelly_fraction", "arbitrage_return",
        "middle_gap", "tier", "closed_reason", "legs", "src_partition", "src_offset"},
       {"opportunity_id", "as_of", "state"},
       kIgnore,
       ""},
      {"grades",
       {"opportunity_id", "kind", "event_id", "sport", "market", "prediction_id", "total_profit",
        "graded_at", "home_score", "away_score", "strategy", "probability_of_result", "brier",
        "log_loss", "src_partition", "src_offset"},
       {"opportunity_id", "kind"},
       kReplaceIfNewer,
       kLaterOnPartition},
      {"grade_legs",
       {"opportunity_id", "kind", "leg_index", "bookmaker", "outcome", "point", "price", "stake",
        "result", "profit", "closing_price", "closing_fair_probability", "clv", "graded_at",
        "src_partition", "src_offset"},
       {"opportunity_id", "kind", "leg_index"},
       kReplaceIfNewer,
       kLaterOnPartition},
  };
}

}  // namespace

const std::vector<std::string>& sink_topics() {
  static const std::vector<std::string> topics = {kEventsTopic, kPredictionsTopic,
                                                  kOpportunitiesTopic, kGradesTopic};
  return topics;
}

const std::vector<TableSpec>& sink_tables() {
  static const std::vector<TableSpec> tables = make_tables();
  return tables;
}

const TableSpec& sink_table(const std::string& name) {
  for (const auto& table : sink_tables()) {
    if (table.name == name) return table;
  }
  throw std::invalid_argument("no sink table " + name);
}

std::string timestamp_text(int64_t epoch_ms) {
  return sources::format_iso8601_ms(epoch_ms);
}

void map_record(const SourcePosition& position, const nlohmann::json& value, RowsByTable& out) {
  if (!value.is_object()) throw MappingError("the record is not an object");
  RowsByTable rows;  // filled completely before anything reaches `out`
  if (position.topic == kEventsTopic) {
    map_event(position, value, rows);
  } else if (position.topic == kPredictionsTopic) {
    map_prediction(position, value, rows);
  } else if (position.topic == kOpportunitiesTopic) {
    map_opportunity(position, value, rows);
  } else if (position.topic == kGradesTopic) {
    map_grade(position, value, rows);
  } else {
    throw MappingError("the sink does not store topic " + position.topic);
  }
  for (auto& [table, list] : rows) {
    auto& target = out[table];
    for (auto& row : list) target.push_back(std::move(row));
  }
}

void deduplicate(RowsByTable& rows) {
  for (auto& [name, list] : rows) {
    const TableSpec& spec = sink_table(name);
    std::vector<size_t> key_columns;
    for (const auto& k : spec.key) {
      key_columns.push_back(static_cast<size_t>(
          std::find(spec.columns.begin(), spec.columns.end(), k) - spec.columns.begin()));
    }
    const bool keep_last = spec.on_conflict == OnConflict::kReplaceIfNewer;
    std::set<std::vector<SqlValue>> seen;
    std::vector<SqlRow> kept;
    auto take = [&](SqlRow& row) {
      std::vector<SqlValue> key;
      key.reserve(key_columns.size());
      for (size_t c : key_columns) key.push_back(row[c]);
      if (seen.insert(std::move(key)).second) kept.push_back(std::move(row));
    };
    if (keep_last) {
      std::for_each(list.rbegin(), list.rend(), take);
      std::reverse(kept.begin(), kept.end());
    } else {
      for (auto& row : list) take(row);
    }
    list = std::move(kept);
  }
}

}  // namespace sharpline::adapters::postgres
