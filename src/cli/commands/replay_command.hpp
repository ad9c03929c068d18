// `sharpline replay`: history (a dump or a dataset) published onto a bus in event-time order,
// at a chosen speed (docs/cli.md).
#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace sharpline::cli {

int run_replay_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace sharpline::cli
