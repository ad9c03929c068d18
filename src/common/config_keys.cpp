// The declared configuration keys. Add a key here before reading it anywhere else.
#include <algorithm>

#include "common/config.hpp"

namespace sharpline {
namespace {

std::vector<ConfigKey> make_keys() {
  std::vector<ConfigKey> keys = {
      {"bootstrap", ConfigType::kString, "",
       "Kafka bootstrap servers HOST:PORT[,...]; empty starts an embedded broker in-process."},
      {"embedded.brokers", ConfigType::kInt, "1",
       "Number of brokers in the embedded (mock) cluster."},
      {"schema.registry.url", ConfigType::kUrl, "",
       "Confluent-compatible Schema Registry URL; empty uses the embedded registry."},
      {"schema.registry.basic.auth", ConfigType::kString, "",
       "USER:PASSWORD for the Schema Registry (secret: environment or file only).", true},
      {"http.listen", ConfigType::kHostPort, "127.0.0.1:8088",
       "Where long-running commands serve /health, /ready, /metrics and the registry; port 0 "
       "picks a free port."},
      {"http.admin.token", ConfigType::kString, "",
       "Bearer token required by admin endpoints (secret: environment or file only).", true},
      {"log.level", ConfigType::kString, "info", "trace, debug, info, warn, error or off."},
      {"log.format", ConfigType::kString, "json", "json (one object per line) or text."},
      {"data.dir", ConfigType::kString, "",
       "Directory of the shared public data sets (default: ../shared/data next to the source "
       "tree)."},
      {"schemas.dir", ConfigType::kString, "", "Directory of the Avro schemas (*.avsc)."},
      {"topics.dir", ConfigType::kString, "", "Directory of the declared topics (*.json)."},
      {"topics.replication.factor", ConfigType::kInt, "-1",
       "Replication factor for topics created by `topics apply` (-1: broker default)."},
      {"instance.id", ConfigType::kString, "",
       "Name of this process in logs and metrics (default: hostname-pid)."},
  };
  std::sort(keys.begin(), keys.end(),
            [](const ConfigKey& a, const ConfigKey& b) { return a.name < b.name; });
  return keys;
}

}  // namespace

const std::vector<ConfigKey>& config_keys() {
  static const std::vector<ConfigKey> keys = make_keys();
  return keys;
}

const ConfigKey* find_config_key(std::string_view name) {
  for (const auto& key : config_keys()) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

}  // namespace sharpline
