#include "adapters/postgres/sink_writer.hpp"

#include <algorithm>
#include <pqxx/pqxx>

namespace sharpline::adapters::postgres {
namespace {

std::string join(const std::vector<std::string>& names, const std::string& prefix = "") {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += prefix + n;
  }
  return out;
}

std::string conflict_clause(const TableSpec& table) {
  std::string clause = " ON CONFLICT (" + join(table.key) + ") ";
  if (table.on_conflict == OnConflict::kIgnore) return clause + "DO NOTHING";
  std::string set;
  for (const auto& column : table.columns) {
    if (std::find(table.key.begin(), table.key.end(), column) != table.key.end()) continue;
    if (!set.empty()) set += ", ";
    set += column;
    set += " = EXCLUDED.";
    set += column;
  }
  return clause + "DO UPDATE SET " + set + " WHERE " + table.newer;
}

}  // namespace

std::vector<std::string> insert_statements(
    const TableSpec& table, const std::vector<SqlRow>& rows,
    const std::function<std::string(const std::string&)>& quote, size_t chunk_rows) {
  std::vector<std::string> statements;
  const std::string head =
      "INSERT INTO " + table.name + " AS t (" + join(table.columns) + ") VALUES ";
  const std::string tail = conflict_clause(table);
  for (size_t start = 0; start < rows.size(); start += chunk_rows) {
    std::string sql = head;
    const size_t end = std::min(rows.size(), start + chunk_rows);
    for (size_t i = start; i < end; ++i) {
      if (rows[i].size() != table.columns.size()) {
        throw std::logic_error("row of " + std::to_string(rows[i].size()) + " values for " +
                               table.name + " (" + std::to_string(table.columns.size()) +
                               " columns)");
      }
      sql += i == start ? "(" : ", (";
      for (size_t c = 0; c < rows[i].size(); ++c) {
        if (c > 0) sql += ", ";
        sql += rows[i][c] ? quote(*rows[i][c]) : "NULL";
      }
      sql += ")";
    }
    statements.push_back(sql + tail);
  }
  return statements;
}

OffsetMap SinkWriter::load_offsets(const std::vector<std::string>& topics) {
  pqxx::read_transaction txn(connection_.get());
  OffsetMap offsets;
  const auto result =
      txn.exec("SELECT topic, partition, next_offset FROM sink_offsets WHERE consumer_group = " +
               txn.quote(group_));
  for (const auto& row : result) {
    const auto topic = row[0].as<std::string>();
    if (std::find(topics.begin(), topics.end(), topic) == topics.end()) continue;
    offsets[{topic, row[1].as<int32_t>()}] = row[2].as<int64_t>();
  }
  return offsets;
}

TableCounts SinkWriter::write(RowsByTable rows, const OffsetMap& next_offsets) {
  deduplicate(rows);
  TableCounts counts;
  pqxx::work txn(connection_.get(), "sharpline-sink");
  const auto quote = [&txn](const std::string& value) { return txn.quote(value); };
  for (const auto& table : sink_tables()) {
    const auto it = rows.find(table.name);
    if (it == rows.end() || it->second.empty()) continue;
    for (const auto& sql : insert_statements(table, it->second, quote)) {
      counts[table.name] += static_cast<long long>(txn.exec(sql).affected_rows());
    }
  }
  if (!next_offsets.empty()) {
    // Offsets only move forward: an instance that lost its partitions in a rebalance while a
    // batch was in flight may still commit it, and must not move the new owner's offsets back.
    std::string sql =
        "INSERT INTO sink_offsets (consumer_group, topic, partition, next_offset) VALUES ";
    bool first = true;
    for (const auto& [tp, offset] : next_offsets) {
      sql += first ? "(" : ", (";
      first = false;
      sql += txn.quote(group_) + ", " + txn.quote(tp.first) + ", " + std::to_string(tp.second) +
             ", " + std::to_string(offset) + ")";
    }
    sql +=
        " ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET next_offset = "
        "GREATEST(sink_offsets.next_offset, EXCLUDED.next_offset), updated_at = now()";
    txn.exec(sql);
  }
  txn.commit();
  return counts;
}

}  // namespace sharpline::adapters::postgres
