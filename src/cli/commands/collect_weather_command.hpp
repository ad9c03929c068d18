#pragma once

#include <ostream>
#include <span>
#include <string>

namespace sharpline::cli {

// `sharpline collect weather ...` (args after "weather"): see docs/collectors-http.md. Prints
// {"published":N,"unchanged":N,"deadletter":N,"responses":N,"failed_fetches":N}.
int collect_weather(std::span<const std::string> args, std::ostream& out);

}  // namespace sharpline::cli
