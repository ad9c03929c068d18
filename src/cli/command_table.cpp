#include "cli/command_table.hpp"

#include <exception>
#include <ostream>

#include "cli/args.hpp"
#include "cli/commands/alerts_command.hpp"
#include "cli/commands/backtest_command.hpp"
#include "cli/commands/bus_commands.hpp"
#include "cli/commands/collect_command.hpp"
#include "cli/commands/config_command.hpp"
#include "cli/commands/dump_command.hpp"
#include "cli/commands/odds_command.hpp"
#include "cli/commands/ratings_command.hpp"
#include "cli/commands/replay_command.hpp"
#include "cli/commands/report_command.hpp"
#include "cli/commands/sink_command.hpp"
#include "cli/commands/train_command.hpp"
#include "cli/exit_codes.hpp"
#include "common/config.hpp"

namespace sharpline::cli {
namespace {

int run_version(std::span<const std::string> args, std::ostream& out, std::ostream&) {
  ArgParser parser("sharpline version", "Print the version.");
  (void)parser.parse(args);
  out << "sharpline " << SHARPLINE_VERSION << "\n";
  return 0;
}

std::string usage() {
  std::string text =
      "Usage: sharpline <command> [options]\n\n"
      "Event-driven sports-betting analytics on Kafka.\n\nCommands:\n";
  for (const auto& command : commands()) {
    std::string name = command.name;
    name.resize(12, ' ');
    text += "  " + name + command.summary + "\n";
  }
  text += "\nRun 'sharpline <command> --help' for the options of a command.\n";
  return text;
}

}  // namespace

const std::vector<CommandInfo>& commands() {
  static const std::vector<CommandInfo> table = {
      {"run", "Run the main job: embedded broker, topics, and the pipeline end to end.",
       run_run_command},
      {"stage", "Run one pipeline stage (features, inference, opportunities, grading).",
       run_stage_command},
      {"broker", "Run the embedded Kafka broker for other processes and tools.",
       run_broker_command},
      {"topics", "Apply or list the declared topics (topics apply|list).", run_topics_command},
      {"schemas", "List the record schemas and their registry ids.", run_schemas_command},
      {"produce", "Validate JSON records against a topic's schema and publish them.",
       run_produce_command},
      {"consume", "Print a topic's records as JSON lines.", run_consume_command},
      {"dump", "Write topics to JSON lines files up to their high watermarks.", run_dump_command},
      {"sink", "Store the pipeline's topics in a database (sink postgres).", run_sink_command},
      {"replay", "Publish a dump or a dataset onto a bus in event-time order, at a chosen speed.",
       run_replay_command},
      {"collect", "Collect odds polls (collect odds) into quote changes, events and dead letters.",
       run_collect_command},
      {"odds", "Odds calculator: convert, devig, kelly, arb, middle, ev, clv, consensus.",
       run_odds_command},
      {"ratings", "Team ratings: Elo with presets (ratings elo|presets).", run_ratings_command},
      {"config", "Show the effective configuration or the declared keys (config show|keys).",
       run_config_command},
      {"train",
       "Train a market model from a historical dataset; --walk-forward season evaluates it.",
       run_train_command},
      {"backtest", "Backtest a strategy on a historical dataset (JSON and HTML reports).",
       run_backtest_command},
      {"report", "Render a backtest report JSON as a self-contained HTML page (report html).",
       run_report_command},
      {"alerts", "Deliver alerts to subscribers (alerts webhook: signed JSON POSTs).",
       run_alerts_command},
      {"version", "Print the version.", run_version},
  };
  return table;
}

int dispatch(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    out << usage();
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") return run_version({}, out, err);
  for (const auto& command : commands()) {
    if (args[0] != command.name) continue;
    return run_with_exit_codes("sharpline " + args[0], out, err,
                               [&] { return command.run(args.subspan(1), out, err); });
  }
  err << "sharpline: unknown command '" << args[0] << "' (see 'sharpline --help')\n";
  return 2;
}

}  // namespace sharpline::cli
