#include "runtime/topics/topic_plan.hpp"

#include <gtest/gtest.h>

#include <set>

namespace sharpline::runtime::topics {
namespace {

TopicSpec spec(const std::string& name, int partitions, const std::string& policy = "delete") {
  TopicSpec s;
  s.name = name;
  s.partitions = partitions;
  s.key_type = "string";
  s.value_schema = "odds_quote";
  s.cleanup_policy = policy;
  s.retention_ms = 86400000;
  return s;
}

TEST(TopicPlan, MissingTopicsAreCreatedAndMatchingOnesLeftAlone) {
  const std::vector<TopicSpec> declared = {spec("a", 6), spec("b", 3)};
  const std::map<std::string, ObservedTopic> observed = {
      {"b",
       {"b", 3,
        std::map<std::string, std::string>{{"cleanup.policy", "delete"},
                                           {"retention.ms", "86400000"}}}}};
  const TopicPlan plan = plan_topics(declared, observed);
  ASSERT_EQ(plan.to_create.size(), 1U);
  EXPECT_EQ(plan.to_create[0]->name, "a");
  EXPECT_EQ(plan.up_to_date, std::vector<std::string>{"b"});
  EXPECT_TRUE(plan.drift.empty());
}

TEST(TopicPlan, PartitionAndConfigDriftIsReportedNeverFixed) {
  const std::vector<TopicSpec> declared = {spec("a", 6, "compact")};
  const std::map<std::string, ObservedTopic> observed = {
      {"a",
       {"a", 4,
        std::map<std::string, std::string>{{"cleanup.policy", "delete"},
                                           {"retention.ms", "86400000"}}}}};
  const TopicPlan plan = plan_topics(declared, observed);
  EXPECT_TRUE(plan.to_create.empty());
  ASSERT_EQ(plan.drift.size(), 2U);
  EXPECT_EQ(plan.drift[0].property, "partitions");
  EXPECT_EQ(plan.drift[0].declared, "6");
  EXPECT_EQ(plan.drift[0].actual, "4");
  EXPECT_EQ(plan.drift[1].property, "cleanup.policy");
  EXPECT_EQ(plan.drift[1].actual, "delete");
  EXPECT_TRUE(plan.up_to_date.empty());
}

TEST(TopicPlan, UnreadableConfigsAreListedAsUnchecked) {
  const std::vector<TopicSpec> declared = {spec("a", 6)};
  const std::map<std::string, ObservedTopic> observed = {{"a", {"a", 6, std::nullopt}}};
  const TopicPlan plan = plan_topics(declared, observed);
  EXPECT_EQ(plan.unchecked_configs, std::vector<std::string>{"a"});
  EXPECT_EQ(plan.up_to_date, std::vector<std::string>{"a"});
}

TEST(TopicSpecs, CoPartitionGroupsMustAgree) {
  TopicSpec a = spec("a", 6);
  TopicSpec b = spec("b", 4);
  a.co_partition_group = b.co_partition_group = "event";
  EXPECT_THROW(validate_topic_specs({a, b}), TopicSpecError);
  b.partitions = 6;
  EXPECT_NO_THROW(validate_topic_specs({a, b}));
}

TEST(TopicSpecs, ParseRejectsUnknownFieldsAndBadPolicies) {
  EXPECT_THROW(parse_topic_spec(R"({"name":"x","partitions":1,"key":{},"value":{"schema":"s"},
                                    "partitons":3})",
                                "x.json"),
               TopicSpecError);
  EXPECT_THROW(parse_topic_spec(R"({"name":"x","partitions":1,"key":{},"value":{"schema":"s"},
                                    "cleanup_policy":"forever"})",
                                "x.json"),
               TopicSpecError);
  const TopicSpec ok = parse_topic_spec(
      R"({"name":"x","partitions":2,"key":{"type":"string","field":"event_id"},
          "value":{"schema":"s"},"cleanup_policy":"compact","config":{"min.compaction.lag.ms":"0"}})",
      "x.json");
  EXPECT_EQ(ok.partitions, 2);
  EXPECT_EQ(ok.kafka_configs().at("cleanup.policy"), "compact");
  EXPECT_EQ(ok.kafka_configs().at("min.compaction.lag.ms"), "0");
}

TEST(TopicSpecs, DeclaredTopicsOfTheProjectLoadAndAreConsistent) {
  const auto specs = load_topic_specs(std::string(SHARPLINE_SOURCE_DIR) + "/topics");
  std::set<std::string> names;
  for (const auto& s : specs) names.insert(s.name);
  for (const char* required :
       {"sharpline.odds.v1", "sharpline.events.v1", "sharpline.weather.v1", "sharpline.results.v1",
        "sharpline.features.v1", "sharpline.predictions.v1", "sharpline.opportunities.v1",
        "sharpline.alerts.v1", "sharpline.grades.v1", "sharpline.deadletter.v1"}) {
    EXPECT_TRUE(names.contains(required)) << required;
  }
}

}  // namespace
}  // namespace sharpline::runtime::topics
