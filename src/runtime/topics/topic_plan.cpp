#include "runtime/topics/topic_plan.hpp"

namespace sharpline::runtime::topics {

TopicPlan plan_topics(const std::vector<TopicSpec>& declared,
                      const std::map<std::string, ObservedTopic>& observed) {
  TopicPlan plan;
  for (const auto& spec : declared) {
    auto it = observed.find(spec.name);
    if (it == observed.end()) {
      plan.to_create.push_back(&spec);
      continue;
    }
    const ObservedTopic& actual = it->second;
    const std::size_t drift_before = plan.drift.size();
    if (actual.partitions != spec.partitions) {
      // Adding partitions remaps keys to partitions, which breaks co-partitioned joins and
      // per-key ordering, so apply never does it on its own.
      plan.drift.push_back(
          {spec.name, "partitions", std::to_string(spec.partitions),
           std::to_string(actual.partitions),
           actual.partitions < spec.partitions
               ? "increase deliberately (kafka-topics --alter) together with every topic in "
                 "its co-partition group, then reprocess; keys move to other partitions"
               : "a topic cannot shrink: recreate it, or change the declaration"});
    }
    if (actual.configs) {
      for (const auto& [name, value] : spec.kafka_configs()) {
        auto cfg = actual.configs->find(name);
        const std::string have = cfg == actual.configs->end() ? "(unset)" : cfg->second;
        if (have != value) {
          plan.drift.push_back({spec.name, name, value, have,
                                "kafka-configs --alter --entity-type topics --entity-name " +
                                    spec.name + " --add-config " + name + "=" + value});
        }
      }
    } else {
      plan.unchecked_configs.push_back(spec.name);
    }
    if (plan.drift.size() == drift_before) plan.up_to_date.push_back(spec.name);
  }
  return plan;
}

}  // namespace sharpline::runtime::topics
