// Cluster metadata queries that never create topics as a side effect: they ask for all topics
// instead of naming one (a named request auto-creates it on brokers with auto-create enabled).
#pragma once

#include <librdkafka/rdkafka.h>

#include <map>
#include <string>

namespace sharpline::runtime::kafka {

struct TopicInfo {
  std::string name;
  int partitions = 0;
  int replication_factor = 0;
};

// Every topic on the cluster, internal ones ("__consumer_offsets") excluded.
std::map<std::string, TopicInfo> list_topics(rd_kafka_t* handle, int timeout_ms = 10000);

}  // namespace sharpline::runtime::kafka
