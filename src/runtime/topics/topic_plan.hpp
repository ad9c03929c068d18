// What `topics apply` must do: a pure comparison of declared topics with what a cluster has.
// Kept free of Kafka so the rules are tested without a broker.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/topics/topic_spec.hpp"

namespace sharpline::runtime::topics {

struct ObservedTopic {
  std::string name;
  int partitions = 0;
  // Topic configs as the cluster reports them; nullopt when the cluster cannot say (the
  // embedded broker has no DescribeConfigs).
  std::optional<std::map<std::string, std::string>> configs;
};

struct Drift {
  std::string topic;
  std::string property;  // "partitions" or a topic config name
  std::string declared;
  std::string actual;
  std::string advice;
};

struct TopicPlan {
  std::vector<const TopicSpec*> to_create;
  std::vector<std::string> up_to_date;
  std::vector<Drift> drift;
  std::vector<std::string> unchecked_configs;  // topics whose configs could not be read
};

TopicPlan plan_topics(const std::vector<TopicSpec>& declared,
                      const std::map<std::string, ObservedTopic>& observed);

}  // namespace sharpline::runtime::topics
