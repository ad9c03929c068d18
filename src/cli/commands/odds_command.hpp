#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace sharpline::cli {

// `sharpline odds devig|kelly|arb|convert|ev|clv|middle|consensus ...`: the odds-math calculator.
// `args` starts with the subcommand. Every subcommand prints exactly one JSON object on one line.
// Exit codes: 0 success, 2 usage error (one line on `err` naming the bad option or value),
// 1 runtime failure. --help on any subcommand prints its usage to `out` and returns 0.
int run_odds_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace sharpline::cli
