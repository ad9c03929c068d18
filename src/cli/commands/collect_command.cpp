#include "cli/commands/collect_command.hpp"

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "adapters/entities/entity_resolver.hpp"
#include "adapters/sources/iso_time.hpp"
#include "adapters/sources/odds_api_snapshots.hpp"
#include "adapters/sources/the_odds_api.hpp"
#include "cli/args.hpp"
#include "cli/bus_context.hpp"
#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "common/logging.hpp"
#include "domain/collect/event_tracker.hpp"
#include "domain/collect/quote_tracker.hpp"
#include "runtime/kafka/producer.hpp"
#include "runtime/stream/dead_letter.hpp"
#include "serde/base64.hpp"
#include "serde/record_json.hpp"

namespace sharpline::cli {
namespace {

namespace sources = adapters::sources;

constexpr const char* kOddsTopic = "sharpline.odds.v1";
constexpr const char* kEventsTopic = "sharpline.events.v1";
constexpr const char* kCollectorName = "collector:the-odds-api";

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Totals {
  std::size_t published = 0;
  std::size_t unchanged = 0;
  std::size_t removed = 0;
  std::size_t deadletter = 0;
  std::size_t events = 0;
  std::size_t polls = 0;
};

// Turns each poll into records on the bus. Records are sent as they are made; the summary is
// printed only after flush() confirmed every delivery.
class OddsPublisher {
 public:
  OddsPublisher(BusContext& context, adapters::entities::EntityResolver resolver,
                sources::OddsFormat format)
      : context_(context),
        resolver_(std::move(resolver)),
        format_(format),
        producer_(context.bus().client_properties()) {}

  void poll(const sources::Snapshot& snapshot) {
    const auto parsed =
        sources::parse_odds_response(snapshot.response, snapshot.poll_ms, format_, resolver_);
    std::set<std::string> event_ids;
    for (const auto& event : parsed.events) {
      event_ids.insert(event.event_id);
      if (!events_.observe(event)) continue;
      send(kEventsTopic, event.event_id, serde::to_json(event), snapshot.poll_ms);
      ++totals_.events;
    }
    const auto changes = quotes_.apply_poll(parsed.quotes, event_ids, snapshot.poll_ms);
    for (const auto& quote : changes.changes)
      send(kOddsTopic, quote.event_id, serde::to_json(quote), quote.observed_ms);
    for (const auto& rejected : parsed.rejected) dead_letter(rejected, snapshot.poll_ms);
    totals_.published += changes.published;
    totals_.unchanged += changes.unchanged;
    totals_.removed += changes.removed;
    totals_.deadletter += parsed.rejected.size();
    ++totals_.polls;
  }

  const Totals& finish() {
    producer_.flush();
    return totals_;
  }

 private:
  void send(const std::string& topic, const std::string& key, const nlohmann::json& record,
            int64_t timestamp_ms) {
    bytes_.clear();
    context_.serde().encode(topic, record, bytes_);
    runtime::kafka::OutgoingRecord out;
    out.topic = topic;
    out.key = key;
    out.value = bytes_;
    out.timestamp_ms = timestamp_ms;
    producer_.send(out);
  }

  void dead_letter(const sources::RejectedItem& rejected, int64_t poll_ms) {
    runtime::stream::DeadLetter letter;
    letter.source_topic = kCollectorName;  // not read from Kafka: the collector is the source
    letter.source_timestamp_ms = poll_ms;
    if (!rejected.event_id.empty()) letter.key = rejected.event_id;
    letter.value = std::vector<uint8_t>(rejected.raw.begin(), rejected.raw.end());
    letter.error_kind = "validation";
    letter.error_class = "the-odds-api item";
    letter.reason = rejected.reason;
    letter.stage = kCollectorName;
    letter.failed_ms = now_ms();
    const auto record = runtime::stream::dead_letter_record(
        letter, [this](const auto& l) { return encode_dead_letter(l); });
    runtime::kafka::OutgoingRecord out;
    out.topic = record.topic;
    if (letter.key) out.key = record.key;
    out.value = record.value;
    out.timestamp_ms = record.timestamp_ms;
    for (const auto& header : record.headers) out.headers.push_back({header.name, header.value});
    producer_.send(out);
  }

  std::vector<uint8_t> encode_dead_letter(const runtime::stream::DeadLetter& letter) {
    const auto as_base64 = [](const auto& text) {
      return serde::base64_encode({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
    };
    nlohmann::json record = {
        {"source_topic", letter.source_topic},
        {"source_partition", letter.source_partition},
        {"source_offset", letter.source_offset},
        {"source_timestamp_ms", letter.source_timestamp_ms},
        {"key", letter.key ? nlohmann::json(as_base64(*letter.key)) : nlohmann::json()},
        {"value", letter.value ? nlohmann::json(as_base64(*letter.value)) : nlohmann::json()},
        {"error_kind", letter.error_kind},
        {"reason", letter.reason},
        {"stage", letter.stage},
        {"failed_ms", letter.failed_ms},
        {"headers", nlohmann::json::object()}};
    std::vector<uint8_t> bytes;
    context_.serde().encode(runtime::stream::kDeadLetterTopic, record, bytes);
    return bytes;
  }

  BusContext& context_;
  adapters::entities::EntityResolver resolver_;
  sources::OddsFormat format_;
  runtime::kafka::Producer producer_;
  domain::collect::QuoteTracker quotes_;
  domain::collect::EventTracker events_;
  Totals totals_;
  std::vector<uint8_t> bytes_;
};

int collect_odds(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline collect odds",
                   "Collect The Odds API v4 /odds polls, publish quote changes (NEW, CHANGED, "
                   "REMOVED) to sharpline.odds.v1, new or changed events to sharpline.events.v1 "
                   "and invalid items to sharpline.deadletter.v1. Prints a JSON summary.");
  parser
      .option("source", "file",
              "Where polls come from. Only 'file' for now (recorded polls); the live API source "
              "comes with the HTTP client work.")
      .option("from-file", "FILE",
              "Snapshot JSON lines ({\"committed_at\":..., \"response\":[...]} per poll, plain "
              "or .gz) or one saved response (a JSON array).")
      .option("odds-format", "american|decimal",
              "Price format of the payload, as requested with oddsFormat (default decimal).")
      .option("poll-time", "ISO",
              "Poll time of a single-response file, e.g. 2026-08-08T19:15:00Z (default now). "
              "Snapshot lines carry their own time.")
      .option("mappings", "DIR", "Entity mapping tables (default: the source tree's).");
  add_common_options(parser, kConfigOptions | kBusOptions);
  const ParsedArgs parsed = parser.parse(args);
  const std::string source = parsed.get_or("source", "file");
  if (source != "file") {
    parser.fail("--source " + source + " is not supported yet (only 'file')");
  }
  const auto file = parsed.get("from-file");
  if (!file) parser.fail("missing --from-file FILE");
  const auto format = sources::parse_odds_format(parsed.get_or("odds-format", "decimal"));
  if (!format) parser.fail("--odds-format must be american or decimal");
  std::optional<int64_t> poll_time;
  if (const auto text = parsed.get("poll-time")) {
    poll_time = sources::parse_iso8601_ms(*text);
    if (!poll_time) parser.fail("--poll-time is not an ISO-8601 UTC time: " + *text);
  }
  auto resolver = adapters::entities::EntityResolver::load(
      parsed.has("mappings") ? std::filesystem::path(*parsed.get("mappings"))
                             : adapters::entities::default_mappings_dir());
  const bool single = sources::is_single_response_file(*file);
  if (!single && poll_time) parser.fail("--poll-time applies to a single-response file only");

  const Config config = config_from_args(parsed);
  init_command_logging(config, "collect-odds");
  auto context = BusContext::open(config);
  OddsPublisher publisher(*context, std::move(resolver), *format);
  if (single) {
    publisher.poll(sources::read_single_response(*file, poll_time.value_or(now_ms())));
  } else {
    sources::SnapshotReader reader(*file);
    while (const auto snapshot = reader.next()) publisher.poll(*snapshot);
  }
  const Totals& totals = publisher.finish();
  // Ordered so the line reads as documented: the three headline counts first.
  const nlohmann::ordered_json summary = {
      {"published", totals.published},   {"unchanged", totals.unchanged},
      {"deadletter", totals.deadletter}, {"removed", totals.removed},
      {"events", totals.events},         {"polls", totals.polls}};
  log_info("collected", nlohmann::json(summary));
  out << summary.dump() << "\n";
  return 0;
}

std::string usage() {
  return "Usage: sharpline collect <collector> [options]\n\n"
         "Collectors:\n"
         "  odds       The Odds API v4 /odds polls (--source file for now).\n\n"
         "Run 'sharpline collect odds --help' for its options.\n";
}

}  // namespace

int run_collect_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  return run_with_exit_codes("sharpline collect", out, err, [&] {
    if (args.empty()) throw UsageError("sharpline collect: missing collector (odds; see --help)");
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") throw HelpRequested(usage());
    if (args[0] != "odds")
      throw UsageError("sharpline collect: unknown collector '" + args[0] + "' (see --help)");
    return collect_odds(args.subspan(1), out);
  });
}

}  // namespace sharpline::cli
