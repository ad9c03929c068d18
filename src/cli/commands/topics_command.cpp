// `sharpline topics apply|list`.
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/args.hpp"
#include "cli/commands/bus_commands.hpp"
#include "cli/common_options.hpp"
#include "common/logging.hpp"
#include "runtime/bus.hpp"
#include "runtime/kafka/metadata.hpp"
#include "runtime/topics/topic_admin.hpp"

namespace sharpline::cli {
namespace {

using runtime::topics::TopicSpec;

nlohmann::json spec_json(const TopicSpec& spec) {
  nlohmann::json j = {{"name", spec.name},
                      {"partitions", spec.partitions},
                      {"key", spec.key_field},
                      {"value_schema", spec.value_schema},
                      {"cleanup_policy", spec.cleanup_policy},
                      {"co_partition_group", spec.co_partition_group}};
  j["retention_ms"] = spec.retention_ms ? nlohmann::json(*spec.retention_ms) : nlohmann::json();
  return j;
}

int apply(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ArgParser parser("sharpline topics apply",
                   "Create the declared topics that are missing and report drift (partition "
                   "count, cleanup.policy, retention.ms and other declared configs) as JSON. On a "
                   "real cluster this uses the Admin API; without --bootstrap it runs against an "
                   "in-process embedded broker. Drift is never fixed automatically: exit code 1 "
                   "and advice per item.");
  add_common_options(parser, kConfigOptions | kBusOptions);
  const ParsedArgs parsed = parser.parse(args);
  const Config config = config_from_args(parsed);
  init_command_logging(config, "topics");
  auto bus = runtime::Bus::open(config);
  runtime::topics::ApplyReport report;
  if (bus->owns_broker()) {
    report = *bus->startup_report();
  } else {
    auto backend = runtime::topics::make_admin_backend(bus->client_properties(), 10000);
    report = runtime::topics::apply_topics(
        *backend, bus->topics(), static_cast<int>(config.get_int("topics.replication.factor")));
  }
  out << report.to_json().dump() << "\n";
  if (!report.ok()) {
    err << "sharpline topics apply: drift in " << report.drift.size()
        << " topic setting(s); see \"drift\" in the report\n";
    return 1;
  }
  return 0;
}

int list(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline topics list",
                   "Print the declared topics, one JSON object per line. With --bootstrap, each "
                   "line also says whether the topic exists and its actual partition count.");
  add_common_options(parser, kConfigOptions | kBusOptions);
  const ParsedArgs parsed = parser.parse(args);
  const Config config = config_from_args(parsed);
  init_command_logging(config, "topics");
  const bool check = !config.get_or("bootstrap", "").empty();
  std::unique_ptr<runtime::Bus> bus;
  std::map<std::string, runtime::kafka::TopicInfo> actual;
  std::vector<TopicSpec> specs;
  if (check) {
    bus = runtime::Bus::open(config);
    auto conf = runtime::kafka::make_conf(bus->client_properties());
    char errstr[512];
    runtime::kafka::KafkaHandle client(
        rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof errstr));
    if (!client) throw runtime::kafka::KafkaError(std::string("cannot create client: ") + errstr);
    (void)conf.release();
    actual = runtime::kafka::list_topics(client.get());
    specs = bus->topics();
  } else {
    specs = runtime::topics::load_topic_specs(
        runtime::topics::find_topics_dir(config.get_or("topics.dir", "")));
  }
  for (const auto& spec : specs) {
    nlohmann::json line = spec_json(spec);
    if (check) {
      auto it = actual.find(spec.name);
      line["exists"] = it != actual.end();
      line["actual_partitions"] =
          it != actual.end() ? nlohmann::json(it->second.partitions) : nlohmann::json();
    }
    out << line.dump() << "\n";
  }
  return 0;
}

}  // namespace

int run_topics_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  const std::string sub = args.empty() ? "" : args[0];
  if (sub == "apply") return apply(args.subspan(1), out, err);
  if (sub == "list") return list(args.subspan(1), out);
  if (sub == "--help" || sub == "-h") {
    out << "Usage: sharpline topics apply|list [options]\n\n"
           "  apply   create missing declared topics, report drift\n"
           "  list    print the declared topics (and their state with --bootstrap)\n";
    return 0;
  }
  throw UsageError("sharpline topics: expected 'apply' or 'list'" +
                   (sub.empty() ? std::string() : ", got '" + sub + "'"));
}

}  // namespace sharpline::cli
