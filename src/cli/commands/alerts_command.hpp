#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace sharpline::cli {

// `sharpline alerts webhook ...`: deliver sharpline.alerts.v1 to webhook subscribers
// (docs/alerts.md). `args` starts with the subcommand. Exit codes: 0 after a clean stop,
// 2 usage error (including a bad subscribers file), 1 runtime failure.
int run_alerts_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace sharpline::cli
