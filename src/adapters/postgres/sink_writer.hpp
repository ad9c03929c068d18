// Writes the sink's rows and its consumer offsets to PostgreSQL in one transaction, with
// multi-row INSERT ... ON CONFLICT statements (idempotent: see TableSpec::on_conflict).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>

#include "adapters/postgres/pg_connection.hpp"
#include "adapters/postgres/sink_rows.hpp"

namespace sharpline::adapters::postgres {

// (topic, partition) -> the next offset to consume.
using OffsetMap = std::map<std::pair<std::string, int32_t>, int64_t>;

// Rows inserted or updated per table by one write.
using TableCounts = std::map<std::string, long long>;

// The statements of one table's rows, in chunks of at most `chunk_rows` rows each. `quote`
// turns a value into an SQL literal (the connection's escaping).
std::vector<std::string> insert_statements(
    const TableSpec& table, const std::vector<SqlRow>& rows,
    const std::function<std::string(const std::string&)>& quote, size_t chunk_rows = 500);

class SinkWriter {
 public:
  SinkWriter(PgConnection& connection, std::string consumer_group)
      : connection_(connection), group_(std::move(consumer_group)) {}

  // The offsets this consumer group stored for `topics`.
  OffsetMap load_offsets(const std::vector<std::string>& topics);

  // One transaction: every row (deduplicated), then the offsets; commits. Throws
  // pqxx::broken_connection / pqxx::in_doubt_error when the server went away (nothing or
  // everything was written: the stored offsets tell which), pqxx::sql_error when it rejected a
  // statement (nothing was written).
  TableCounts write(RowsByTable rows, const OffsetMap& next_offsets);

 private:
  PgConnection& connection_;
  std::string group_;
};

}  // namespace sharpline::adapters::postgres
