#include "common/config.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

extern char** environ;

namespace sharpline {
namespace {

constexpr std::string_view kEnvPrefix = "SHARPLINE_";
constexpr std::string_view kFileSuffix = "_FILE";
constexpr std::string_view kKafkaPrefix = "kafka.";

// librdkafka properties that carry credentials.
constexpr std::string_view kSecretFragments[] = {
    "password",  "secret", "token", "api.key", "apikey", "ssl.key.pem", "sasl.oauthbearer.config",
    "basic.auth"};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string read_secret_file(const std::string& path, const std::string& key) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("cannot read file '" + path + "' for " + key);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string value = buffer.str();
  // Files written by editors or `echo` end with a newline that is not part of the secret.
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
  return value;
}

void check_type(const std::string& key, const std::string& value, ConfigType type,
                const std::string& origin) {
  auto bad = [&](const std::string& expected) {
    return ConfigError("invalid value '" + (is_secret_key(key) ? std::string("***") : value) +
                       "' for " + key + " (from " + origin + "): expected " + expected);
  };
  switch (type) {
    case ConfigType::kString:
      return;
    case ConfigType::kInt: {
      errno = 0;
      char* end = nullptr;
      std::strtoll(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || errno == ERANGE) throw bad("an integer");
      return;
    }
    case ConfigType::kDouble: {
      char* end = nullptr;
      const double d = std::strtod(value.c_str(), &end);
      if (value.empty() || *end != '\0' || !std::isfinite(d)) throw bad("a number");
      return;
    }
    case ConfigType::kBool:
      if (value != "true" && value != "false") throw bad("true or false");
      return;
    case ConfigType::kHostPort: {
      const auto colon = value.rfind(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == value.size()) {
        throw bad("HOST:PORT");
      }
      const std::string port = value.substr(colon + 1);
      if (!std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); }) ||
          std::stol(port) > 65535) {
        throw bad("HOST:PORT with a port in 0..65535");
      }
      return;
    }
    case ConfigType::kUrl:
      if (!value.empty() && !value.starts_with("http://") && !value.starts_with("https://")) {
        throw bad("an http:// or https:// URL");
      }
      return;
  }
}

// Flattens {"kafka": {"security.protocol": "SSL"}} into "kafka.security.protocol".
void flatten(const nlohmann::json& node, const std::string& prefix,
             std::vector<std::pair<std::string, nlohmann::json>>& out) {
  const bool is_reference =
      node.is_object() && node.size() == 1 && (node.contains("file") || node.contains("env"));
  if (node.is_object() && !is_reference) {
    for (const auto& [name, child] : node.items()) {
      flatten(child, prefix.empty() ? name : prefix + "." + name, out);
    }
    return;
  }
  out.emplace_back(prefix, node);
}

void apply_file(Config& config, const std::string& path,
                const std::map<std::string, std::string>& environment) {
  std::ifstream in(path);
  if (!in) throw ConfigError("cannot read config file '" + path + "'");
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw ConfigError("config file '" + path + "' is not valid JSON: " + e.what());
  }
  if (!document.is_object())
    throw ConfigError("config file '" + path + "' must hold a JSON object");
  std::vector<std::pair<std::string, nlohmann::json>> flat;
  flatten(document, "", flat);
  for (const auto& [key, node] : flat) {
    const std::string origin = path;
    std::string value;
    if (node.is_object()) {
      if (node.contains("file")) {
        value = read_secret_file(node["file"].get<std::string>(), key);
      } else {
        const auto var = node["env"].get<std::string>();
        auto it = environment.find(var);
        if (it == environment.end()) {
          throw ConfigError("environment variable " + var + " referenced for " + key + " in '" +
                            path + "' is not set");
        }
        value = it->second;
      }
    } else {
      if (is_secret_key(key)) {
        throw ConfigError("secret " + key + " in '" + path +
                          "' must be a reference: {\"file\": PATH} or {\"env\": VAR}");
      }
      if (node.is_string()) {
        value = node.get<std::string>();
      } else if (node.is_boolean() || node.is_number()) {
        value = node.dump();
      } else {
        throw ConfigError("config key " + key + " in '" + path +
                          "' must be a string, number or bool");
      }
    }
    config.set(key, value, ConfigSource::kFile, origin);
  }
}

// Maps an environment variable name to a key: declared keys by their derived name, and
// SHARPLINE_KAFKA_X_Y to kafka.x.y (librdkafka property names contain no underscores).
std::optional<std::string> key_for_env(const std::string& var) {
  for (const auto& key : config_keys()) {
    if (env_var_for(key.name) == var) return key.name;
  }
  const std::string kafka_env = std::string(kEnvPrefix) + "KAFKA_";
  if (var.starts_with(kafka_env) && var.size() > kafka_env.size()) {
    std::string property = lower(var.substr(kafka_env.size()));
    std::replace(property.begin(), property.end(), '_', '.');
    return std::string(kKafkaPrefix) + property;
  }
  return std::nullopt;
}

void apply_environment(Config& config, const std::map<std::string, std::string>& environment) {
  for (const auto& [var, value] : environment) {
    if (!var.starts_with(kEnvPrefix)) continue;
    if (var.ends_with(kFileSuffix)) {
      const auto key = key_for_env(var.substr(0, var.size() - kFileSuffix.size()));
      if (key) config.set(*key, read_secret_file(value, *key), ConfigSource::kEnvironment, var);
      continue;
    }
    // Unknown SHARPLINE_* variables belong to tools and tests (e.g. SHARPLINE_SOURCE_DIR).
    if (const auto key = key_for_env(var)) {
      config.set(*key, value, ConfigSource::kEnvironment, var);
    }
  }
}

}  // namespace

std::string_view to_string(ConfigSource source) {
  switch (source) {
    case ConfigSource::kDefault:
      return "default";
    case ConfigSource::kFile:
      return "file";
    case ConfigSource::kEnvironment:
      return "environment";
    case ConfigSource::kFlag:
      return "flag";
  }
  return "unknown";
}

bool is_secret_key(std::string_view key) {
  if (const ConfigKey* declared = find_config_key(key)) return declared->secret;
  const std::string lowered = lower(std::string(key));
  return std::any_of(
      std::begin(kSecretFragments), std::end(kSecretFragments),
      [&](std::string_view fragment) { return lowered.find(fragment) != std::string::npos; });
}

std::string env_var_for(std::string_view key) {
  std::string name(kEnvPrefix);
  for (char c : key) {
    name.push_back(c == '.' || c == '-'
                       ? '_'
                       : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return name;
}

Config Config::defaults() {
  Config config;
  for (const auto& key : config_keys()) {
    config.entries_[key.name] = {key.default_value, ConfigSource::kDefault, "default"};
  }
  return config;
}

void Config::set(const std::string& key, const std::string& value, ConfigSource source,
                 const std::string& origin) {
  if (key.starts_with(kKafkaPrefix)) {
    if (key.size() == kKafkaPrefix.size()) {
      throw ConfigError("empty librdkafka property name in 'kafka.' (from " + origin + ")");
    }
  } else {
    const ConfigKey* declared = find_config_key(key);
    if (declared == nullptr) {
      throw ConfigError("unknown configuration key '" + key + "' (from " + origin +
                        "); see `sharpline config keys`");
    }
    check_type(key, value, declared->type, origin);
  }
  entries_[key] = {value, source, origin};
}

std::optional<std::string> Config::get(const std::string& key) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second.value;
}

std::string Config::get_or(const std::string& key, const std::string& fallback) const {
  auto value = get(key);
  return value && !value->empty() ? *value : fallback;
}

std::string Config::require(const std::string& key) const {
  auto value = get(key);
  if (!value || value->empty()) {
    throw ConfigError("missing configuration " + key + " (set it with --set " + key + "=..., " +
                      env_var_for(key) + " or a config file)");
  }
  return *value;
}

long long Config::get_int(const std::string& key) const {
  return std::stoll(require(key));
}

bool Config::get_bool(const std::string& key) const {
  return require(key) == "true";
}

double Config::get_double(const std::string& key) const {
  return std::stod(require(key));
}

std::map<std::string, std::string> Config::kafka_properties() const {
  std::map<std::string, std::string> properties;
  for (const auto& [key, entry] : entries_) {
    if (key.starts_with(kKafkaPrefix)) properties[key.substr(kKafkaPrefix.size())] = entry.value;
  }
  return properties;
}

nlohmann::json Config::describe() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, entry] : entries_) {
    const bool hide = is_secret_key(key) && !entry.value.empty();
    out[key] = {{"value", hide ? std::string("***") : entry.value},
                {"source", std::string(to_string(entry.source))},
                {"origin", entry.origin}};
  }
  return out;
}

Config load_config(const ConfigInputs& inputs) {
  Config config = Config::defaults();
  if (inputs.config_file) apply_file(config, *inputs.config_file, inputs.environment);
  apply_environment(config, inputs.environment);
  for (const auto& [key, value] : inputs.flags) {
    if (is_secret_key(key)) {
      throw ConfigError("secret " + key + " cannot be given as a flag (it would show in the " +
                        "process list); use " + env_var_for(key) + " or " + env_var_for(key) +
                        "_FILE");
    }
    config.set(key, value, ConfigSource::kFlag, "--set " + key);
  }
  return config;
}

std::map<std::string, std::string> read_environment() {
  std::map<std::string, std::string> environment;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name(text.substr(0, eq));
    if (name.starts_with(kEnvPrefix)) environment[name] = std::string(text.substr(eq + 1));
  }
  return environment;
}

}  // namespace sharpline
