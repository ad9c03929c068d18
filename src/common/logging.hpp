// Process-wide logging on spdlog: JSON lines on stderr (stdout belongs to command output).
//
// Stable fields: time (UTC, ISO-8601 ms), level, stage, instance, msg; callers add more with
// log_fields(). Messages must never contain secrets: log redacted URLs and Config::describe().
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace sharpline {

struct LogSettings {
  std::string level = "info";   // trace|debug|info|warn|error|off
  std::string format = "json";  // json|text
  std::string stage;            // command or stage name, e.g. "broker", "features"
  std::string instance;         // instance id; empty: hostname-pid
};

// Installs the default logger. Throws std::invalid_argument for an unknown level or format.
void init_logging(const LogSettings& settings);

// Logs msg with extra structured fields merged into the JSON line (text format appends them).
void log_debug(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());
void log_info(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());
void log_warn(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());
void log_error(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());

std::string default_instance_id();

}  // namespace sharpline
