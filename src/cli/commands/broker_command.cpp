// `sharpline broker`: the embedded broker as a standalone process for other processes and tools.
#include <filesystem>
#include <fstream>
#include <ostream>

#include "cli/args.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/bus_commands.hpp"
#include "cli/common_options.hpp"
#include "common/logging.hpp"
#include "common/signals.hpp"

namespace sharpline::cli {
namespace {

// Written to a temporary name and renamed, so a reader never sees a half-written file and the
// file's appearance means "the broker is ready".
void write_atomically(const std::string& path, const std::string& content) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write bootstrap file '" + path + "'");
    out << content << "\n";
  }
  std::filesystem::rename(temporary, path);
}

}  // namespace

int run_broker_command(std::span<const std::string> args, std::ostream& out, std::ostream&) {
  ArgParser parser("sharpline broker",
                   "Run the embedded Kafka broker (librdkafka's mock cluster: the real Kafka "
                   "protocol on 127.0.0.1, in memory) for other processes and tools such as kcat "
                   "or Python clients. The declared topics are created at start and the embedded "
                   "schema registry is served on --http. Prints the bootstrap list on stdout and "
                   "runs until SIGINT or SIGTERM.");
  parser.option("brokers", "N", "Number of brokers in the cluster (default 1).")
      .option("bootstrap-file", "FILE",
              "Also write the bootstrap list to FILE once the broker is ready; removed on exit.")
      .option("topic", "NAME:PARTITIONS",
              "Also create this topic (for experiments and tests; declared topics are always "
              "created). Repeatable.",
              true);
  add_common_options(parser, kConfigOptions | kHttpOptions);
  parser.epilog(
      "Example:\n  sharpline broker --bootstrap-file /tmp/bus --http 127.0.0.1:8088 &\n"
      "  sharpline produce --bootstrap \"$(cat /tmp/bus)\" --schema-registry "
      "http://127.0.0.1:8088 --topic sharpline.odds.v1 --json quotes.jsonl");
  const ParsedArgs parsed = parser.parse(args);
  const long long brokers = parsed.get_int("brokers").value_or(1);
  if (brokers < 1 || brokers > 16) parser.fail("--brokers must be between 1 and 16");
  std::vector<std::pair<std::string, int>> extra_topics;
  for (const auto& spec : parsed.all("topic")) {
    const auto colon = spec.rfind(':');
    if (colon == std::string::npos || colon == 0)
      parser.fail("--topic expects NAME:PARTITIONS, got '" + spec + "'");
    const long long partitions = parse_int(spec.substr(colon + 1), "--topic " + spec);
    if (partitions < 1 || partitions > 1000)
      parser.fail("--topic " + spec + ": partitions must be 1..1000");
    extra_topics.emplace_back(spec.substr(0, colon), static_cast<int>(partitions));
  }
  Config config = config_from_args(parsed);
  if (!config.get_or("bootstrap", "").empty()) {
    parser.fail("the broker is the bus; bootstrap must not be set");
  }
  if (!config.get_or("schema.registry.url", "").empty()) {
    parser.fail(
        "the broker serves the embedded schema registry; schema.registry.url must not be set");
  }
  init_command_logging(config, "broker");

  ShutdownSignals signals;  // before any thread starts, so every thread inherits the mask
  auto context = BusContext::open(config, static_cast<int>(brokers));
  for (const auto& [name, partitions] : extra_topics) {
    context->bus().embedded_broker()->create_topic(name, partitions, 1);
  }
  const std::string http_address = context->start_http();
  const auto& report = context->bus().startup_report();
  log_info("embedded broker started", {{"bootstrap", context->bus().bootstrap()},
                                       {"brokers", brokers},
                                       {"http", http_address},
                                       {"topics_created", report ? report->created.size() : 0}});

  out << context->bus().bootstrap() << std::endl;
  const auto bootstrap_file = parsed.get("bootstrap-file");
  if (bootstrap_file) write_atomically(*bootstrap_file, context->bus().bootstrap());
  context->set_ready(true);

  const int signal = signals.wait();
  log_info("stopping", {{"signal", signal == SIGINT ? "SIGINT" : "SIGTERM"}});
  context->set_ready(false);
  if (bootstrap_file) std::filesystem::remove(*bootstrap_file);
  return 0;
}

}  // namespace sharpline::cli
