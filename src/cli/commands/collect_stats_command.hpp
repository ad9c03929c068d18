#pragma once

#include <ostream>
#include <span>
#include <string>

namespace sharpline::cli {

// `sharpline collect stats ...` (args after "stats"): see docs/collectors-stats.md. Prints
// {"published":N,"unchanged":N,"deadletter":N,"warnings":N,"payloads":N,"failed_fetches":N}.
int collect_stats(std::span<const std::string> args, std::ostream& out);

}  // namespace sharpline::cli
