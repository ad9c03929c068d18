#include "cli/commands/odds_command.hpp"

#include <exception>
#include <ostream>

#include "cli/args.hpp"
#include "cli/commands/odds_subcommands.hpp"
#include "cli/exit_codes.hpp"
#include "domain/errors.hpp"

namespace sharpline::cli {
namespace {

using Subcommand = void (*)(std::span<const std::string>, std::ostream&);

struct Entry {
  const char* name;
  const char* summary;
  Subcommand run;
};

constexpr Entry kSubcommands[] = {
    {"devig", "Fair probabilities from one book's prices (margin removal).", odds_cli::run_devig},
    {"convert", "Convert prices between decimal, American, fractional and implied.",
     odds_cli::run_convert},
    {"kelly", "Kelly stakes for one bet or for exclusive outcomes of one market.",
     odds_cli::run_kelly},
    {"arb", "Best price per outcome across books, arbitrage return and stake split.",
     odds_cli::run_arb},
    {"ev", "Expected value of prices given fair probabilities.", odds_cli::run_ev},
    {"clv", "Closing-line value of a taken price against the de-vigged close.", odds_cli::run_clv},
    {"middle", "Middle on a spread or total: window, stake split, break-even chance.",
     odds_cli::run_middle},
    {"consensus", "Weighted consensus fair price across books, with outlier rejection.",
     odds_cli::run_consensus},
};

std::string usage() {
  std::string text =
      "Usage: sharpline odds <subcommand> [options]\n\n"
      "Odds math calculator; every subcommand prints one JSON object.\n\nSubcommands:\n";
  for (const Entry& entry : kSubcommands) {
    std::string name = entry.name;
    name.resize(11, ' ');
    text += "  " + name + entry.summary + "\n";
  }
  text += "\nRun 'sharpline odds <subcommand> --help' for its options.\n";
  return text;
}

void dispatch(std::span<const std::string> args, std::ostream& out) {
  if (args.empty()) {
    throw UsageError(
        "sharpline odds: missing subcommand (devig, convert, kelly, arb, ev, clv, "
        "middle, consensus; see --help)");
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") throw HelpRequested(usage());
  for (const Entry& entry : kSubcommands) {
    if (args[0] == entry.name) return entry.run(args.subspan(1), out);
  }
  throw UsageError("sharpline odds: unknown subcommand '" + args[0] + "' (see --help)");
}

}  // namespace

int run_odds_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  return run_with_exit_codes("sharpline odds", out, err, [&] {
    dispatch(args, out);
    return 0;
  });
}

}  // namespace sharpline::cli
