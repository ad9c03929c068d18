#include "bus/bench_env.hpp"

#include "adapters/ml/nfl_moneyline_training.hpp"
#include "bus/quote_generator.hpp"
#include "common/config.hpp"
#include "runtime/kafka/consumer.hpp"
#include "runtime/kafka/metadata.hpp"

namespace sharpline::bench::bus {

std::unique_ptr<cli::BusContext> open_bench_bus(int64_t commit_interval_ms,
                                                const std::map<std::string, std::string>& kafka) {
  Config config = Config::defaults();
  const auto set = [&](const std::string& key, const std::string& value) {
    config.set(key, value, ConfigSource::kFlag, "sharpline_bus_bench");
  };
  set("stage.commit.interval.ms", std::to_string(commit_interval_ms));
  set("instance.id", "bench");
  for (const auto& [name, value] : kafka) set("kafka." + name, value);
  return cli::BusContext::open(config);
}

std::string prepare_model(const std::filesystem::path& model_dir,
                          const std::filesystem::path& data_dir) {
  const auto model = adapters::ml::ensure_nfl_moneyline_model(model_dir, data_dir);
  return model.name + " " + model.version;
}

std::vector<domain::OddsQuote> synthetic_quotes(std::size_t count, uint64_t seed) {
  QuoteGeneratorOptions options;
  options.seed = seed;
  options.start_ms = 1756684800000;  // 2025-09-01T00:00:00Z
  QuoteGenerator generator(options);
  std::vector<domain::OddsQuote> quotes = generator.board(options.start_ms);
  quotes.reserve(count + 64);
  for (int64_t t = options.start_ms + 1000; quotes.size() < count; t += 1000) {
    generator.poll(t, quotes);
  }
  quotes.resize(count);
  return quotes;
}

int64_t dropped_offsets(cli::BusContext& context, const std::string& topic) {
  runtime::kafka::Consumer probe(context.bus().client_properties());
  const auto topics = runtime::kafka::list_topics(probe.handle());
  const auto it = topics.find(topic);
  if (it == topics.end()) return 0;
  int64_t dropped = 0;
  for (int p = 0; p < it->second.partitions; ++p) {
    int64_t low = 0;
    int64_t high = 0;
    runtime::kafka::throw_if_error(
        rd_kafka_query_watermark_offsets(probe.handle(), topic.c_str(), p, &low, &high, 10000),
        "watermarks of " + topic);
    dropped += low;
  }
  return dropped;
}

}  // namespace sharpline::bench::bus
