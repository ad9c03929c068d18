#include "backtest/pipeline_harness.hpp"

#include <limits>

#include "serde/record_json.hpp"
#include "stages/features_stage.hpp"
#include "stages/grading_stage.hpp"
#include "stages/inference_stage.hpp"
#include "stages/opportunities_stage.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::backtest {
namespace {

using runtime::stream::OutputRecord;
using runtime::stream::TestDriver;

// One partition: a backtest is one process, and keys are processed in feed order either way.
constexpr int32_t kPartitions = 1;

std::vector<uint8_t> text_dead_letter(const runtime::stream::DeadLetter& letter) {
  const std::string text = letter.error_kind + ": " + letter.reason;
  return {text.begin(), text.end()};
}

std::unique_ptr<TestDriver> make_driver(runtime::stream::StageDefinition stage, int64_t start_ms,
                                        std::size_t commit_interval) {
  auto driver =
      std::make_unique<TestDriver>(std::move(stage), kPartitions, text_dead_letter, start_ms);
  driver->set_commit_interval(commit_interval);
  driver->discard_changelogs(true);
  return driver;
}

}  // namespace

PipelineHarness::PipelineHarness(std::shared_ptr<serde::TopicSerde> serde, HarnessOptions options,
                                 HarnessSinks sinks)
    : serde_(std::move(serde)),
      codec_(std::make_shared<stages::RecordCodec>(serde_, options.wire)),
      options_(std::move(options)),
      sinks_(std::move(sinks)) {
  // The model directory is read once: a backtest serves the same models throughout.
  options_.pipeline.model_refresh_ms = std::numeric_limits<int64_t>::max() / 4;
}

void PipelineHarness::advance_to(int64_t ms) {
  if (!now_ms_) {
    // The stages start at the first event time, as a deployment started that day would.
    features_ = make_driver(stages::features_stage(codec_, options_.pipeline), ms,
                            options_.commit_interval);
    inference_ = make_driver(stages::inference_stage(codec_, options_.pipeline), ms,
                             options_.commit_interval);
    if (options_.run_opportunities) {
      opportunities_ = make_driver(stages::opportunities_stage(codec_, options_.pipeline), ms,
                                   options_.commit_interval);
    }
    if (options_.run_grading) {
      grading_ = make_driver(stages::grading_stage(codec_, options_.pipeline), ms,
                             options_.commit_interval);
    }
    now_ms_ = ms;
    return;
  }
  if (ms <= *now_ms_) return;
  const int64_t delta = ms - *now_ms_;
  now_ms_ = ms;
  for (auto* driver : {features_.get(), inference_.get(), opportunities_.get(), grading_.get()}) {
    if (driver != nullptr) driver->advance_wall_clock(delta);
  }
  drain_features();
  drain_grading();
}

runtime::stream::RecordOutcome PipelineHarness::pipe(TestDriver& driver, const char* topic,
                                                     const OutputRecord& record) {
  ++records_in_;
  const auto outcome =
      record.in_process
          ? driver.pipe_value(topic, record.key, record.in_process, record.timestamp_ms)
          : driver.pipe(topic, record.key, record.value, record.timestamp_ms);
  if (outcome == runtime::stream::RecordOutcome::kDeadLettered) ++dead_letters_;
  return outcome;
}

void PipelineHarness::quote(const domain::OddsQuote& quote) {
  advance_to(quote.observed_ms);
  // Fed as a collector's record would be, in the harness's wire.
  const auto record = codec_->output(stages::kOddsTopic, quote, quote.observed_ms);
  if (grading_) {
    pipe(*grading_, stages::kOddsTopic, record);
    drain_grading();
  }
  pipe(*features_, stages::kOddsTopic, record);
  drain_features();
}

void PipelineHarness::weather(const domain::WeatherReport& report, int64_t known_ms) {
  const int64_t at = std::max(known_ms, now_ms_.value_or(known_ms));
  advance_to(at);
  pipe(*features_, stages::kWeatherTopic, codec_->output(stages::kWeatherTopic, report, at));
  drain_features();
}

void PipelineHarness::result(const domain::GameResult& result) {
  advance_to(result.updated_ms);
  std::vector<uint8_t> bytes;
  serde_->encode(stages::kResultsTopic, serde::to_json(result), bytes);
  features_->pipe_global(stages::kResultsTopic, result.event_id,
                         std::string(bytes.begin(), bytes.end()));
  if (grading_) {
    // Results also feed the features stage's global table, which holds bytes: one encoding.
    OutputRecord record;
    record.key = result.event_id;
    record.timestamp_ms = result.updated_ms;
    record.value = std::move(bytes);
    pipe(*grading_, stages::kResultsTopic, record);
    drain_grading();
  }
}

void PipelineHarness::feed(const adapters::history::HistoryBatch& batch, const FeedItem& item,
                           const std::function<void(const domain::GameResult&)>& before_result) {
  switch (item.kind) {
    case FeedKind::kResult: {
      const auto& score = batch.results[item.index];
      advance_to(item.time_ms);  // pending polls first: they are before the result
      if (before_result) before_result(score);
      result(score);
      break;
    }
    case FeedKind::kWeather: {
      domain::WeatherReport report = batch.weather[item.index];
      if (report.kind == "observed") {
        report.kind = "forecast";
        report.observed_ms = item.time_ms;
      }
      weather(report, item.time_ms);
      break;
    }
    case FeedKind::kQuote:
      quote(batch.quotes[item.index]);
      break;
  }
}

void PipelineHarness::bet(const domain::Opportunity& taken) {
  if (!grading_) return;
  pipe(*grading_, stages::kOpportunitiesTopic,
       codec_->output(stages::kOpportunitiesTopic, taken, taken.as_of_ms));
  drain_grading();
}

void PipelineHarness::score(const domain::Prediction& prediction) {
  if (!grading_) return;
  pipe(*grading_, stages::kPredictionsTopic,
       codec_->output(stages::kPredictionsTopic, prediction, prediction.as_of_ms));
  drain_grading();
}

void PipelineHarness::drain_features() {
  auto vectors = features_->take_output(stages::kFeaturesTopic);
  features_->clear_outputs();  // dead letters are counted; changelogs are not kept
  for (const auto& record : vectors) pipe_vector(record);
}

void PipelineHarness::pipe_vector(const OutputRecord& record) {
  if (sinks_.vector) sinks_.vector(codec_->read<domain::FeatureVector>(record));

  pipe(*inference_, stages::kFeaturesTopic, record);
  const auto predictions = inference_->take_output(stages::kPredictionsTopic);
  inference_->clear_outputs();
  const bool model_priced =
      options_.pipeline.detection.source == domain::opportunities::ProbabilitySource::kModel;
  for (const auto& out : predictions) {
    if (sinks_.prediction) sinks_.prediction(codec_->read<domain::Prediction>(out));
    if (opportunities_ && model_priced) pipe(*opportunities_, stages::kPredictionsTopic, out);
  }
  if (opportunities_) {
    pipe(*opportunities_, stages::kFeaturesTopic, record);
    const auto opportunities = opportunities_->take_output(stages::kOpportunitiesTopic);
    opportunities_->clear_outputs();
    for (const auto& out : opportunities) {
      if (sinks_.opportunity) sinks_.opportunity(codec_->read<domain::Opportunity>(out));
    }
  }
  if (grading_) {
    pipe(*grading_, stages::kFeaturesTopic, record);
    drain_grading();
  }
}

void PipelineHarness::drain_grading() {
  if (!grading_) return;
  const auto grades = grading_->take_output(stages::kGradesTopic);
  grading_->clear_outputs();
  if (!sinks_.grade) return;
  for (const auto& out : grades) sinks_.grade(codec_->read<domain::Grade>(out));
}

}  // namespace sharpline::backtest
