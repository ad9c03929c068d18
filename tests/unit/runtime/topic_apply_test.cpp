#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "runtime/kafka/embedded_broker.hpp"
#include "runtime/kafka/metadata.hpp"
#include "runtime/topics/topic_admin.hpp"

namespace sharpline::runtime::topics {
namespace {

std::vector<TopicSpec> project_topics() {
  return load_topic_specs(std::string(SHARPLINE_SOURCE_DIR) + "/topics");
}

TEST(TopicApplyEmbedded, CreatesEverythingOnceAndIsIdempotent) {
  kafka::EmbeddedBroker broker(1);
  auto backend = make_embedded_backend(broker);
  const auto specs = project_topics();

  const ApplyReport first = apply_topics(*backend, specs, -1);
  EXPECT_EQ(first.created.size(), specs.size());
  EXPECT_TRUE(first.up_to_date.empty());
  EXPECT_TRUE(first.ok());

  const ApplyReport second = apply_topics(*backend, specs, -1);
  EXPECT_TRUE(second.created.empty());
  EXPECT_EQ(second.up_to_date.size(), specs.size());
  EXPECT_TRUE(second.ok());
  // The embedded broker cannot describe topic configs, and the report says so.
  EXPECT_EQ(second.unchecked_configs.size(), specs.size());

  // The partitions really exist as declared.
  auto conf = kafka::make_conf({{"bootstrap.servers", broker.bootstrap()}});
  char errstr[256];
  kafka::KafkaHandle client(rd_kafka_new(RD_KAFKA_PRODUCER, conf.release(), errstr, sizeof errstr));
  ASSERT_TRUE(client);
  const auto topics = kafka::list_topics(client.get());
  for (const auto& spec : specs) {
    ASSERT_TRUE(topics.contains(spec.name)) << spec.name;
    EXPECT_EQ(topics.at(spec.name).partitions, spec.partitions) << spec.name;
  }
}

TEST(TopicApplyEmbedded, ReportsPartitionDriftOfAnExistingTopic) {
  kafka::EmbeddedBroker broker(1);
  // What an auto-created topic looks like on the embedded broker: 4 partitions.
  broker.create_topic("sharpline.odds.v1", 4, 1);
  auto backend = make_embedded_backend(broker);
  const ApplyReport report = apply_topics(*backend, project_topics(), -1);
  ASSERT_EQ(report.drift.size(), 1U);
  EXPECT_EQ(report.drift[0].topic, "sharpline.odds.v1");
  EXPECT_EQ(report.drift[0].property, "partitions");
  EXPECT_EQ(report.drift[0].actual, "4");
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.to_json()["ok"], false);
}

}  // namespace
}  // namespace sharpline::runtime::topics
