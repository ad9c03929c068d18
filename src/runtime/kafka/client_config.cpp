#include "runtime/kafka/client_config.hpp"

#include "common/config.hpp"
#include "common/logging.hpp"

namespace sharpline::runtime::kafka {

Properties consumer_defaults() {
  return {
      {"enable.auto.commit", "false"},       {"auto.offset.reset", "earliest"},
      {"isolation.level", "read_committed"}, {"fetch.wait.max.ms", "10"},
      {"session.timeout.ms", "6000"},        {"heartbeat.interval.ms", "1500"},
      {"enable.partition.eof", "false"},
  };
}

Properties producer_defaults() {
  return {
      {"enable.idempotence", "true"},
      {"acks", "all"},
      {"linger.ms", "5"},
      {"compression.type", "lz4"},
      // The Java client's partitioner, so keys co-partition with every other Kafka client and
      // with the test driver.
      {"partitioner", "murmur2_random"},
  };
}

namespace {

// librdkafka logs through our JSON logger instead of printing its own format on stderr.
void forward_log(const rd_kafka_t* handle, int level, const char* facility, const char* message) {
  const nlohmann::json fields = {{"client", rd_kafka_name(handle)}, {"facility", facility}};
  const std::string text = std::string("librdkafka: ") + message;
  if (level <= 3) {
    log_error(text, fields);
  } else if (level <= 4) {
    log_warn(text, fields);
  } else {
    log_info(text, fields);
  }
}

}  // namespace

ConfHandle make_conf(const Properties& properties) {
  ConfHandle conf(rd_kafka_conf_new());
  rd_kafka_conf_set_log_cb(conf.get(), &forward_log);
  char errstr[512];
  for (const auto& [name, value] : properties) {
    if (rd_kafka_conf_set(conf.get(), name.c_str(), value.c_str(), errstr, sizeof errstr) !=
        RD_KAFKA_CONF_OK) {
      const std::string shown = is_secret_key(name) ? "***" : value;
      throw KafkaError("invalid librdkafka property kafka." + name + "=" + shown + ": " + errstr,
                       RD_KAFKA_RESP_ERR__INVALID_ARG);
    }
  }
  return conf;
}

Properties merge(const Properties& base, const Properties& overrides) {
  Properties merged = base;
  for (const auto& [name, value] : overrides) merged[name] = value;
  return merged;
}

}  // namespace sharpline::runtime::kafka
