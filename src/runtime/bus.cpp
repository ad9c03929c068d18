#include "runtime/bus.hpp"

#include <stdexcept>

namespace sharpline::runtime {

std::unique_ptr<Bus> Bus::open(const Config& config) {
  const std::string bootstrap = config.get_or("bootstrap", "");
  if (bootstrap.empty()) {
    return start_embedded(config, static_cast<int>(config.get_int("embedded.brokers")));
  }
  std::unique_ptr<Bus> bus(new Bus());
  bus->bootstrap_ = bootstrap;
  bus->kafka_properties_ = config.kafka_properties();
  bus->topics_ = topics::load_topic_specs(topics::find_topics_dir(config.get_or("topics.dir", "")));
  return bus;
}

std::unique_ptr<Bus> Bus::start_embedded(const Config& config, int brokers) {
  std::unique_ptr<Bus> bus(new Bus());
  bus->topics_ = topics::load_topic_specs(topics::find_topics_dir(config.get_or("topics.dir", "")));
  bus->broker_ = std::make_unique<kafka::EmbeddedBroker>(brokers);
  bus->bootstrap_ = bus->broker_->bootstrap();
  bus->kafka_properties_ = config.kafka_properties();
  auto backend = topics::make_embedded_backend(*bus->broker_);
  bus->startup_report_ = topics::apply_topics(
      *backend, bus->topics_, static_cast<int>(config.get_int("topics.replication.factor")));
  return bus;
}

kafka::Properties Bus::client_properties() const {
  kafka::Properties properties = kafka_properties_;
  properties["bootstrap.servers"] = bootstrap_;
  return properties;
}

const topics::TopicSpec& Bus::topic(const std::string& name) const {
  std::string known;
  for (const auto& spec : topics_) {
    if (spec.name == name) return spec;
    known += (known.empty() ? "" : ", ") + spec.name;
  }
  throw std::invalid_argument("topic '" + name + "' is not declared (declared: " + known + ")");
}

}  // namespace sharpline::runtime
