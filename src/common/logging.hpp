// Process-wide logging on spdlog: JSON lines on stderr (stdout belongs to command output).
//
// Stable fields: time (UTC, ISO-8601 ms), level, stage, instance, msg; callers add more as a JSON
// object (event_id where a record is concerned). time, level and instance cannot be overridden by
// a caller's fields; stage can, for processes that host several stages (`sharpline run`).
// Messages must never contain secrets: log redacted URLs and Config::describe(). As a last line
// of defence, a field whose name says it is a secret (password, secret, token, api_key,
// authorization, dsn; any depth) is written as "***".
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace spdlog::sinks {
class sink;
}

namespace sharpline {

struct LogSettings {
  std::string level = "info";   // trace|debug|info|warn|error|off
  std::string format = "json";  // json|text
  std::string stage;            // command or stage name, e.g. "broker", "features"
  std::string instance;         // instance id; empty: hostname-pid
};

// Installs the default logger. Throws std::invalid_argument for an unknown level or format.
void init_logging(const LogSettings& settings);
// The same, writing to `sink` instead of stderr (tests).
void init_logging(const LogSettings& settings, std::shared_ptr<spdlog::sinks::sink> sink);

// Changes the level of the installed logger at run time (the admin endpoint). Throws
// std::invalid_argument for an unknown level.
void set_log_level(const std::string& level);
std::string log_level();

// Logs msg with extra structured fields merged into the JSON line (text format appends them).
void log_debug(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());
void log_info(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());
void log_warn(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());
void log_error(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());

std::string default_instance_id();

}  // namespace sharpline
