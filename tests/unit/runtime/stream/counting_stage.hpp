// A small stage for runtime tests: counts records per key, emits "<key>=<count>" to
// test.counts, dead-letters values that say "poison", and fails transiently on "flaky" once.
#pragma once

#include <string>

#include "runtime/stream/dead_letter.hpp"
#include "runtime/stream/processing_error.hpp"
#include "runtime/stream/stage_definition.hpp"

namespace sharpline::runtime::stream::testing {

inline StoreCodec<long> long_codec() {
  return {[](const long& v, std::string& out) { out = std::to_string(v); },
          [](std::string_view bytes) { return std::stol(std::string(bytes)); }};
}

class CountingProcessor final : public Processor {
 public:
  void process(const InputRecord& record, ProcessorContext& context) override {
    const std::string value(record.value.begin(), record.value.end());
    auto& counts = context.kv_store<long>("counts");
    const std::string key(record.key.value_or(""));
    const long* current = counts.get(key);
    counts.put(key, (current != nullptr ? *current : 0) + 1);  // written before the failure
    if (value == "poison") throw ValidationError("value says poison");
    if (value == "undecodable") throw DeserializationError("not wire format");
    if (value == "flaky" && !failed_once_) {
      failed_once_ = true;
      throw TransientError("database unavailable");
    }
    const std::string text = key + "=" + std::to_string(*counts.get(key));
    context.emit({"test.counts", key, {text.begin(), text.end()}, context.event_time(), {}, -1});
  }
  void punctuate_stream_time(int64_t stream_time_ms, ProcessorContext& context) override {
    const std::string text = "tick@" + std::to_string(stream_time_ms);
    context.emit({"test.ticks", "tick", {text.begin(), text.end()}, stream_time_ms, {}, -1});
  }
  void punctuate_wall_clock(int64_t now_ms, ProcessorContext& context) override {
    const std::string text = "wall@" + std::to_string(now_ms);
    context.emit({"test.ticks", "wall", {text.begin(), text.end()}, now_ms, {}, -1});
  }

 private:
  bool failed_once_ = false;
};

inline StageDefinition counting_stage(std::size_t max_entries = 1000) {
  StageDefinition stage;
  stage.name = "counting";
  stage.application_id = "sharpline-counting";
  stage.inputs = {"test.input"};
  stage.stores = {{"counts", [max_entries](int32_t partition) {
                     return std::make_unique<KeyValueStore<long>>("counts", partition, long_codec(),
                                                                  max_entries);
                   }}};
  stage.make_processor = [](int32_t) { return std::make_unique<CountingProcessor>(); };
  return stage;
}

// Dead letters as readable text in tests (the CLI wires the Avro encoder).
inline std::vector<uint8_t> text_dead_letter(const DeadLetter& letter) {
  const std::string text = letter.error_kind + ":" + letter.reason;
  return {text.begin(), text.end()};
}

inline std::string text(const std::vector<uint8_t>& bytes) {
  return {bytes.begin(), bytes.end()};
}

}  // namespace sharpline::runtime::stream::testing
