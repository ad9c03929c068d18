// `sharpline sink postgres`: the Postgres sink (docs/postgres-sink.md).
#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace sharpline::cli {

int run_sink_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace sharpline::cli
