#include "cli/common_options.hpp"

#include "common/logging.hpp"

namespace sharpline::cli {

void add_common_options(ArgParser& parser, unsigned which) {
  if ((which & kBusOptions) != 0U) {
    parser.option("bootstrap", "HOST:PORT[,...]",
                  "Kafka bootstrap servers. Without it an embedded broker starts in-process.");
    parser.option(
        "schema-registry", "URL",
        "Confluent-compatible Schema Registry. Without it the embedded registry is used.");
  }
  if ((which & kHttpOptions) != 0U) {
    parser.option("http", "HOST:PORT",
                  "Serve /health, /ready, /metrics and the schema registry here "
                  "(default 127.0.0.1:8088; port 0 picks a free port).");
  }
  if ((which & kConfigOptions) != 0U) {
    parser.option("config", "FILE", "JSON config file (see docs/configuration.md).");
    parser.option("set", "KEY=VALUE",
                  "Set a configuration key; kafka.<property> passes to librdkafka. Repeatable.",
                  true);
    parser.option("log-level", "LEVEL", "trace, debug, info, warn, error or off.");
    parser.option("log-format", "FORMAT", "json or text.");
  }
}

Config config_from_args(const ParsedArgs& args) {
  ConfigInputs inputs;
  inputs.config_file = args.get("config");
  inputs.environment = read_environment();
  // Flags in the order given; a dedicated flag and --set of the same key: the later one wins.
  for (const auto& [name, value] : args.ordered()) {
    if (name == "set") {
      const auto eq = value.find('=');
      if (eq == std::string::npos || eq == 0) {
        throw UsageError(args.command() + ": invalid value '" + value +
                         "' for --set: expected KEY=VALUE");
      }
      inputs.flags.emplace_back(value.substr(0, eq), value.substr(eq + 1));
    } else if (name == "bootstrap") {
      inputs.flags.emplace_back("bootstrap", value);
    } else if (name == "schema-registry") {
      inputs.flags.emplace_back("schema.registry.url", value);
    } else if (name == "http") {
      inputs.flags.emplace_back("http.listen", value);
    } else if (name == "log-level") {
      inputs.flags.emplace_back("log.level", value);
    } else if (name == "log-format") {
      inputs.flags.emplace_back("log.format", value);
    }
  }
  // A bad flag is a usage error (exit 2); load_config reports file/env problems the same way,
  // so tell them apart by re-checking the flags alone first.
  try {
    ConfigInputs flags_only;
    flags_only.flags = inputs.flags;
    (void)load_config(flags_only);
  } catch (const ConfigError& e) {
    throw UsageError(args.command() + ": " + e.what());
  }
  return load_config(inputs);
}

void init_command_logging(const Config& config, const std::string& stage) {
  LogSettings settings;
  settings.level = config.get_or("log.level", "info");
  settings.format = config.get_or("log.format", "json");
  settings.stage = stage;
  settings.instance = config.get_or("instance.id", "");
  init_logging(settings);
}

}  // namespace sharpline::cli
