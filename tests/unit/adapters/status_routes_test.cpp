#include "adapters/http/status_routes.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "adapters/http/http_client.hpp"

namespace sharpline::adapters::http {
namespace {

TEST(StatusRoutes, HealthReadyAndMetricsReflectTheProbes) {
  HttpServerOptions options;
  options.port = 0;
  HttpServer server(options);
  std::atomic<bool> ready{false};
  std::atomic<bool> alive{true};
  add_status_routes(
      server, {[&] { return ready.load(); }, [] { return std::string("sharpline_up 1\n"); },
               [&] {
                 return std::pair<bool, std::string>{alive.load(), alive ? "running" : "failed"};
               }});
  server.start();
  auto base = "http://" + server.address();
  HttpClient client;

  auto health = client.get(base + "/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(nlohmann::json::parse(health.body)["status"], "ok");

  auto not_ready = client.get(base + "/ready");
  EXPECT_EQ(not_ready.status, 503);
  EXPECT_EQ(nlohmann::json::parse(not_ready.body)["status"], "not ready");
  ready = true;
  EXPECT_EQ(client.get(base + "/ready").status, 200);

  alive = false;  // a failed component: liveness says so, so an orchestrator restarts us
  auto dead = client.get(base + "/health");
  EXPECT_EQ(dead.status, 503);
  EXPECT_EQ(nlohmann::json::parse(dead.body)["state"], "failed");

  auto metrics = client.get(base + "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(metrics.body, "sharpline_up 1\n");
}

TEST(StatusRoutes, UnsetProbesMeanReadyAndNoMetrics) {
  HttpServerOptions options;
  options.port = 0;
  HttpServer server(options);
  add_status_routes(server, {});
  server.start();
  auto base = "http://" + server.address();
  EXPECT_EQ(HttpClient().get(base + "/ready").status, 200);
  EXPECT_EQ(HttpClient().get(base + "/metrics").body, "");
}

}  // namespace
}  // namespace sharpline::adapters::http
