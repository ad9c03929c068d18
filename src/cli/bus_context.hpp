// Wiring for commands that use the bus: configuration -> bus (embedded or external) ->
// schema registry (embedded or remote) -> topic serde, plus the HTTP endpoints every
// long-running process serves.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "adapters/http/http_server.hpp"
#include "common/config.hpp"
#include "runtime/bus.hpp"
#include "serde/embedded_schema_registry.hpp"
#include "serde/schema_catalog.hpp"
#include "serde/topic_serde.hpp"

namespace sharpline::cli {

class BusContext {
 public:
  // Opens the bus the configuration names (starting an embedded broker when `bootstrap` is
  // empty) and the schema registry: the configured remote one, else an embedded registry
  // holding the project's schemas with deterministic ids.
  static std::unique_ptr<BusContext> open(const Config& config, int embedded_brokers = 0);

  const Config& config() const { return config_; }
  runtime::Bus& bus() { return *bus_; }
  serde::TopicSerde& serde() { return *serde_; }
  // Another serde on the same registry, for a thread of its own (TopicSerde is not
  // thread-safe): in-process stages each get one.
  std::unique_ptr<serde::TopicSerde> make_serde() const;
  const serde::SchemaCatalog& catalog() const { return catalog_; }
  // Null when a remote registry is configured.
  serde::EmbeddedSchemaRegistry* embedded_registry() { return embedded_registry_.get(); }

  // Serves /health, /ready, /metrics and (with the embedded registry) the registry endpoints on
  // http.listen. Returns the bound address "HOST:PORT".
  std::string start_http();
  adapters::http::HttpServer* http() { return http_.get(); }
  void set_ready(bool ready) { ready_.store(ready); }
  // A long-running component (a stage) takes over readiness and health; empty functions hand
  // them back to set_ready() and "ok".
  void set_readiness(std::function<bool()> ready);
  void set_health(std::function<std::pair<bool, std::string>()> health);

 private:
  explicit BusContext(Config config) : config_(std::move(config)) {}

  Config config_;
  std::unique_ptr<runtime::Bus> bus_;
  serde::SchemaCatalog catalog_;
  std::shared_ptr<serde::EmbeddedSchemaRegistry> embedded_registry_;
  std::shared_ptr<serde::SchemaRegistry> registry_;
  std::map<std::string, serde::AvroSchema> topic_schemas_;
  std::unique_ptr<serde::TopicSerde> serde_;
  std::unique_ptr<adapters::http::HttpServer> http_;
  // The live page's feed thread (cli/live_feed.hpp), type-erased so this header need not
  // include it. Declared after http_, so the thread stops before the server.
  std::shared_ptr<void> live_page_;
  std::atomic<bool> ready_{false};
  std::mutex probes_mutex_;
  std::function<bool()> readiness_;
  std::function<std::pair<bool, std::string>()> health_;
};

// Splits "HOST:PORT" (validated by the config layer).
std::pair<std::string, uint16_t> split_host_port(const std::string& address);

}  // namespace sharpline::cli
