// The webhook subscribers file (JSON, see docs/alerts.md): who gets which alerts, where, signed
// with which secret, and how hard to try. Parsed strictly: an unknown field, a wrong type or a
// bad value is a SubscriberConfigError naming the subscriber and the field.
//
// Secrets never sit in the file: each subscriber names an environment variable (`secret_env`)
// or a file (`secret_file`) that holds its secret, so the subscribers file can live in git.
#pragma once

#include <chrono>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/alerts/alert_filter.hpp"

namespace sharpline::adapters::alerts {

class SubscriberConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Values for fields a subscriber leaves out (the alerts.webhook.* configuration keys).
struct SubscriberDefaults {
  int max_attempts = 5;
  std::chrono::milliseconds backoff_initial{500};
  std::chrono::milliseconds backoff_max{30000};
  std::chrono::milliseconds timeout{5000};
  std::chrono::milliseconds retry_after_max{300000};
};

struct Subscriber {
  std::string id;   // [A-Za-z0-9_.-]{1,64}: it names a consumer group and a metrics label
  std::string url;  // absolute http(s) URL; log it only through redact_url()
  std::string secret;
  domain::alerts::AlertFilter filter;
  int max_attempts = 5;  // first attempt included
  std::chrono::milliseconds backoff_initial{500};
  std::chrono::milliseconds backoff_max{30000};
  std::chrono::milliseconds timeout{5000};  // one attempt, connect to last byte
  // A Retry-After (429/503) replaces the backoff for that retry, up to this long.
  std::chrono::milliseconds retry_after_max{300000};
};

// Looks up an environment variable; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup process_environment();

// `document` is the parsed file; `origin` names it in messages; relative `secret_file` paths are
// resolved against `base_dir`.
std::vector<Subscriber> parse_subscribers(const nlohmann::json& document, const std::string& origin,
                                          const SubscriberDefaults& defaults,
                                          const EnvLookup& environment,
                                          const std::string& base_dir);

// Reads and parses the file; relative secret files resolve against its directory.
std::vector<Subscriber> load_subscribers(const std::string& path,
                                         const SubscriberDefaults& defaults,
                                         const EnvLookup& environment = process_environment());

}  // namespace sharpline::adapters::alerts
