// The live pipeline's four stages (features, inference, opportunities, grading) run in-process on
// the runtime's TestDriver, chained the way the topics chain them on Kafka, with the wall clock
// following event time. Nothing here decides what to bet: the caller (the bettor of a backtest,
// or training) reads the stages' outputs through the sinks and feeds the grading stage the bets
// it takes and the predictions it wants scored.
//
// Per vector the features stage emits: sinks.vector, then the inference stage (sinks.prediction
// for each prediction; champion predictions then go to the opportunities stage when it prices
// with the model), then the opportunities stage (sinks.opportunity), then the grading stage
// (closing lines). Records cross the stages as values (HarnessOptions::wire), or as the
// Confluent-framed Avro they have on the bus.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "backtest/history_feed.hpp"
#include "domain/records/pipeline_records.hpp"
#include "domain/records/records.hpp"
#include "runtime/stream/test_driver.hpp"
#include "stages/pipeline_options.hpp"
#include "stages/record_codec.hpp"

namespace sharpline::backtest {

struct HarnessSinks {
  std::function<void(const domain::FeatureVector&)> vector;
  std::function<void(const domain::Prediction&)> prediction;
  std::function<void(const domain::Opportunity&)> opportunity;
  std::function<void(const domain::Grade&)> grade;
};

struct HarnessOptions {
  stages::PipelineOptions pipeline;
  bool run_opportunities = true;  // false: features and inference only (training)
  bool run_grading = true;
  // Changelog flushes every this many records (a commit interval; outputs are the same).
  std::size_t commit_interval = 4096;
  // kInProcess hands records between the stages as values; kAvro as the Avro bytes they would
  // have on Kafka. The outputs are the same (backtest_run_test compares the two); kAvro costs
  // about twice the time (docs/performance.md).
  stages::RecordCodec::Wire wire = stages::RecordCodec::Wire::kInProcess;
};

class PipelineHarness {
 public:
  PipelineHarness(std::shared_ptr<serde::TopicSerde> serde, HarnessOptions options,
                  HarnessSinks sinks);

  // Moves every stage's wall clock to `ms` (never back), which ends quiet polls in the features
  // stage; their vectors cascade through the other stages before this returns.
  void advance_to(int64_t ms);

  void quote(const domain::OddsQuote& quote);
  // A weather record as it became known at `known_ms` (history_feed.hpp).
  void weather(const domain::WeatherReport& report, int64_t known_ms);
  // A final score: the features stage's results table (ratings, rest) and the grading stage.
  void result(const domain::GameResult& result);
  // One record of history_feed(batch), at its feed time: a result after the clock has reached
  // it and after before_result (the caller's last look before the score is known); observed
  // weather as the forecast it stands in for (history_feed.hpp).
  void feed(const adapters::history::HistoryBatch& batch, const FeedItem& item,
            const std::function<void(const domain::GameResult&)>& before_result = {});
  // A bet the caller takes: an OPEN opportunity record into the grading stage.
  void bet(const domain::Opportunity& taken);
  // A prediction to score (Brier, log loss) once its game is final.
  void score(const domain::Prediction& prediction);

  std::size_t dead_letters() const { return dead_letters_; }
  std::size_t records_in() const { return records_in_; }

 private:
  void drain_features();
  void drain_grading();
  runtime::stream::RecordOutcome pipe(runtime::stream::TestDriver& driver, const char* topic,
                                      const runtime::stream::OutputRecord& record);
  void pipe_vector(const runtime::stream::OutputRecord& record);

  std::shared_ptr<serde::TopicSerde> serde_;
  std::shared_ptr<stages::RecordCodec> codec_;
  HarnessOptions options_;
  HarnessSinks sinks_;
  std::unique_ptr<runtime::stream::TestDriver> features_;
  std::unique_ptr<runtime::stream::TestDriver> inference_;
  std::unique_ptr<runtime::stream::TestDriver> opportunities_;
  std::unique_ptr<runtime::stream::TestDriver> grading_;
  std::optional<int64_t> now_ms_;
  std::size_t dead_letters_ = 0;
  std::size_t records_in_ = 0;
};

}  // namespace sharpline::backtest
