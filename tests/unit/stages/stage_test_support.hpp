// Stage tests: the real topic serde (declared topics, project schemas, an in-memory registry)
// and helpers to feed typed records to a TestDriver and read typed outputs back.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "backtest/offline_serde.hpp"
#include "runtime/stream/test_driver.hpp"
#include "runtime/topics/topic_spec.hpp"
#include "serde/embedded_schema_registry.hpp"
#include "serde/pipeline_record_json.hpp"
#include "serde/record_json.hpp"
#include "serde/schema_catalog.hpp"
#include "serde/schema_dir.hpp"
#include "serde/topic_serde.hpp"
#include "stages/record_codec.hpp"

namespace sharpline::stages::testing {

inline std::shared_ptr<serde::TopicSerde> make_topic_serde() {
  return backtest::make_offline_topic_serde();
}

inline std::vector<uint8_t> text_dead_letter(const runtime::stream::DeadLetter& letter) {
  const std::string text = letter.error_kind + ": " + letter.reason;
  return {text.begin(), text.end()};
}

class StageHarness {
 public:
  StageHarness(runtime::stream::StageDefinition stage, std::shared_ptr<serde::TopicSerde> serde,
               int32_t partitions = 3)
      : serde_(std::move(serde)), driver_(std::move(stage), partitions, text_dead_letter) {}

  template <typename Record>
  runtime::stream::RecordOutcome pipe(const std::string& topic, const Record& record,
                                      int64_t timestamp_ms) {
    std::vector<uint8_t> bytes;
    serde_->encode(topic, serde::to_json(record), bytes);
    return driver_.pipe(topic, record.event_id, std::move(bytes), timestamp_ms);
  }

  void pipe_global(const std::string& table, const domain::GameResult& result) {
    std::vector<uint8_t> bytes;
    serde_->encode(table, serde::to_json(result), bytes);
    driver_.pipe_global(table, result.event_id, std::string(bytes.begin(), bytes.end()));
  }

  std::vector<nlohmann::json> take(const std::string& topic) {
    std::vector<nlohmann::json> out;
    for (const auto& record : driver_.take_output(topic))
      out.push_back(serde_->decode(record.value));
    return out;
  }

  std::size_t count(const std::string& topic) { return driver_.output(topic).size(); }
  runtime::stream::TestDriver& driver() { return driver_; }

 private:
  std::shared_ptr<serde::TopicSerde> serde_;
  runtime::stream::TestDriver driver_;
};

}  // namespace sharpline::stages::testing
