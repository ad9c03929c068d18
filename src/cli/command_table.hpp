// The top-level commands of `sharpline` and the dispatcher that maps exit codes:
// 0 success, 2 usage error (one line naming the bad option), 1 runtime failure.
#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <vector>

namespace sharpline::cli {

using CommandFn = int (*)(std::span<const std::string> args, std::ostream& out, std::ostream& err);

struct CommandInfo {
  const char* name;
  const char* summary;
  CommandFn run;
};

const std::vector<CommandInfo>& commands();

// Runs `sharpline ARGS...` (without the program name) and returns the exit code.
int dispatch(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace sharpline::cli
