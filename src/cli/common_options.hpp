// Options shared by many commands, so every command spells them the same way.
#pragma once

#include <string>

#include "cli/args.hpp"
#include "common/config.hpp"

namespace sharpline::cli {

enum CommonOptions : unsigned {
  kConfigOptions = 1U << 0,  // --config, --set, --log-level, --log-format
  kBusOptions = 1U << 1,     // --bootstrap, --schema-registry
  kHttpOptions = 1U << 2,    // --http
};

void add_common_options(ArgParser& parser, unsigned which);

// Layers defaults < --config file < SHARPLINE_* environment < flags. ConfigError becomes a
// UsageError when it stems from a flag, so it exits 2; file and environment problems exit 1.
Config config_from_args(const ParsedArgs& args);

// Starts logging for a command from the effective configuration.
void init_command_logging(const Config& config, const std::string& stage);

}  // namespace sharpline::cli
