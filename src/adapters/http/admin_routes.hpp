#pragma once

// Admin endpoints of every long-running process. They show or change how the process runs, so
// each one requires the bearer token (http.admin.token); without a token they answer 403 and do
// nothing, so an unset token can never leave them open.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "adapters/http/http_server.hpp"

namespace sharpline::adapters::http {

struct AdminHooks {
  std::string token;  // empty: admin endpoints disabled (403)
  // The effective configuration with secrets already redacted (Config::describe()).
  std::function<nlohmann::json()> config;
  std::function<std::string()> log_level;
  // Throws std::invalid_argument for an unknown level (answered 400).
  std::function<void(const std::string&)> set_log_level;
};

// GET /admin/config            effective configuration (secrets shown as "***")
// GET /admin/log-level         {"level":"info"}
// PUT /admin/log-level         body {"level":"debug"} -> {"level":"debug"}
void add_admin_routes(HttpServer& server, AdminHooks hooks);

}  // namespace sharpline::adapters::http
