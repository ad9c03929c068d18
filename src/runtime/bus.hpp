// The bus a process works against: an external Kafka cluster (`bootstrap` set) or an embedded
// broker started in-process, plus the declared topics. A process that starts the embedded
// broker owns it: it applies the declared topics at start, since nothing else can.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/config.hpp"
#include "runtime/kafka/client_config.hpp"
#include "runtime/kafka/embedded_broker.hpp"
#include "runtime/topics/topic_admin.hpp"
#include "runtime/topics/topic_spec.hpp"

namespace sharpline::runtime {

class Bus {
 public:
  static std::unique_ptr<Bus> open(const Config& config);
  // An embedded broker with `brokers` brokers and the declared topics applied.
  static std::unique_ptr<Bus> start_embedded(const Config& config, int brokers);

  bool owns_broker() const { return broker_ != nullptr; }
  const std::string& bootstrap() const { return bootstrap_; }
  kafka::EmbeddedBroker* embedded_broker() { return broker_.get(); }

  // bootstrap.servers plus every kafka.* property of the configuration.
  kafka::Properties client_properties() const;

  const std::vector<topics::TopicSpec>& topics() const { return topics_; }
  // Throws std::invalid_argument naming the declared topics when `name` is not one of them.
  const topics::TopicSpec& topic(const std::string& name) const;

  // What applying the topics did when this process started the broker.
  const std::optional<topics::ApplyReport>& startup_report() const { return startup_report_; }

 private:
  Bus() = default;

  std::unique_ptr<kafka::EmbeddedBroker> broker_;
  std::string bootstrap_;
  kafka::Properties kafka_properties_;
  std::vector<topics::TopicSpec> topics_;
  std::optional<topics::ApplyReport> startup_report_;
};

}  // namespace sharpline::runtime
