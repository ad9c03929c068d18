#include "cli/bus_context.hpp"

#include "adapters/http/admin_routes.hpp"
#include "adapters/http/remote_schema_registry.hpp"
#include "adapters/http/schema_registry_routes.hpp"
#include "adapters/http/status_routes.hpp"
#include "cli/live_feed.hpp"
#include "common/logging.hpp"
#include "common/metrics.hpp"
#include "serde/schema_dir.hpp"

namespace sharpline::cli {

std::pair<std::string, uint16_t> split_host_port(const std::string& address) {
  const auto colon = address.rfind(':');
  return {address.substr(0, colon), static_cast<uint16_t>(std::stoi(address.substr(colon + 1)))};
}

std::unique_ptr<BusContext> BusContext::open(const Config& config, int embedded_brokers) {
  std::unique_ptr<BusContext> context(new BusContext(config));
  const std::string schemas_dir = config.get_or("schemas.dir", "");
  context->catalog_ = serde::SchemaCatalog::load(
      schemas_dir.empty() ? serde::find_schemas_dir() : serde::find_schemas_dir(schemas_dir));

  context->bus_ = embedded_brokers > 0 ? runtime::Bus::start_embedded(config, embedded_brokers)
                                       : runtime::Bus::open(config);

  std::map<std::string, serde::AvroSchema> topic_schemas;
  for (const auto& topic : context->bus_->topics()) {
    if (topic.value_schema == "bytes") continue;
    topic_schemas.emplace(topic.name, context->catalog_.at(topic.value_schema).schema);
  }

  std::shared_ptr<serde::SchemaRegistry> registry;
  const std::string registry_url = config.get_or("schema.registry.url", "");
  if (registry_url.empty()) {
    context->embedded_registry_ = std::make_shared<serde::EmbeddedSchemaRegistry>();
    registry = context->embedded_registry_;
  } else {
    adapters::http::RemoteSchemaRegistryOptions options;
    options.url = registry_url;
    options.basic_auth_user_info = config.get_or("schema.registry.basic.auth", "");
    registry = std::make_shared<adapters::http::RemoteSchemaRegistry>(std::move(options));
  }
  context->registry_ = registry;
  context->topic_schemas_ = topic_schemas;
  context->serde_ = std::make_unique<serde::TopicSerde>(registry, std::move(topic_schemas));
  // The embedded registry starts empty in every process, so registering in a fixed order
  // gives every process the same ids for the same schema set.
  context->serde_->register_all();
  return context;
}

std::unique_ptr<serde::TopicSerde> BusContext::make_serde() const {
  auto serde = std::make_unique<serde::TopicSerde>(registry_, topic_schemas_);
  serde->register_all();  // already registered: the registry returns the same ids
  return serde;
}

std::string BusContext::start_http() {
  namespace http = adapters::http;
  if (http_) return http_->address();  // already serving
  const auto [host, port] = split_host_port(config_.get_or("http.listen", "127.0.0.1:8088"));
  http::HttpServerOptions options;
  options.host = host;
  options.port = port;
  http_ = std::make_unique<http::HttpServer>(options);
  http::StatusProbes probes;
  probes.ready = [this] {
    std::lock_guard lock(probes_mutex_);
    return readiness_ ? readiness_() : ready_.load();
  };
  // Dashboards tell versions apart during a rolling upgrade by this series.
  MetricsRegistry::global()
      .gauge("sharpline_version", "Always 1; the label is the running build's version",
             {{"version", SHARPLINE_VERSION}})
      .set(1);
  probes.metrics_text = [] { return MetricsRegistry::global().render(); };
  probes.health = [this] {
    std::lock_guard lock(probes_mutex_);
    return health_ ? health_() : std::pair<bool, std::string>{true, "running"};
  };
  http::add_status_routes(*http_, std::move(probes));
  live_page_ = start_live_page(*this, *http_);  // GET /, /api/*, /alerts/stream
  // With the live page, GET / is the page for browsers and the registry's {} for other clients.
  if (embedded_registry_) {
    http::add_schema_registry_routes(*http_, *embedded_registry_, live_page_ == nullptr);
  }
  http::add_admin_routes(
      *http_, {config_.get_or("http.admin.token", ""), [this] { return config_.describe(); },
               [] { return log_level(); }, [](const std::string& level) { set_log_level(level); }});
  http_->start();
  std::string address = http_->address();
  log_info("http endpoints listening",
           {{"address", address}, {"schema_registry", embedded_registry_ != nullptr}});
  return address;
}

}  // namespace sharpline::cli

namespace sharpline::cli {

void BusContext::set_readiness(std::function<bool()> ready) {
  std::lock_guard lock(probes_mutex_);
  readiness_ = std::move(ready);
}

void BusContext::set_health(std::function<std::pair<bool, std::string>()> health) {
  std::lock_guard lock(probes_mutex_);
  health_ = std::move(health);
}

}  // namespace sharpline::cli
