#include "runtime/kafka/client_config.hpp"

#include "common/config.hpp"

namespace sharpline::runtime::kafka {

Properties consumer_defaults() {
  return {
      {"enable.auto.commit", "false"},
      {"auto.offset.reset", "earliest"},
      {"isolation.level", "read_committed"},
      {"fetch.wait.max.ms", "10"},
      {"session.timeout.ms", "6000"},
      {"heartbeat.interval.ms", "1500"},
      {"enable.partition.eof", "false"},
      {"allow.auto.create.topics", "false"},
  };
}

Properties producer_defaults() {
  return {
      {"enable.idempotence", "true"},
      {"acks", "all"},
      {"linger.ms", "5"},
      {"compression.type", "lz4"},
  };
}

ConfHandle make_conf(const Properties& properties) {
  ConfHandle conf(rd_kafka_conf_new());
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
