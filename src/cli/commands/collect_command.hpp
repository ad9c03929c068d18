#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace sharpline::cli {

// `sharpline collect odds --source file --from-file F ...`: replays recorded The Odds API polls
// through the change tracker and publishes quote changes to sharpline.odds.v1, new or changed
// events to sharpline.events.v1 and rejected items to sharpline.deadletter.v1. `args` starts with
// the collector ("odds"). Prints one JSON summary line:
//   {"published":N,"unchanged":N,"deadletter":N,"removed":N,"events":N,"polls":N}
// published counts NEW + CHANGED quotes; REMOVED records are published too but counted apart.
// Exit codes: 0 success, 2 usage error, 1 runtime failure.
int run_collect_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace sharpline::cli
