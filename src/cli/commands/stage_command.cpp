// `sharpline stage <name>`: one pipeline stage as its own process (any number of instances per
// stage share the work through their consumer group). Prints the committed record counts per
// topic as one JSON line when it stops.
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/args.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/bus_commands.hpp"
#include "cli/common_options.hpp"
#include "cli/pipeline/pipeline_stages.hpp"
#include "cli/stage_host.hpp"
#include "common/logging.hpp"
#include "common/signals.hpp"

namespace sharpline::cli {

int run_stage_command(std::span<const std::string> args, std::ostream& out, std::ostream& /*err*/) {
  ArgParser parser("sharpline stage",
                   "Run one pipeline stage: features, inference, opportunities or grading "
                   "(docs/pipeline.md). Runs until SIGINT or SIGTERM, then prints the records it "
                   "consumed and produced per topic as JSON.");
  parser.positionals("NAME", "features, inference, opportunities or grading", 1, 1);
  add_common_options(parser, kConfigOptions | kBusOptions | kHttpOptions);
  const ParsedArgs parsed = parser.parse(args);
  const Config config = config_from_args(parsed);
  const std::string name = parsed.positionals().at(0);
  init_command_logging(config, "stage-" + name);

  const auto options = stages::pipeline_options_from_config(config);
  // Before the bus starts any thread (an embedded broker has several), so every thread inherits
  // the blocked mask and SIGTERM reaches host_stage's wait instead of killing the process.
  ShutdownSignals signals;
  auto context = BusContext::open(config);
  auto stage = make_pipeline_stage(name, *context, options);
  runtime::stream::StageStats stats;
  const int code = host_stage(std::move(stage), *context, {}, &stats);
  out << nlohmann::json{{"stage", name},
                        {"consumed", stats.consumed},
                        {"produced", stats.produced},
                        {"commits", stats.commits}}
             .dump()
      << std::endl;
  return code;
}

}  // namespace sharpline::cli
