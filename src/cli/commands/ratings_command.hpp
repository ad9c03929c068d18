#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace sharpline::cli {

// `sharpline ratings elo|presets ...`: Elo ratings over a FiveThirtyEight-style game file.
// `args` starts with the subcommand. Exit codes: 0 success, 2 usage error (one line on `err`),
// 1 runtime failure (unreadable or malformed file). --help prints usage to `out`, returns 0.
int run_ratings_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace sharpline::cli
