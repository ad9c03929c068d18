// Layered configuration: defaults < config file < environment (SHARPLINE_*) < command-line flags.
//
// Keys are dotted names ("http.listen", "schema.registry.url"). Every key is declared in
// config_keys.cpp with a type, default and help text, so typos are errors, not silent no-ops.
// The one open namespace is "kafka.": any "kafka.<librdkafka property>" passes straight to
// librdkafka, as Kafka users expect.
//
// Secrets (passwords, API keys, tokens) may only come from the environment or from files; they
// are never printed: describe() and every log line show "***" in their place.
//
// Errors: ConfigError (a std::runtime_error) naming the key, the bad value and where it came from.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sharpline {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ConfigSource { kDefault, kFile, kEnvironment, kFlag };
std::string_view to_string(ConfigSource source);

enum class ConfigType { kString, kInt, kBool, kDouble, kHostPort, kUrl };

struct ConfigKey {
  std::string name;
  ConfigType type;
  std::string default_value;
  std::string help;
  bool secret = false;
};

// Every declared key, sorted by name.
const std::vector<ConfigKey>& config_keys();
const ConfigKey* find_config_key(std::string_view name);

// True for keys whose values must never be shown (declared secrets and librdkafka credentials).
bool is_secret_key(std::string_view key);

// SHARPLINE_HTTP_LISTEN for "http.listen"; SHARPLINE_KAFKA_SASL_PASSWORD for "kafka.sasl.password".
std::string env_var_for(std::string_view key);

struct ConfigEntry {
  std::string value;
  ConfigSource source = ConfigSource::kDefault;
  std::string origin;  // file path, env var name or flag, for error messages and `config show`
};

class Config {
 public:
  // A config holding only the declared defaults.
  static Config defaults();

  // Sets a key after checking it is declared (or kafka.*) and its value has the declared type.
  void set(const std::string& key, const std::string& value, ConfigSource source,
           const std::string& origin);

  std::optional<std::string> get(const std::string& key) const;
  std::string get_or(const std::string& key, const std::string& fallback) const;
  std::string require(const std::string& key) const;
  long long get_int(const std::string& key) const;
  bool get_bool(const std::string& key) const;
  double get_double(const std::string& key) const;

  // Every "kafka.*" key with the prefix removed: the librdkafka properties to apply.
  std::map<std::string, std::string> kafka_properties() const;

  const std::map<std::string, ConfigEntry>& entries() const { return entries_; }

  // {"key": {"value": ..., "source": ...}} with secrets replaced by "***".
  nlohmann::json describe() const;

 private:
  std::map<std::string, ConfigEntry> entries_;
};

struct ConfigInputs {
  std::optional<std::string> config_file;
  std::map<std::string, std::string> environment;  // usually read_environment()
  // key=value pairs from flags, in the order given (later wins).
  std::vector<std::pair<std::string, std::string>> flags;
};

// Builds the effective configuration from all layers.
Config load_config(const ConfigInputs& inputs);

// The process environment as a map (only SHARPLINE_* variables are kept).
std::map<std::string, std::string> read_environment();

}  // namespace sharpline
