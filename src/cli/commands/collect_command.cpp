#include "cli/commands/collect_command.hpp"

#include <ostream>

#include "cli/args.hpp"
#include "cli/commands/collect_odds_command.hpp"
#include "cli/commands/collect_stats_command.hpp"
#include "cli/commands/collect_weather_command.hpp"
#include "cli/exit_codes.hpp"

namespace sharpline::cli {
namespace {

std::string usage() {
  return "Usage: sharpline collect <collector> [options]\n\n"
         "Collectors:\n"
         "  odds       The Odds API v4 /odds polls (recorded files or the live API).\n"
         "  weather    Open-Meteo forecasts for upcoming events' venues.\n"
         "  stats      Games, results, team stats and game weather (ESPN, MLB StatsAPI) and\n"
         "             historical files (football-data.co.uk, nflverse, SBRO, Retrosheet).\n\n"
         "Run 'sharpline collect <collector> --help' for its options.\n";
}

}  // namespace

int run_collect_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  return run_with_exit_codes("sharpline collect", out, err, [&] {
    if (args.empty()) throw UsageError("sharpline collect: missing collector (see --help)");
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") throw HelpRequested(usage());
    const auto rest = args.subspan(1);
    if (args[0] == "odds") return collect_odds(rest, out);
    if (args[0] == "weather") return collect_weather(rest, out);
    if (args[0] == "stats") return collect_stats(rest, out);
    throw UsageError("sharpline collect: unknown collector '" + args[0] + "' (see --help)");
  });
}

}  // namespace sharpline::cli
