// `sharpline replay`: publishes history onto a bus in event-time order, so a live deployment can
// be exercised with it. Two sources: a `sharpline dump` directory (re-encoded against the target
// bus's registry, since schema ids differ between registries) or a historical dataset
// (published through the stats collector's code path, in replay::DatasetFeed's order). Kafka
// timestamps are event times; partitions come from the key partitioner of the target bus.
#include "cli/commands/replay_command.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <type_traits>
#include <variant>

#include "adapters/history/dataset.hpp"
#include "cli/args.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/stats_collector.hpp"
#include "cli/common_options.hpp"
#include "cli/dataset_options.hpp"
#include "cli/replay/dataset_feed.hpp"
#include "cli/replay/dump_reader.hpp"
#include "cli/replay/replay_pacing.hpp"
#include "common/logging.hpp"
#include "common/signals.hpp"
#include "runtime/kafka/producer.hpp"
#include "serde/errors.hpp"

namespace sharpline::cli {
namespace {

struct ReplayTotals {
  std::map<std::string, std::size_t> published;  // topic -> records sent
  std::size_t deadletter = 0;
  std::optional<int64_t> first_ms;
  std::optional<int64_t> last_ms;
  bool stopped = false;
  std::string delivery_error;  // the first failed delivery, if any
};

struct Window {
  std::optional<int64_t> from_ms;
  std::optional<int64_t> until_ms;
  bool contains(int64_t t) const {
    return (!from_ms || t >= *from_ms) && (!until_ms || t < *until_ms);
  }
};

void note_time(ReplayTotals& totals, int64_t t) {
  if (!totals.first_ms) totals.first_ms = t;
  totals.last_ms = t;
}

// A dump: every record encoded first (a value the target's schema rejects fails the command
// with its file and line before anything is sent), then sent in timestamp order.
ReplayTotals replay_dump(BusContext& context, replay::LoadedDump& dump, const Window& window,
                         replay::EventClock& clock) {
  for (const auto& topic : dump.manifest.topics) {
    try {
      (void)context.bus().topic(topic);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error("the dump's topic " + topic +
                               " is not declared on the target: " + e.what());
    }
  }
  std::vector<std::vector<uint8_t>> values;
  std::vector<const replay::DumpLine*> selected;
  for (const auto& line : dump.records) {
    if (!window.contains(line.record.timestamp_ms)) continue;
    const auto& record = line.record;
    std::vector<uint8_t> bytes;
    if (record.raw_value) {
      bytes = *record.raw_value;  // a bytes topic, or a value that did not decode at the source
    } else if (!record.value.is_null()) {
      if (!context.serde().has_schema(record.topic))
        throw std::runtime_error(line.where + ": topic " + record.topic +
                                 " carries raw bytes on the target, but the dump has a record");
      try {
        context.serde().encode(record.topic, record.value, bytes);
      } catch (const serde::SerdeError& e) {
        throw std::runtime_error(line.where + ": " + e.what());
      }
    }
    values.push_back(std::move(bytes));
    selected.push_back(&line);
  }

  ReplayTotals totals;
  for (const auto& topic : dump.manifest.topics) totals.published[topic] = 0;
  runtime::kafka::Producer producer(context.bus().client_properties());
  for (std::size_t i = 0; i < selected.size(); ++i) {
    const auto& record = selected[i]->record;
    if (!clock.wait_until(record.timestamp_ms)) {
      totals.stopped = true;
      break;
    }
    runtime::kafka::OutgoingRecord out;
    out.topic = record.topic;
    out.key = record.key;
    out.value = values[i];  // empty: a tombstone
    for (const auto& [name, value] : record.headers) out.headers.push_back({name, value});
    out.timestamp_ms = record.timestamp_ms;
    producer.send(out);
    ++totals.published[record.topic];
    note_time(totals, record.timestamp_ms);
  }
  try {
    producer.flush();
  } catch (const std::exception& e) {
    totals.delivery_error = e.what();
  }
  return totals;
}

const char* topic_of(const StatsCollector::HistoryRecord& record) {
  return std::visit(
      [](const auto* r) -> const char* {
        using T = std::decay_t<decltype(*r)>;
        if constexpr (std::is_same_v<T, domain::OddsQuote>) return kOddsTopic;
        if constexpr (std::is_same_v<T, domain::Event>) return kEventsTopic;
        if constexpr (std::is_same_v<T, domain::GameResult>) return kResultsTopic;
        return kWeatherTopic;
      },
      record.record);
}

// A dataset, through StatsCollector's publishing (as `collect stats` publishes history files):
// rejected rows become dead letters once the records are sent.
ReplayTotals replay_dataset(BusContext& context, const adapters::history::Dataset& dataset,
                            const std::string& name, const Window& window,
                            replay::EventClock& clock) {
  const replay::DatasetFeed feed(dataset.batch, window.from_ms, window.until_ms);
  StatsCollector collector(context, "collector:" + name);
  ReplayTotals totals;
  for (const auto& topic : {kEventsTopic, kOddsTopic, kResultsTopic, kWeatherTopic})
    totals.published[topic] = 0;
  for (const auto& record : feed.records()) {
    if (!clock.wait_until(record.timestamp_ms)) {
      totals.stopped = true;
      break;
    }
    collector.publish_history(record);
    ++totals.published[topic_of(record)];
    note_time(totals, record.timestamp_ms);
  }
  if (!totals.stopped) collector.history_rejects(dataset.batch);
  totals.deadletter = collector.totals().deadletter;
  try {
    collector.flush();
  } catch (const std::exception& e) {
    totals.delivery_error = e.what();
  }
  return totals;
}

}  // namespace

int run_replay_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ArgParser parser(
      "sharpline replay",
      "Publish history onto a bus in event-time order, with Kafka timestamps = event time: a "
      "`sharpline dump` directory (--from-dump; values re-encoded with the target's registry, "
      "partitions from the key) or a historical dataset (--dataset: its events, quotes, results "
      "and weather; rejected rows as dead letters). Prints a JSON summary with per-topic "
      "counts; exits 1 if a delivery failed.");
  parser.option("from-dump", "DIR", "A directory written by `sharpline dump`.");
  add_dataset_options(parser);
  parser
      .option("speed", "X|max",
              "Event time advances X times as fast as wall time; max (default): no waiting.")
      .option("from", "DATE|ISO", "Only records at or after this event time (UTC).")
      .option("until", "DATE|ISO", "Only records before this event time (UTC).");
  add_common_options(parser, kConfigOptions | kBusOptions);
  const ParsedArgs parsed = parser.parse(args);
  const auto dump_dir = parsed.get("from-dump");
  if (dump_dir.has_value() == parsed.has("dataset"))
    parser.fail("give exactly one of --from-dump DIR and --dataset NAME");
  const std::string speed_text = parsed.get_or("speed", "max");
  const double speed = replay::parse_speed(speed_text);
  Window window{replay::event_time_option(parsed, "from"),
                replay::event_time_option(parsed, "until")};
  if (window.from_ms && window.until_ms && *window.until_ms <= *window.from_ms)
    parser.fail("--until must be after --from");
  const Config config = config_from_args(parsed);
  init_command_logging(config, "replay");

  // The input is read in full before the bus is opened: bad input fails fast, sending nothing.
  std::optional<replay::LoadedDump> dump;
  std::optional<adapters::history::Dataset> dataset;
  adapters::history::DatasetSpec spec;
  if (dump_dir) {
    dump = replay::read_dump(*dump_dir);
  } else {
    spec = dataset_spec_of(config, parsed);
    dataset = load_dataset_or_usage(spec);
  }

  ShutdownSignals signals;
  auto context = BusContext::open(config);
  replay::EventClock clock(speed, signals);
  const ReplayTotals totals = dump ? replay_dump(*context, *dump, window, clock)
                                   : replay_dataset(*context, *dataset, spec.name, window, clock);

  nlohmann::ordered_json summary = {{"source", dump ? "dump" : spec.name},
                                    {"published", totals.published},
                                    {"deadletter", totals.deadletter}};
  if (dataset) {
    const auto& batch = dataset->batch;
    summary["dataset"] = {{"events", batch.events.size()},
                          {"quotes", batch.quotes.size()},
                          {"results", batch.results.size()},
                          {"weather", batch.weather.size()},
                          {"rejected", batch.rejected.size()}};
  }
  summary["first_ms"] = totals.first_ms ? nlohmann::json(*totals.first_ms) : nlohmann::json();
  summary["last_ms"] = totals.last_ms ? nlohmann::json(*totals.last_ms) : nlohmann::json();
  summary["speed"] = speed_text;
  summary["stopped"] = totals.stopped;
  summary["bootstrap"] = context->bus().bootstrap();
  if (!totals.delivery_error.empty()) summary["delivery_error"] = totals.delivery_error;
  log_info("replayed", nlohmann::json(summary));
  out << summary.dump() << "\n";
  if (!totals.delivery_error.empty()) {
    err << "sharpline replay: error: delivery failed: " << totals.delivery_error << "\n";
    return 1;
  }
  return 0;
}

}  // namespace sharpline::cli
