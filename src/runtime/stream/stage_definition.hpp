// A stage: the input topics it reads (co-partitioned), its stores, global tables, processor
// factory, time extraction and punctuation schedule. The runtime and the test driver both run
// a StageDefinition.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "runtime/stream/processor.hpp"
#include "runtime/stream/time_extractor.hpp"

namespace sharpline::runtime::stream {

struct StoreDefinition {
  std::string name;
  // Makes the partition's store instance.
  std::function<std::unique_ptr<StateStore>(int32_t partition)> make;
};

struct StageDefinition {
  std::string name;            // "features", "grading"...
  std::string application_id;  // consumer group and changelog prefix, e.g. "sharpline-features"
  std::vector<std::string> inputs;
  std::vector<std::string> global_tables;  // compacted topics read in full by every instance
  std::vector<StoreDefinition> stores;
  std::function<std::unique_ptr<Processor>(int32_t partition)> make_processor;
  TimestampExtractor timestamp = record_timestamp;
  int64_t stream_time_punctuation_ms = 0;  // 0: none
  int64_t wall_clock_punctuation_ms = 0;   // 0: none

  // "<application.id>-<store>-changelog", the Kafka Streams convention.
  std::string changelog_topic(const std::string& store) const {
    return application_id + "-" + store + "-changelog";
  }
};

}  // namespace sharpline::runtime::stream
