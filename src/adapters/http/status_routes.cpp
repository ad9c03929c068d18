#include "adapters/http/status_routes.hpp"

#include <memory>

#include "adapters/http/json_response.hpp"

namespace sharpline::adapters::http {

void add_status_routes(HttpServer& server, StatusProbes probes) {
  auto shared = std::make_shared<const StatusProbes>(std::move(probes));
  server.route(HttpMethod::Get, "/health", [shared](const HttpRequest&) {
    if (!shared->health) return json_response(200, {{"status", "ok"}});
    const auto [alive, state] = shared->health();
    return json_response(alive ? 200 : 503,
                         {{"status", alive ? "ok" : "failed"}, {"state", state}});
  });
  server.route(HttpMethod::Get, "/ready", [shared](const HttpRequest&) {
    bool ready = !shared->ready || shared->ready();
    return json_response(ready ? 200 : 503, {{"status", ready ? "ready" : "not ready"}});
  });
  server.route(HttpMethod::Get, "/metrics", [shared](const HttpRequest&) {
    HttpResponse response;
    response.content_type = std::string(kPrometheusContentType);
    if (shared->metrics_text) response.body = shared->metrics_text();
    return response;
  });
}

}  // namespace sharpline::adapters::http
