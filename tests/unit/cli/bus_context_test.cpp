#include "cli/bus_context.hpp"

#include <gtest/gtest.h>

#include <set>

namespace sharpline::cli {
namespace {

std::map<std::string, int32_t> ids_of(BusContext& context) {
  std::map<std::string, int32_t> ids;
  for (const auto& topic : context.bus().topics()) {
    if (context.serde().has_schema(topic.name))
      ids[topic.name] = context.serde().schema_id(topic.name);
  }
  return ids;
}

TEST(BusContext, EmbeddedRegistryIdsAreStableAcrossProcessesForTheSameSchemaSet) {
  const Config config = Config::defaults();
  auto first = BusContext::open(config);
  auto second = BusContext::open(config);  // a "restart": a fresh broker and registry
  const auto ids = ids_of(*first);
  EXPECT_EQ(ids, ids_of(*second));
  std::set<int32_t> distinct;
  for (const auto& [topic, id] : ids) distinct.insert(id);
  EXPECT_EQ(distinct.size(), ids.size());  // one schema per topic today, so one id each
  EXPECT_EQ(ids.size(), 10U);
}

TEST(BusContext, EncodesAndDecodesThroughTheRegistryIds) {
  auto context = BusContext::open(Config::defaults());
  const nlohmann::json record = {{"alert_id", "a1"}};
  std::vector<uint8_t> bytes;
  // A record missing required fields is refused, naming one of them.
  try {
    context->serde().encode("sharpline.alerts.v1", record, bytes);
    FAIL();
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace sharpline::cli
