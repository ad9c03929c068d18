// Applies declared topics to a cluster: through the Kafka Admin API on a real cluster, and
// through rd_kafka_mock_topic_create on the embedded broker (which has no Admin API).
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "runtime/kafka/client_config.hpp"
#include "runtime/kafka/embedded_broker.hpp"
#include "runtime/topics/topic_plan.hpp"

namespace sharpline::runtime::topics {

class TopicBackend {
 public:
  virtual ~TopicBackend() = default;
  virtual std::map<std::string, ObservedTopic> observe(const std::vector<TopicSpec>& declared) = 0;
  virtual void create(const std::vector<const TopicSpec*>& specs, int default_replication) = 0;
  virtual std::string kind() const = 0;
};

// A real cluster through the Admin API (CreateTopics, DescribeConfigs) plus metadata.
std::unique_ptr<TopicBackend> make_admin_backend(const kafka::Properties& properties,
                                                 int timeout_ms = 30000);
// The in-process embedded broker.
std::unique_ptr<TopicBackend> make_embedded_backend(kafka::EmbeddedBroker& broker);

struct ApplyReport {
  std::string backend;
  std::vector<std::string> created;
  std::vector<std::string> up_to_date;
  std::vector<Drift> drift;
  std::vector<std::string> unchecked_configs;

  bool ok() const { return drift.empty(); }
  nlohmann::json to_json() const;
};

// Creates what is missing and reports drift; running it again changes nothing.
ApplyReport apply_topics(TopicBackend& backend, const std::vector<TopicSpec>& declared,
                         int default_replication);

}  // namespace sharpline::runtime::topics
