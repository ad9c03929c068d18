#include "bus/latency_bench.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "bus/quote_generator.hpp"
#include "bus/stage_group.hpp"
#include "cli/commands/collect_publisher.hpp"
#include "runtime/kafka/consumer.hpp"
#include "stages/record_codec.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::bench::bus {
namespace {

using Clock = std::chrono::steady_clock;

int64_t micros(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

std::string match_key(const std::string& event_id, const std::string& market, int64_t as_of_ms) {
  return event_id + "|" + market + "|" + std::to_string(as_of_ms);
}

// Send times of the timed quotes, by (event, market, observed_ms): the first send wins.
class SendTimes {
 public:
  void record(const domain::OddsQuote& quote, int64_t sent_us) {
    std::lock_guard lock(mutex_);
    times_.try_emplace(match_key(quote.event_id, quote.market, quote.observed_ms), sent_us);
  }
  std::optional<int64_t> find(const std::string& key) const {
    std::lock_guard lock(mutex_);
    const auto it = times_.find(key);
    if (it == times_.end()) return std::nullopt;
    return it->second;
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, int64_t> times_;
};

double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0.0;
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

}  // namespace

LatencyResult run_latency(const BenchOptions& options, int64_t commit_interval_ms) {
  auto context = open_bench_bus(commit_interval_ms, options.kafka);
  const auto model = prepare_model(options.model_dir, options.data_dir);
  stages::PipelineOptions pipeline = stages::pipeline_options_from_config(context->config());
  pipeline.model_dir = options.model_dir.string();
  // Live data: idle partitions follow the wall clock, as `sharpline run --follow`.
  StageGroup group(*context, pipeline, context->config().get_int("stage.idle.timeout.ms"));
  group.start({"features", "inference", "opportunities"});
  std::cerr << "latency: stages assigned\n";

  SendTimes sent;
  std::vector<double> latencies_ms;
  std::atomic<bool> reading{true};
  std::atomic<uint64_t> opportunities{0};
  std::atomic<uint64_t> unmatched{0};
  std::atomic<bool> timed{false};  // records of the warm-up board are not counted
  std::thread reader([&] {
    stages::RecordCodec codec(std::shared_ptr<serde::TopicSerde>(context->make_serde()));
    runtime::kafka::Consumer consumer(context->bus().client_properties());
    consumer.assign_all({stages::kOpportunitiesTopic}, runtime::kafka::StartAt::kBeginning);
    while (reading.load()) {
      auto message = consumer.poll(20);
      if (!message) continue;
      const int64_t received_us = micros(Clock::now());
      const auto o =
          codec.opportunity({static_cast<const uint8_t*>(message->payload), message->len});
      ++opportunities;
      const auto sent_us = sent.find(match_key(o.event_id, o.market, o.as_of_ms));
      if (!sent_us) {
        if (timed.load()) ++unmatched;
        continue;
      }
      latencies_ms.push_back(static_cast<double>(received_us - *sent_us) / 1000.0);
    }
  });

  QuoteGeneratorOptions generator_options;
  generator_options.start_ms = cli::wall_clock_ms();
  QuoteGenerator generator(generator_options);
  cli::CollectPublisher publisher(*context, "collector:the-odds-api");
  // Warm-up: the full board, then time for every stage to take it in.
  for (const auto& quote : generator.board(cli::wall_clock_ms())) publisher.publish(quote);
  publisher.flush();
  std::this_thread::sleep_for(std::chrono::milliseconds(options.quick ? 500 : 4000));
  timed.store(true);
  std::cerr << "latency: board sent; offering " << options.rate << " quotes/s\n";

  const auto total = static_cast<uint64_t>(options.rate * options.latency_seconds);
  const auto started = Clock::now();
  std::vector<domain::OddsQuote> pending;
  uint64_t sent_count = 0;
  // Every millisecond, whatever is due by the schedule: the send time kept is the real one.
  for (auto tick = started; sent_count < total; tick += std::chrono::milliseconds(1)) {
    std::this_thread::sleep_until(tick);
    const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
    const auto due = std::min<uint64_t>(total, static_cast<uint64_t>(elapsed * options.rate));
    while (sent_count < due) {
      if (pending.empty()) generator.poll(0, pending);
      if (pending.empty()) continue;
      domain::OddsQuote quote = std::move(pending.back());
      pending.pop_back();
      quote.observed_ms = cli::wall_clock_ms();
      quote.book_updated_ms = quote.observed_ms;
      const int64_t now_us = micros(Clock::now());
      sent.record(quote, now_us);
      publisher.publish(quote);
      ++sent_count;
    }
  }
  const double send_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  publisher.flush();
  // Long enough for the last quotes' opportunities to be committed twice over.
  std::this_thread::sleep_for(
      std::chrono::milliseconds((options.quick ? 500 : 3000) + 4 * commit_interval_ms));
  reading.store(false);
  reader.join();
  std::cerr << "latency: done; stopping the stages\n";
  group.check();
  auto features = group.stats("features");
  group.stop_all();

  const uint64_t taken = features.consumed[stages::kOddsTopic];
  const uint64_t offered = sent_count + generator.lines() * 2;
  std::sort(latencies_ms.begin(), latencies_ms.end());
  LatencyResult result;
  result.commit_interval_ms = commit_interval_ms;
  result.p50_ms = percentile(latencies_ms, 0.50);
  result.p99_ms = percentile(latencies_ms, 0.99);
  result.p999_ms = percentile(latencies_ms, 0.999);
  result.max_ms = latencies_ms.empty() ? 0.0 : latencies_ms.back();
  result.offered_per_second = static_cast<double>(sent_count) / send_seconds;
  result.matched = latencies_ms.size();
  std::ostringstream detail;
  detail << "offered " << std::lround(result.offered_per_second) << " quotes/s for " << send_seconds
         << " s (" << sent_count
         << " synthetic NFL quotes, observed_ms = send time), exactly-once, commit interval "
         << commit_interval_ms << " ms; " << result.matched << " opportunity records matched ("
         << unmatched.load() << " unmatched, " << opportunities.load() << " read), max "
         << result.max_ms << " ms; the features stage took in " << taken << " of the " << offered
         << " quotes sent (board included) and emitted "
         << features.produced[stages::kFeaturesTopic] << " vectors"
         << (taken < offered ? " (the load is above what the stages take: latency is queueing)"
                             : "")
         << "; model " << model;
  result.detail = detail.str();
  return result;
}

}  // namespace sharpline::bench::bus
