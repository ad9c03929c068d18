#include "runtime/kafka/metadata.hpp"

#include "runtime/kafka/handles.hpp"

namespace sharpline::runtime::kafka {

std::map<std::string, TopicInfo> list_topics(rd_kafka_t* handle, int timeout_ms) {
  const rd_kafka_metadata_t* raw = nullptr;
  throw_if_error(rd_kafka_metadata(handle, 1, nullptr, &raw, timeout_ms), "metadata request");
  MetadataPtr metadata(raw);
  std::map<std::string, TopicInfo> topics;
  for (int i = 0; i < metadata->topic_cnt; ++i) {
    const auto& topic = metadata->topics[i];
    const std::string name = topic.topic;
    if (name.starts_with("__") || topic.err != RD_KAFKA_RESP_ERR_NO_ERROR) continue;
    TopicInfo info{name, topic.partition_cnt, 0};
    if (topic.partition_cnt > 0) info.replication_factor = topic.partitions[0].replica_cnt;
    topics[name] = info;
  }
  return topics;
}

}  // namespace sharpline::runtime::kafka
