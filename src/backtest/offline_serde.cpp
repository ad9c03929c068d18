#include "backtest/offline_serde.hpp"

#include <map>
#include <string>

#include "runtime/topics/topic_spec.hpp"
#include "serde/embedded_schema_registry.hpp"
#include "serde/schema_catalog.hpp"
#include "serde/schema_dir.hpp"

namespace sharpline::backtest {

std::shared_ptr<serde::TopicSerde> make_offline_topic_serde() {
  const auto catalog = serde::SchemaCatalog::load(serde::find_schemas_dir());
  std::map<std::string, serde::AvroSchema> schemas;
  for (const auto& topic :
       runtime::topics::load_topic_specs(runtime::topics::find_topics_dir(""))) {
    if (topic.value_schema == "bytes") continue;
    schemas.emplace(topic.name, catalog.at(topic.value_schema).schema);
  }
  auto serde = std::make_shared<serde::TopicSerde>(
      std::make_shared<serde::EmbeddedSchemaRegistry>(), std::move(schemas));
  serde->register_all();
  return serde;
}

}  // namespace sharpline::backtest
