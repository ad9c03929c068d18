#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace sharpline::cli {

// `sharpline config show|keys`: the effective configuration (secrets as ***) or every key.
int run_config_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace sharpline::cli
