#pragma once

#include <ostream>
#include <span>
#include <string>

namespace sharpline::cli {

// `sharpline collect odds ...` (args after "odds"): see docs/collectors.md. Prints the summary
// line; throws UsageError for bad options.
int collect_odds(std::span<const std::string> args, std::ostream& out);

}  // namespace sharpline::cli
