#include "adapters/http/admin_routes.hpp"

#include <stdexcept>
#include <utility>

#include "adapters/http/bearer_auth.hpp"
#include "adapters/http/json_response.hpp"
#include "common/logging.hpp"

namespace sharpline::adapters::http {
namespace {

HttpResponse disabled(const HttpRequest&) {
  return json_error(403, "admin endpoints are disabled: set http.admin.token to enable them");
}

HttpHandler guarded(const std::string& token, HttpHandler handler) {
  if (token.empty()) return disabled;
  return require_bearer_token(token, std::move(handler));
}

}  // namespace

void add_admin_routes(HttpServer& server, AdminHooks hooks) {
  auto shared = std::make_shared<AdminHooks>(std::move(hooks));
  server.route(
      HttpMethod::Get, "/admin/config", guarded(shared->token, [shared](const HttpRequest&) {
        return json_response(200, shared->config ? shared->config() : nlohmann::json::object());
      }));
  server.route(HttpMethod::Get, "/admin/log-level",
               guarded(shared->token, [shared](const HttpRequest&) {
                 return json_response(200, {{"level", shared->log_level()}});
               }));
  server.route(HttpMethod::Put, "/admin/log-level",
               guarded(shared->token, [shared](const HttpRequest& r) {
                 const auto body = nlohmann::json::parse(r.body, nullptr, false);
                 if (!body.is_object() || !body.contains("level") || !body["level"].is_string()) {
                   return json_error(400, R"(expected a JSON body {"level":"debug"})");
                 }
                 const std::string level = body["level"];
                 try {
                   shared->set_log_level(level);
                 } catch (const std::invalid_argument& e) {
                   return json_error(400, e.what());
                 }
                 log_info("log level changed", {{"level", level}, {"by", "admin endpoint"}});
                 return json_response(200, {{"level", shared->log_level()}});
               }));
}

}  // namespace sharpline::adapters::http
