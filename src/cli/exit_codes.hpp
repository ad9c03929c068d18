// The one place that turns a command's outcome into the exit code every command shares:
// 0 success (and --help), 2 usage error (one line naming the bad option or value), 1 runtime
// failure ("<command>: error: <message>").
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

namespace sharpline::cli {

// Runs body (which returns its own exit code) and maps what it throws: HelpRequested -> usage
// text on out, 0; UsageError or domain::InvalidInput (a bad value the user typed) -> 2;
// anything else -> 1. `command` prefixes messages, e.g. "sharpline odds".
int run_with_exit_codes(const std::string& command, std::ostream& out, std::ostream& err,
                        const std::function<int()>& body);

}  // namespace sharpline::cli
