#include "runtime/topics/topic_admin.hpp"

#include <nlohmann/json.hpp>

#include "runtime/kafka/metadata.hpp"

namespace sharpline::runtime::topics {
namespace {

using kafka::KafkaError;

class EmbeddedBackend final : public TopicBackend {
 public:
  explicit EmbeddedBackend(kafka::EmbeddedBroker& broker) : broker_(broker) {
    kafka::ConfHandle conf = kafka::make_conf({{"bootstrap.servers", broker.bootstrap()}});
    char errstr[512];
    client_.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof errstr));
    if (!client_) throw KafkaError(std::string("cannot create metadata client: ") + errstr);
    (void)conf.release();
  }

  std::map<std::string, ObservedTopic> observe(const std::vector<TopicSpec>&) override {
    std::map<std::string, ObservedTopic> observed;
    for (const auto& [name, info] : kafka::list_topics(client_.get())) {
      observed[name] = {name, info.partitions, std::nullopt};
    }
    return observed;
  }

  void create(const std::vector<const TopicSpec*>& specs, int default_replication) override {
    for (const TopicSpec* spec : specs) {
      broker_.create_topic(spec->name, spec->partitions,
                           spec->replication_factor.value_or(default_replication));
    }
  }

  std::string kind() const override { return "embedded"; }

 private:
  kafka::EmbeddedBroker& broker_;
  kafka::KafkaHandle client_;
};

class AdminBackend final : public TopicBackend {
 public:
  AdminBackend(const kafka::Properties& properties, int timeout_ms) : timeout_ms_(timeout_ms) {
    kafka::ConfHandle conf = kafka::make_conf(properties);
    char errstr[512];
    client_.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof errstr));
    if (!client_) throw KafkaError(std::string("cannot create admin client: ") + errstr);
    (void)conf.release();
  }

  std::map<std::string, ObservedTopic> observe(const std::vector<TopicSpec>& declared) override {
    std::map<std::string, ObservedTopic> observed;
    for (const auto& [name, info] : kafka::list_topics(client_.get(), timeout_ms_)) {
      observed[name] = {name, info.partitions, std::nullopt};
    }
    std::vector<std::string> names;
    for (const auto& spec : declared) {
      if (observed.contains(spec.name)) names.push_back(spec.name);
    }
    if (!names.empty()) describe_configs(names, observed);
    return observed;
  }

  void create(const std::vector<const TopicSpec*>& specs, int default_replication) override {
    if (specs.empty()) return;
    std::vector<rd_kafka_NewTopic_t*> topics;
    char errstr[512];
    auto destroy = [&] { rd_kafka_NewTopic_destroy_array(topics.data(), topics.size()); };
    for (const TopicSpec* spec : specs) {
      rd_kafka_NewTopic_t* topic = rd_kafka_NewTopic_new(
          spec->name.c_str(), spec->partitions,
          spec->replication_factor.value_or(default_replication), errstr, sizeof errstr);
      if (topic == nullptr) {
        destroy();
        throw KafkaError("topic " + spec->name + ": " + errstr);
      }
      topics.push_back(topic);
      for (const auto& [name, value] : spec->kafka_configs()) {
        kafka::throw_if_error(rd_kafka_NewTopic_set_config(topic, name.c_str(), value.c_str()),
                              "topic " + spec->name + " config " + name);
      }
    }
    kafka::QueuePtr queue(rd_kafka_queue_new(client_.get()));
    kafka::AdminOptionsPtr options(
        rd_kafka_AdminOptions_new(client_.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS));
    rd_kafka_AdminOptions_set_operation_timeout(options.get(), timeout_ms_, errstr, sizeof errstr);
    rd_kafka_CreateTopics(client_.get(), topics.data(), topics.size(), options.get(), queue.get());
    destroy();
    kafka::EventPtr event = wait(queue.get(), "CreateTopics");
    size_t count = 0;
    const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(
        rd_kafka_event_CreateTopics_result(event.get()), &count);
    for (size_t i = 0; i < count; ++i) {
      const auto err = rd_kafka_topic_result_error(results[i]);
      // Another process may have created it between observe() and create(): that is fine.
      if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
        const char* msg = rd_kafka_topic_result_error_string(results[i]);
        throw KafkaError(std::string("create topic ") + rd_kafka_topic_result_name(results[i]) +
                             ": " + (msg != nullptr ? msg : rd_kafka_err2str(err)),
                         err);
      }
    }
  }

  std::string kind() const override { return "admin-api"; }

 private:
  kafka::EventPtr wait(rd_kafka_queue_t* queue, const std::string& what) {
    kafka::EventPtr event(rd_kafka_queue_poll(queue, timeout_ms_ + 5000));
    if (!event) throw KafkaError(what + " timed out", RD_KAFKA_RESP_ERR__TIMED_OUT);
    if (rd_kafka_event_error(event.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throw KafkaError(
          what + " failed: " + rd_kafka_event_error_string(event.get()) +
              (rd_kafka_event_error(event.get()) == RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE ||
                       rd_kafka_event_error(event.get()) == RD_KAFKA_RESP_ERR__TIMED_OUT
                   ? " (a broker without an Admin API, such as the embedded broker, never "
                     "answers; `sharpline broker` applies the declared topics itself when it "
                     "starts)"
                   : ""),
          rd_kafka_event_error(event.get()));
    }
    return event;
  }

  void describe_configs(const std::vector<std::string>& names,
                        std::map<std::string, ObservedTopic>& observed) {
    std::vector<rd_kafka_ConfigResource_t*> resources;
    for (const auto& name : names) {
      resources.push_back(rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, name.c_str()));
    }
    kafka::QueuePtr queue(rd_kafka_queue_new(client_.get()));
    char errstr[512];
    kafka::AdminOptionsPtr options(
        rd_kafka_AdminOptions_new(client_.get(), RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS));
    rd_kafka_AdminOptions_set_request_timeout(options.get(), timeout_ms_, errstr, sizeof errstr);
    rd_kafka_DescribeConfigs(client_.get(), resources.data(), resources.size(), options.get(),
                             queue.get());
    rd_kafka_ConfigResource_destroy_array(resources.data(), resources.size());
    kafka::EventPtr event = wait(queue.get(), "DescribeConfigs");
    size_t count = 0;
    const rd_kafka_ConfigResource_t** results = rd_kafka_DescribeConfigs_result_resources(
        rd_kafka_event_DescribeConfigs_result(event.get()), &count);
    for (size_t i = 0; i < count; ++i) {
      if (rd_kafka_ConfigResource_error(results[i]) != RD_KAFKA_RESP_ERR_NO_ERROR) continue;
      std::map<std::string, std::string> configs;
      size_t entries = 0;
      const rd_kafka_ConfigEntry_t** config = rd_kafka_ConfigResource_configs(results[i], &entries);
      for (size_t j = 0; j < entries; ++j) {
        const char* value = rd_kafka_ConfigEntry_value(config[j]);
        configs[rd_kafka_ConfigEntry_name(config[j])] = value != nullptr ? value : "";
      }
      observed[rd_kafka_ConfigResource_name(results[i])].configs = std::move(configs);
    }
  }

  int timeout_ms_;
  kafka::KafkaHandle client_;
};

}  // namespace

std::unique_ptr<TopicBackend> make_admin_backend(const kafka::Properties& properties,
                                                 int timeout_ms) {
  return std::make_unique<AdminBackend>(properties, timeout_ms);
}

std::unique_ptr<TopicBackend> make_embedded_backend(kafka::EmbeddedBroker& broker) {
  return std::make_unique<EmbeddedBackend>(broker);
}

nlohmann::json ApplyReport::to_json() const {
  nlohmann::json drift_json = nlohmann::json::array();
  for (const auto& d : drift) {
    drift_json.push_back({{"topic", d.topic},
                          {"property", d.property},
                          {"declared", d.declared},
                          {"actual", d.actual},
                          {"advice", d.advice}});
  }
  return {{"backend", backend},
          {"created", created},
          {"up_to_date", up_to_date},
          {"drift", drift_json},
          {"configs_not_checked", unchecked_configs},
          {"ok", ok()}};
}

ApplyReport apply_topics(TopicBackend& backend, const std::vector<TopicSpec>& declared,
                         int default_replication) {
  const TopicPlan plan = plan_topics(declared, backend.observe(declared));
  backend.create(plan.to_create, default_replication);
  ApplyReport report;
  report.backend = backend.kind();
  for (const TopicSpec* spec : plan.to_create) report.created.push_back(spec->name);
  report.up_to_date = plan.up_to_date;
  report.drift = plan.drift;
  report.unchecked_configs = plan.unchecked_configs;
  return report;
}

}  // namespace sharpline::runtime::topics
