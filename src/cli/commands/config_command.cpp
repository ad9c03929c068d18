#include "cli/commands/config_command.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/args.hpp"
#include "cli/common_options.hpp"
#include "common/config.hpp"

namespace sharpline::cli {

int run_config_command(std::span<const std::string> args, std::ostream& out, std::ostream&) {
  const std::string sub = args.empty() ? "" : args[0];
  if (sub == "show") {
    ArgParser parser("sharpline config show",
                     "Print the effective configuration as JSON: value, source (default, file, "
                     "environment, flag) and origin of every key. Secrets print as ***.");
    add_common_options(parser, kConfigOptions | kBusOptions | kHttpOptions);
    const auto parsed = parser.parse(args.subspan(1));
    const Config config = config_from_args(parsed);
    out << config.describe().dump(2) << "\n";
    return 0;
  }
  if (sub == "keys") {
    ArgParser parser("sharpline config keys", "List every configuration key with its default.");
    (void)parser.parse(args.subspan(1));
    nlohmann::json keys = nlohmann::json::array();
    for (const auto& key : config_keys()) {
      keys.push_back({{"key", key.name},
                      {"default", key.default_value},
                      {"env", env_var_for(key.name)},
                      {"secret", key.secret},
                      {"help", key.help}});
    }
    keys.push_back({{"key", "kafka.<property>"},
                    {"default", ""},
                    {"env", "SHARPLINE_KAFKA_<PROPERTY>"},
                    {"secret", false},
                    {"help", "Any librdkafka property, passed through unchanged."}});
    out << keys.dump(2) << "\n";
    return 0;
  }
  if (sub == "--help" || sub == "-h") {
    out << "Usage: sharpline config show|keys [options]\n\n"
           "  show   the effective configuration (defaults < --config < SHARPLINE_* < flags)\n"
           "  keys   every configuration key, its default and environment variable\n";
    return 0;
  }
  throw UsageError("sharpline config: expected 'show' or 'keys'" +
                   (sub.empty() ? std::string() : ", got '" + sub + "'"));
}

}  // namespace sharpline::cli
