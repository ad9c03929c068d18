#include "bus/pipeline_bench.hpp"

#include <chrono>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>

#include "bus/stage_group.hpp"
#include "cli/commands/collect_publisher.hpp"
#include "runtime/kafka/consumer.hpp"
#include "stages/record_codec.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::bench::bus {
namespace {

using Clock = std::chrono::steady_clock;

uint64_t count_of(const std::map<std::string, uint64_t>& counts, const std::string& topic) {
  const auto it = counts.find(topic);
  return it == counts.end() ? 0 : it->second;
}

// Reads a whole (committed) topic once and counts its records by `label`.
template <typename Label>
std::map<std::string, uint64_t> census(cli::BusContext& context, const char* topic,
                                       uint64_t expected, Label label) {
  runtime::kafka::Consumer consumer(context.bus().client_properties());
  consumer.assign_all({topic}, runtime::kafka::StartAt::kBeginning);
  std::map<std::string, uint64_t> counts;
  uint64_t seen = 0;
  for (int idle = 0; seen < expected && idle < 20;) {
    auto message = consumer.poll(100);
    if (!message) {
      ++idle;
      continue;
    }
    ++seen;
    ++counts[label(
        std::span<const uint8_t>(static_cast<const uint8_t*>(message->payload), message->len))];
  }
  return counts;
}

std::string joined(const std::map<std::string, uint64_t>& counts) {
  std::ostringstream out;
  const char* sep = "";
  for (const auto& [name, count] : counts) {
    out << sep << name << " " << count;
    sep = ", ";
  }
  return out.str();
}

}  // namespace

PipelineResult run_pipeline(const BenchOptions& options, cli::BusContext& context) {
  const auto model = prepare_model(options.model_dir, options.data_dir);
  const auto quotes = synthetic_quotes(static_cast<std::size_t>(options.records), 1);
  {
    cli::CollectPublisher publisher(context, "collector:the-odds-api");
    for (const auto& quote : quotes) publisher.publish(quote);
    publisher.flush();
  }
  if (const auto dropped = dropped_offsets(context, stages::kOddsTopic); dropped > 0) {
    throw std::runtime_error("the embedded broker dropped " + std::to_string(dropped) +
                             " quotes: use fewer --records");
  }
  std::cerr << "pipeline: " << quotes.size() << " quotes on " << stages::kOddsTopic
            << "; starting the stages (commit interval " << options.pipeline_commit_interval_ms
            << " ms, model " << model << ")\n";

  stages::PipelineOptions pipeline = stages::pipeline_options_from_config(context.config());
  pipeline.model_dir = options.model_dir.string();
  StageGroup group(context, pipeline, 0);  // a replay of history, as `sharpline run`
  // Every group join on the embedded broker takes about 3 s; a smoke run (--quick) joins all
  // three at once and lets the features stage start before the others are assigned.
  const auto launched = Clock::now();
  if (options.quick) {
    group.start({"inference", "opportunities", "features"});
  } else {
    group.start({"inference", "opportunities"});
    group.start({"features"});
  }
  const auto assigned = Clock::now();

  // The rate is taken from the features stage's first commit on, so the consumer's first fetch
  // (about 0.5 s on the embedded broker, the same for the pass-through) is not in it; the tail,
  // where inference and opportunities catch up, is.
  const uint64_t total = quotes.size();
  runtime::stream::StageStats features;
  runtime::stream::StageStats inference;
  runtime::stream::StageStats opportunities;
  std::optional<Clock::time_point> first_commit;
  uint64_t before_first_commit = 0;
  const auto deadline = assigned + std::chrono::minutes(10);
  for (;;) {
    group.check();
    features = group.stats("features");
    inference = group.stats("inference");
    opportunities = group.stats("opportunities");
    const uint64_t consumed = count_of(features.consumed, stages::kOddsTopic);
    if (!first_commit && consumed > 0) {
      first_commit = Clock::now();
      before_first_commit = consumed;
    }
    const uint64_t vectors = count_of(features.produced, stages::kFeaturesTopic);
    if (consumed >= total && count_of(inference.consumed, stages::kFeaturesTopic) >= vectors &&
        count_of(opportunities.consumed, stages::kFeaturesTopic) >= vectors) {
      break;
    }
    if (Clock::now() > deadline) throw std::runtime_error("pipeline did not catch up in 10 min");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const auto finished = Clock::now();
  group.stop_all();

  PipelineResult result;
  result.quotes = quotes.size();
  result.seconds = std::chrono::duration<double>(finished - *first_commit).count();
  result.join_seconds = std::chrono::duration<double>(assigned - launched).count();
  if (!first_commit) first_commit = assigned;  // a run shorter than one commit interval
  result.total_seconds = std::chrono::duration<double>(finished - assigned).count();
  result.quotes_per_second = static_cast<double>(total - before_first_commit) / result.seconds;

  const uint64_t vectors = count_of(features.produced, stages::kFeaturesTopic);
  const uint64_t predictions = count_of(inference.produced, stages::kPredictionsTopic);
  const uint64_t opened = count_of(opportunities.produced, stages::kOpportunitiesTopic);
  stages::RecordCodec codec(std::shared_ptr<serde::TopicSerde>(context.make_serde()));
  const auto roles = census(context, stages::kPredictionsTopic, predictions, [&](auto bytes) {
    const auto p = codec.prediction(bytes);
    return std::string(domain::model_role_key(p.role)) + "/" + p.market;
  });
  const auto kinds = census(context, stages::kOpportunitiesTopic, opened, [&](auto bytes) {
    const auto o = codec.opportunity(bytes);
    return o.kind + (o.state == domain::OpportunityState::kClosed ? " closed" : " open/updated");
  });
  std::ostringstream detail;
  detail << total << " synthetic NFL quotes (48 games x h2h/spreads/totals x 11 books, seed 1)"
         << " pre-produced by the collectors' publisher; features/inference/opportunities"
         << " StageRunners, exactly-once, commit interval " << options.pipeline_commit_interval_ms
         << " ms; " << vectors << " feature vectors, " << predictions << " predictions ("
         << joined(roles) << "), " << opened << " opportunity records (" << joined(kinds)
         << "); commits features " << features.commits << ", inference " << inference.commits
         << ", opportunities " << opportunities.commits << "; model " << model << "; rate over the "
         << (total - before_first_commit) << " quotes after the features"
         << " stage's first commit, " << result.seconds << " s (" << result.total_seconds
         << " s from assignment; group join " << result.join_seconds << " s)";
  result.detail = detail.str();
  return result;
}

}  // namespace sharpline::bench::bus
