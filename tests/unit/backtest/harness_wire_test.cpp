// The in-process hand-off between the stages (HarnessOptions::wire) is only a speed-up: the same
// feed gives the same vectors, predictions, opportunities and report as the Avro bytes the
// stages exchange on Kafka, on a synthetic dataset and on a real football-data season.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "adapters/history/dataset.hpp"
#include "backtest/backtest_run.hpp"
#include "backtest/history_feed.hpp"
#include "backtest/offline_serde.hpp"
#include "backtest/pipeline_harness.hpp"
#include "backtest_fixture.hpp"
#include "serde/pipeline_record_json.hpp"

namespace sharpline::backtest {
namespace {

using Wire = stages::RecordCodec::Wire;

// Every stage output the harness hands its caller, as JSON in emission order.
std::vector<std::string> outputs_of(const adapters::history::Dataset& dataset, Wire wire) {
  std::vector<std::string> out;
  HarnessSinks sinks;
  sinks.vector = [&](const domain::FeatureVector& v) { out.push_back(serde::to_json(v).dump()); };
  sinks.prediction = [&](const domain::Prediction& p) { out.push_back(serde::to_json(p).dump()); };
  sinks.opportunity = [&](const domain::Opportunity& o) {
    out.push_back(serde::to_json(o).dump());
  };
  HarnessOptions options;
  options.wire = wire;
  PipelineHarness harness(make_offline_topic_serde(), options, std::move(sinks));
  const auto& batch = dataset.batch;
  for (const auto& item : history_feed(batch)) harness.feed(batch, item);
  harness.advance_to(batch.results.back().updated_ms + testing::kDayMs);
  return out;
}

DatasetSummary summary_of(const adapters::history::Dataset& dataset) {
  DatasetSummary s;
  s.name = "wire";
  s.events = dataset.batch.events.size();
  s.quotes = dataset.batch.quotes.size();
  s.results = dataset.batch.results.size();
  return s;
}

std::string report_of(const adapters::history::Dataset& dataset, Wire wire) {
  return run_backtest(dataset, summary_of(dataset), Strategy{}, {}, wire).report.dump(2);
}

adapters::history::Dataset synthetic() {
  std::vector<testing::GameSpec> games;
  for (int k = 0; k < 8; ++k) {
    testing::GameSpec g{k % 2 ? "Kansas City Chiefs" : "Buffalo Bills",
                        k % 2 ? "Buffalo Bills" : "Kansas City Chiefs"};
    g.day = 1 + k * 3;
    g.month = 10;
    g.home_score = 10 + (k * 7) % 20;
    g.away_score = 13;
    g.soft_home = 2.3 + 0.05 * k;
    g.soft_away = 1.6;
    games.push_back(g);
  }
  return testing::make_dataset(games);
}

TEST(HarnessWire, InProcessAndAvroGiveTheSameStageOutputs) {
  const auto dataset = synthetic();
  const auto avro = outputs_of(dataset, Wire::kAvro);
  ASSERT_GT(avro.size(), 8U);  // vectors and opportunities of every game
  EXPECT_EQ(outputs_of(dataset, Wire::kInProcess), avro);
}

TEST(HarnessWire, InProcessAndAvroGiveTheSameReport) {
  const auto dataset = synthetic();
  const auto avro = report_of(dataset, Wire::kAvro);
  EXPECT_NE(avro.find("\"bets\": "), std::string::npos);
  EXPECT_EQ(report_of(dataset, Wire::kInProcess), avro);
}

TEST(HarnessWire, InProcessAndAvroGiveTheSameReportOnARealSeason) {
  std::filesystem::path dir =
      std::filesystem::path(SHARPLINE_SOURCE_DIR) / ".." / "shared" / "data";
  if (const char* env = std::getenv("SHARPLINE_DATA_DIR"); env != nullptr && *env != '\0') {
    dir = env;
  }
  if (!std::filesystem::exists(dir / "football_data")) GTEST_SKIP() << "no shared data";
  const auto dataset = adapters::history::load_dataset({"football-data", dir, {"E0"}, 2022, 2022});
  const auto avro = report_of(dataset, Wire::kAvro);
  EXPECT_EQ(report_of(dataset, Wire::kInProcess), avro);
  EXPECT_EQ(nlohmann::json::parse(avro).at("dead_letters"), 0);
}

}  // namespace
}  // namespace sharpline::backtest
