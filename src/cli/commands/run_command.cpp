// `sharpline run`: the main job. Today it proves the bus end to end: embedded broker (or the
// configured cluster), declared topics, schema registry, and a record of every type through
// Kafka and back, decoded by schema id. The pipeline stages plug in here as they land.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/args.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/bus_commands.hpp"
#include "cli/common_options.hpp"
#include "common/logging.hpp"
#include "common/signals.hpp"
#include "runtime/kafka/consumer.hpp"
#include "runtime/kafka/producer.hpp"

namespace sharpline::cli {
namespace {

struct TopicCheck {
  std::string topic;
  std::string schema;
  int32_t schema_id = 0;
  int produced = 0;
  int consumed = 0;
  bool identical = false;
};

nlohmann::json read_example(const std::filesystem::path& schemas_dir, const std::string& stem) {
  const auto path = schemas_dir / "examples" / (stem + ".json");
  std::ifstream in(path);
  if (!in) throw std::runtime_error("example record " + path.string() + " is missing");
  return nlohmann::json::parse(in);
}

}  // namespace

int run_run_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ArgParser parser("sharpline run",
                   "Run the main job. Starts the embedded broker unless --bootstrap is given, "
                   "applies the declared topics, serves the HTTP endpoints, and sends an example "
                   "record of every record type through Kafka and back, checking that each "
                   "decodes to what was sent. Prints one JSON line per topic and a summary.");
  parser.flag("serve", "Keep running (serving HTTP and the broker) until SIGINT or SIGTERM.");
  add_common_options(parser, kConfigOptions | kBusOptions | kHttpOptions);
  const ParsedArgs parsed = parser.parse(args);
  const Config config = config_from_args(parsed);
  init_command_logging(config, "run");

  ShutdownSignals signals;
  auto context = BusContext::open(config);
  const std::string http_address = context->start_http();
  log_info("bus ready", {{"bootstrap", context->bus().bootstrap()},
                         {"embedded", context->bus().owns_broker()},
                         {"http", http_address}});

  // Produce one example of every record type to its topic, keyed like real data.
  std::vector<TopicCheck> checks;
  std::map<std::string, nlohmann::json> sent;
  runtime::kafka::Producer producer(context->bus().client_properties());
  for (const auto& spec : context->bus().topics()) {
    if (!context->serde().has_schema(spec.name)) continue;
    const nlohmann::json example = read_example(context->catalog().directory(), spec.value_schema);
    std::vector<uint8_t> bytes;
    context->serde().encode(spec.name, example, bytes);
    runtime::kafka::OutgoingRecord record;
    record.topic = spec.name;
    record.key = example.value(spec.key_field, std::string("smoke"));
    record.value = bytes;
    producer.send(record);
    sent[spec.name] = example;
    checks.push_back(
        {spec.name, spec.value_schema, context->serde().schema_id(spec.name), 1, 0, false});
  }
  producer.flush();

  // Read everything back with a read_committed consumer and decode by schema id.
  std::vector<std::string> topics;
  for (const auto& check : checks) topics.push_back(check.topic);
  runtime::kafka::Consumer consumer(context->bus().client_properties());
  consumer.assign_all(topics, runtime::kafka::StartAt::kBeginning);
  std::size_t received = 0;
  for (int idle = 0; received < checks.size() && idle < 100;) {
    auto message = consumer.poll(100);
    if (!message) {
      ++idle;
      continue;
    }
    const std::string topic = rd_kafka_topic_name(message->rkt);
    const nlohmann::json value =
        context->serde().decode({static_cast<const uint8_t*>(message->payload), message->len});
    for (auto& check : checks) {
      if (check.topic != topic) continue;
      ++check.consumed;
      check.identical = value == sent[topic];
      ++received;
    }
  }

  bool ok = true;
  for (const auto& check : checks) {
    ok = ok && check.consumed == check.produced && check.identical;
    out << nlohmann::json{{"topic", check.topic},
                          {"schema", check.schema},
                          {"schema_id", check.schema_id},
                          {"produced", check.produced},
                          {"consumed", check.consumed},
                          {"round_trip", check.identical ? "identical" : "DIFFERENT"}}
               .dump()
        << "\n";
  }
  out << nlohmann::json{{"bus", context->bus().owns_broker() ? "embedded" : "external"},
                        {"bootstrap", context->bus().bootstrap()},
                        {"http", http_address},
                        {"topics", context->bus().topics().size()},
                        {"records_round_tripped", received},
                        {"ok", ok}}
             .dump()
      << std::endl;
  if (!ok) {
    err << "sharpline run: the bus did not return every record unchanged\n";
    return 1;
  }
  context->set_ready(true);
  if (parsed.has("serve")) {
    log_info("serving until SIGINT or SIGTERM", {{"http", http_address}});
    (void)signals.wait();
  }
  return 0;
}

}  // namespace sharpline::cli
