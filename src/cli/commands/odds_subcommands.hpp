// The `sharpline odds` subcommands. Each parses its own arguments (after the subcommand name),
// prints one JSON object and returns 0; usage problems are thrown as UsageError / HelpRequested
// and mapped to exit codes by run_odds_command.
#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace sharpline::cli::odds_cli {

// odds_market_commands.cpp
void run_devig(std::span<const std::string> args, std::ostream& out);
void run_convert(std::span<const std::string> args, std::ostream& out);
void run_consensus(std::span<const std::string> args, std::ostream& out);

// odds_betting_commands.cpp
void run_kelly(std::span<const std::string> args, std::ostream& out);
void run_arb(std::span<const std::string> args, std::ostream& out);
void run_ev(std::span<const std::string> args, std::ostream& out);
void run_clv(std::span<const std::string> args, std::ostream& out);
void run_middle(std::span<const std::string> args, std::ostream& out);

}  // namespace sharpline::cli::odds_cli
