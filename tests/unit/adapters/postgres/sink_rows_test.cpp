// The Postgres sink's pure mapping: records (the schemas' examples) -> rows, deduplication and
// the generated statements.
#include "adapters/postgres/sink_rows.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "adapters/postgres/migrations.hpp"
#include "adapters/postgres/sink_writer.hpp"

namespace sharpline::adapters::postgres {
namespace {

nlohmann::json example(const std::string& name) {
  std::ifstream in(std::string(SHARPLINE_SOURCE_DIR) + "/schemas/examples/" + name + ".json");
  return nlohmann::json::parse(in);
}

RowsByTable map(const std::string& topic, const nlohmann::json& value, int64_t offset = 7) {
  RowsByTable rows;
  map_record({topic, 3, offset}, value, rows);
  return rows;
}

// The named column of a row, for readable assertions.
SqlValue column(const std::string& table, const SqlRow& row, const std::string& name) {
  const auto& spec = sink_table(table);
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    if (spec.columns[i] == name) return row.at(i);
  }
  throw std::invalid_argument(name);
}

void expect_widths(const RowsByTable& rows) {
  for (const auto& [table, list] : rows) {
    for (const auto& row : list) EXPECT_EQ(row.size(), sink_table(table).columns.size()) << table;
  }
}

TEST(PostgresSinkRows, EventIsOneRowWithTimestampsAndExternalIds) {
  const auto rows = map(kEventsTopic, example("event"));
  ASSERT_EQ(rows.size(), 1U);
  const auto& row = rows.at("events").at(0);
  expect_widths(rows);
  EXPECT_EQ(column("events", row, "event_id"), example("event")["event_id"].get<std::string>());
  const int64_t commence = example("event")["commence_ms"].get<int64_t>();
  EXPECT_EQ(column("events", row, "commence_at"), timestamp_text(commence));
  EXPECT_EQ(column("events", row, "src_partition"), "3");
  EXPECT_EQ(column("events", row, "src_offset"), "7");
  EXPECT_EQ(nlohmann::json::parse(*column("events", row, "external_ids")),
            example("event")["external_ids"]);
}

TEST(PostgresSinkRows, TimestampsAreIsoUtcWithMilliseconds) {
  EXPECT_EQ(timestamp_text(1731878700123), "2024-11-17T21:25:00.123Z");
}

TEST(PostgresSinkRows, PredictionHasOutcomeAndContributionRows) {
  const auto value = example("prediction");
  const auto rows = map(kPredictionsTopic, value);
  expect_widths(rows);
  EXPECT_EQ(rows.at("predictions").size(), 1U);
  EXPECT_EQ(rows.at("prediction_outcomes").size(), value["outcomes"].size());
  EXPECT_EQ(
      rows.count("prediction_contributions") ? rows.at("prediction_contributions").size() : 0U,
      value["contributions"].size());
  const auto& first = rows.at("prediction_outcomes").at(0);
  EXPECT_EQ(column("prediction_outcomes", first, "outcome_index"), "0");
  EXPECT_EQ(std::stod(*column("prediction_outcomes", first, "probability")),
            value["outcomes"][0]["probability"].get<double>());
}

TEST(PostgresSinkRows, OpportunityFillsStateLegsAndTransition) {
  auto value = example("opportunity");
  const auto rows = map(kOpportunitiesTopic, value, 42);
  expect_widths(rows);
  ASSERT_EQ(rows.at("opportunities").size(), 1U);
  EXPECT_EQ(column("opportunities", rows.at("opportunities")[0], "state"), "OPEN");
  EXPECT_EQ(rows.at("opportunity_legs").size(), value["legs"].size());
  ASSERT_EQ(rows.at("opportunity_transitions").size(), 1U);
  const auto& transition = rows.at("opportunity_transitions")[0];
  EXPECT_EQ(column("opportunity_transitions", transition, "closed_reason"), std::nullopt);
  EXPECT_EQ(nlohmann::json::parse(*column("opportunity_transitions", transition, "legs")),
            value["legs"]);
  EXPECT_EQ(column("opportunity_legs", rows.at("opportunity_legs")[0], "point"), std::nullopt);
  EXPECT_EQ(column("opportunity_legs", rows.at("opportunity_legs")[0], "src_offset"), "42");
}

TEST(PostgresSinkRows, GradeHasLegRows) {
  const auto value = example("grade");
  const auto rows = map(kGradesTopic, value);
  expect_widths(rows);
  ASSERT_EQ(rows.at("grades").size(), 1U);
  EXPECT_EQ(column("grades", rows.at("grades")[0], "kind"), "value");
  ASSERT_EQ(rows.at("grade_legs").size(), value["legs"].size());
  EXPECT_EQ(column("grade_legs", rows.at("grade_legs")[0], "result"), "WIN");
}

TEST(PostgresSinkRows, BadRecordsThrowAndAddNothing) {
  RowsByTable rows;
  auto value = example("opportunity");
  value["legs"][0].erase("price");
  EXPECT_THROW(map_record({kOpportunitiesTopic, 0, 1}, value, rows), MappingError);
  value = example("opportunity");
  value["state"] = "REOPENED";
  EXPECT_THROW(map_record({kOpportunitiesTopic, 0, 1}, value, rows), MappingError);
  EXPECT_THROW(map_record({kEventsTopic, 0, 1}, nlohmann::json::array(), rows), MappingError);
  EXPECT_THROW(map_record({"sharpline.odds.v1", 0, 1}, example("event"), rows), MappingError);
  EXPECT_TRUE(rows.empty());
}

TEST(PostgresSinkRows, DeduplicateKeepsNewestStateAndFirstImmutableRow) {
  auto open = example("opportunity");
  auto closed = open;
  closed["state"] = "CLOSED";
  closed["closed_reason"] = "price_moved";
  RowsByTable rows;
  map_record({kOpportunitiesTopic, 1, 10}, open, rows);
  map_record({kOpportunitiesTopic, 1, 11}, closed, rows);
  map_record({kPredictionsTopic, 2, 5}, example("prediction"), rows);
  map_record({kPredictionsTopic, 2, 6}, example("prediction"), rows);
  deduplicate(rows);
  ASSERT_EQ(rows.at("opportunities").size(), 1U);
  EXPECT_EQ(column("opportunities", rows.at("opportunities")[0], "state"), "CLOSED");
  EXPECT_EQ(rows.at("opportunity_transitions").size(), 2U);  // distinct (id, as_of, state)
  ASSERT_EQ(rows.at("predictions").size(), 1U);
  EXPECT_EQ(column("predictions", rows.at("predictions")[0], "src_offset"), "5");
}

TEST(PostgresSinkRows, StatementsAreChunkedAndIdempotent) {
  RowsByTable rows;
  for (int i = 0; i < 5; ++i) {
    auto value = example("event");
    value["event_id"] = "e" + std::to_string(i);
    value["venue"] = nullptr;
    map_record({kEventsTopic, 0, i}, value, rows);
  }
  const auto quote = [](const std::string& v) { return "'" + v + "'"; };
  const auto statements = insert_statements(sink_table("events"), rows.at("events"), quote, 2);
  ASSERT_EQ(statements.size(), 3U);
  EXPECT_NE(statements[0].find("INSERT INTO events AS t (event_id, sport"), std::string::npos);
  EXPECT_NE(statements[0].find("ON CONFLICT (event_id) DO UPDATE SET sport = EXCLUDED.sport"),
            std::string::npos);
  EXPECT_NE(statements[0].find("WHERE t.src_partition <> EXCLUDED.src_partition OR "
                               "t.src_offset < EXCLUDED.src_offset"),
            std::string::npos);
  EXPECT_NE(statements[0].find("NULL"), std::string::npos);
  const auto ignore =
      insert_statements(sink_table("predictions"),
                        map(kPredictionsTopic, example("prediction")).at("predictions"), quote);
  ASSERT_EQ(ignore.size(), 1U);
  EXPECT_TRUE(ignore[0].ends_with("ON CONFLICT (prediction_id) DO NOTHING"));
}

TEST(PostgresSinkRows, EveryTableColumnExistsInTheMigrations) {
  std::string sql;
  for (const auto& m : sink_migrations()) sql += m.sql;
  for (const auto& table : sink_tables()) {
    const auto at = sql.find("CREATE TABLE " + table.name + " (");
    ASSERT_NE(at, std::string::npos) << table.name;
    const std::string body = sql.substr(at, sql.find(");", at) - at);
    for (const auto& column : table.columns) {
      EXPECT_NE(body.find("\n  " + column + " "), std::string::npos) << table.name << "." << column;
    }
  }
}

TEST(PostgresSinkMigrations, VersionsAscendAndChecksumsAreStable) {
  int previous = 0;
  for (const auto& m : sink_migrations()) {
    EXPECT_GT(m.version, previous);
    previous = m.version;
    EXPECT_EQ(migration_checksum(m).size(), 64U);
    EXPECT_EQ(migration_checksum(m), migration_checksum(m));
  }
  Migration changed = sink_migrations().front();
  changed.sql += "\n-- edited";
  EXPECT_NE(migration_checksum(changed), migration_checksum(sink_migrations().front()));
}

TEST(PostgresSinkDsn, PasswordsAreRedacted) {
  EXPECT_EQ(redact_dsn("host=db user=sink password=s3cret dbname=x"),
            "host=db user=sink password=*** dbname=x");
  EXPECT_EQ(redact_dsn("host=db password = 'a b\\'c' dbname=x"), "host=db password = *** dbname=x");
  EXPECT_EQ(redact_dsn("postgresql://sink:s3cret@db:5432/x"), "postgresql://sink:***@db:5432/x");
  EXPECT_EQ(redact_dsn("postgresql://db/x?user=sink&password=s3cret&sslmode=require"),
            "postgresql://db/x?user=sink&password=***&sslmode=require");
  EXPECT_EQ(redact_dsn("host=db user=sink"), "host=db user=sink");
}

}  // namespace
}  // namespace sharpline::adapters::postgres
