#pragma once

// /health, /ready and /metrics, which every long-running process serves. The process supplies
// what only it knows (is it ready, what are its metrics); this file owns the HTTP side.

#include <functional>
#include <string>
#include <utility>

#include "adapters/http/http_server.hpp"

namespace sharpline::adapters::http {

inline constexpr std::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

struct StatusProbes {
  // False while the process cannot do its work yet (or any more); unset means always ready.
  std::function<bool()> ready;
  // Prometheus text exposition format; unset serves an empty page.
  std::function<std::string()> metrics_text;
  // Liveness with a state name (e.g. a stage's "running" or "failed"); unset means alive.
  // Not alive answers 503 so an orchestrator restarts the process.
  std::function<std::pair<bool, std::string>()> health;
};

// GET /health: 200 {"status":"ok"} while the process answers at all.
// GET /ready: 200 {"status":"ready"} or 503 {"status":"not ready"}.
// GET /metrics: 200 with metrics_text().
// The probes run on the server's threads and must be thread-safe.
void add_status_routes(HttpServer& server, StatusProbes probes);

}  // namespace sharpline::adapters::http
