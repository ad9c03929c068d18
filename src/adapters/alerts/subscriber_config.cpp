#include "adapters/alerts/subscriber_config.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "adapters/http/http_error.hpp"
#include "adapters/http/url.hpp"

namespace sharpline::adapters::alerts {
namespace {

using nlohmann::json;

constexpr long long kMaxMs = 24LL * 3600 * 1000;

[[noreturn]] void fail(const std::string& where, const std::string& message) {
  throw SubscriberConfigError(where + ": " + message);
}

void only_fields(const json& object, const std::set<std::string>& allowed,
                 const std::string& where) {
  if (!object.is_object()) fail(where, "expected an object");
  for (const auto& [key, value] : object.items()) {
    if (!allowed.contains(key)) {
      std::string known;
      for (const auto& name : allowed) {
        if (!known.empty()) known += ", ";
        known += name;
      }
      fail(where, "unknown field '" + key + "' (known: " + known + ")");
    }
  }
}

std::string string_field(const json& object, const std::string& name, const std::string& where) {
  const auto& value = object.at(name);
  if (!value.is_string() || value.get<std::string>().empty()) {
    fail(where, "'" + name + "' must be a non-empty string");
  }
  return value.get<std::string>();
}

long long int_field(const json& object, const std::string& name, long long fallback, long long min,
                    long long max, const std::string& where) {
  if (!object.contains(name)) return fallback;
  const auto& value = object.at(name);
  if (!value.is_number_integer()) fail(where, "'" + name + "' must be an integer");
  const long long number = value.get<long long>();
  if (number < min || number > max) {
    fail(where, "'" + name + "' must be in [" + std::to_string(min) + ", " + std::to_string(max) +
                    "], got " + std::to_string(number));
  }
  return number;
}

std::vector<std::string> string_list(const json& object, const std::string& name,
                                     const std::string& where) {
  if (!object.contains(name)) return {};
  const auto& value = object.at(name);
  if (!value.is_array()) fail(where, "'" + name + "' must be an array of strings");
  std::vector<std::string> items;
  for (const auto& item : value) {
    if (!item.is_string() || item.get<std::string>().empty()) {
      fail(where, "'" + name + "' must hold non-empty strings");
    }
    items.push_back(item.get<std::string>());
  }
  return items;
}

bool valid_id(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '-';
  });
}

domain::alerts::AlertFilter parse_filter(const json& object, const std::string& where) {
  only_fields(object, {"sports", "kinds", "min_ev", "min_severity"}, where);
  domain::alerts::AlertFilter filter;
  filter.sports = string_list(object, "sports", where);
  filter.kinds = string_list(object, "kinds", where);
  if (object.contains("min_ev")) {
    const auto& value = object.at("min_ev");
    if (!value.is_number()) fail(where, "'min_ev' must be a number (0.03 = +3%)");
    filter.min_ev = value.get<double>();
    if (!std::isfinite(*filter.min_ev) || *filter.min_ev < -1.0 || *filter.min_ev > 100.0) {
      fail(where, "'min_ev' must be a ratio in [-1, 100] (0.03 = +3%)");
    }
  }
  if (object.contains("min_severity")) {
    const auto& value = object.at("min_severity");
    const auto severity =
        value.is_string() ? domain::alerts::parse_severity(value.get<std::string>()) : std::nullopt;
    if (!severity) fail(where, "'min_severity' must be one of info, notice, high");
    filter.min_severity = severity;
  }
  return filter;
}

std::string read_secret_file(const std::string& path, const std::string& where) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(where, "cannot read secret_file " + path);
  std::stringstream text;
  text << in.rdbuf();
  std::string secret = text.str();
  // Files written by `echo` or editors end in a newline that is not part of the secret.
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  return secret;
}

std::string resolve_secret(const json& object, const EnvLookup& environment,
                           const std::string& base_dir, const std::string& where) {
  if (object.contains("secret")) {
    fail(where,
         "an inline 'secret' is not accepted (the file may end up in git): use "
         "'secret_env' or 'secret_file'");
  }
  const bool from_env = object.contains("secret_env");
  const bool from_file = object.contains("secret_file");
  if (from_env == from_file) fail(where, "give exactly one of 'secret_env' or 'secret_file'");
  std::string secret;
  if (from_env) {
    const std::string name = string_field(object, "secret_env", where);
    secret = environment(name).value_or("");
    if (secret.empty())
      fail(where, "environment variable " + name + " (secret_env) is unset or empty");
  } else {
    std::filesystem::path path = string_field(object, "secret_file", where);
    if (path.is_relative() && !base_dir.empty()) path = std::filesystem::path(base_dir) / path;
    secret = read_secret_file(path.string(), where);
    if (secret.empty()) fail(where, "secret_file " + path.string() + " is empty");
  }
  return secret;
}

Subscriber parse_subscriber(const json& object, const SubscriberDefaults& defaults,
                            const EnvLookup& environment, const std::string& base_dir,
                            const std::string& position) {
  if (!object.is_object()) fail(position, "expected an object");
  if (!object.contains("id")) fail(position, "missing 'id'");
  Subscriber subscriber;
  subscriber.id = string_field(object, "id", position);
  if (!valid_id(subscriber.id)) {
    fail(position,
         "'id' must be 1-64 characters of A-Z a-z 0-9 _ . -, got '" + subscriber.id + "'");
  }
  const std::string where = position + " (" + subscriber.id + ")";
  only_fields(object,
              {"id", "url", "secret", "secret_env", "secret_file", "filters", "max_attempts",
               "backoff", "timeout_ms", "retry_after_max_ms"},
              where);
  if (!object.contains("url")) fail(where, "missing 'url'");
  subscriber.url = string_field(object, "url", where);
  try {
    (void)http::parse_url(subscriber.url);
  } catch (const http::HttpError& e) {
    fail(where, std::string("'url': ") + e.what());  // the message holds the redacted URL
  }
  subscriber.secret = resolve_secret(object, environment, base_dir, where);
  if (object.contains("filters"))
    subscriber.filter = parse_filter(object.at("filters"), where + " filters");

  subscriber.max_attempts =
      static_cast<int>(int_field(object, "max_attempts", defaults.max_attempts, 1, 100, where));
  auto initial = defaults.backoff_initial.count();
  auto max = defaults.backoff_max.count();
  if (object.contains("backoff")) {
    const auto& backoff = object.at("backoff");
    only_fields(backoff, {"initial_ms", "max_ms"}, where + " backoff");
    initial = int_field(backoff, "initial_ms", initial, 0, kMaxMs, where + " backoff");
    max = int_field(backoff, "max_ms", max, 0, kMaxMs, where + " backoff");
  }
  if (initial > max) fail(where, "backoff initial_ms must not exceed max_ms");
  subscriber.backoff_initial = std::chrono::milliseconds(initial);
  subscriber.backoff_max = std::chrono::milliseconds(max);
  subscriber.timeout = std::chrono::milliseconds(
      int_field(object, "timeout_ms", defaults.timeout.count(), 1, 600000, where));
  subscriber.retry_after_max = std::chrono::milliseconds(
      int_field(object, "retry_after_max_ms", defaults.retry_after_max.count(), 0, kMaxMs, where));
  return subscriber;
}

}  // namespace

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::vector<Subscriber> parse_subscribers(const json& document, const std::string& origin,
                                          const SubscriberDefaults& defaults,
                                          const EnvLookup& environment,
                                          const std::string& base_dir) {
  only_fields(document, {"subscribers"}, origin);
  if (!document.contains("subscribers") || !document.at("subscribers").is_array() ||
      document.at("subscribers").empty()) {
    fail(origin, "'subscribers' must be a non-empty array");
  }
  std::vector<Subscriber> subscribers;
  std::set<std::string> ids;
  const auto& list = document.at("subscribers");
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto subscriber = parse_subscriber(list[i], defaults, environment, base_dir,
                                       origin + ": subscribers[" + std::to_string(i) + "]");
    if (!ids.insert(subscriber.id).second)
      fail(origin, "duplicate subscriber id '" + subscriber.id + "'");
    subscribers.push_back(std::move(subscriber));
  }
  return subscribers;
}

std::vector<Subscriber> load_subscribers(const std::string& path,
                                         const SubscriberDefaults& defaults,
                                         const EnvLookup& environment) {
  std::ifstream in(path);
  if (!in) throw SubscriberConfigError("cannot read subscribers file " + path);
  json document;
  try {
    document = json::parse(in);
  } catch (const json::parse_error& e) {
    throw SubscriberConfigError(path + ": not valid JSON: " + e.what());
  }
  const auto dir = std::filesystem::path(path).parent_path().string();
  return parse_subscribers(document, path, defaults, environment, dir);
}

}  // namespace sharpline::adapters::alerts
