#pragma once

// What every collector command does with its output: encode records with their topic's schema
// and send them keyed by event id, turn rejected items into DeadLetter records, and count both
// so the summary line can be reconciled with the input. Records are sent as they are made;
// flush() returns only when every delivery is confirmed (it throws if one failed), so a summary
// printed after flush() never claims a record that was not written.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/sources/rejected_item.hpp"
#include "domain/records/records.hpp"
#include "runtime/kafka/producer.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::cli {

class BusContext;

// The collectors' topics (declared once, in stages/topic_names.hpp).
using stages::kEventsTopic;
using stages::kOddsTopic;
using stages::kResultsTopic;
using stages::kWeatherTopic;

struct PublishCounts {
  std::size_t odds = 0;
  std::size_t events = 0;
  std::size_t results = 0;
  std::size_t weather = 0;
  std::size_t deadletter = 0;
};

class CollectPublisher {
 public:
  // `collector` names the source in dead letters ("collector:the-odds-api"): the collector, not
  // a topic, is where a rejected item came from.
  CollectPublisher(BusContext& context, std::string collector);

  void publish(const domain::OddsQuote& quote);  // Kafka timestamp = observed_ms
  void publish(const domain::Event& event, int64_t timestamp_ms);
  void publish(const domain::GameResult& result, int64_t timestamp_ms);
  void publish(const domain::WeatherReport& report, int64_t timestamp_ms);

  // One DeadLetter record: source_topic and stage = the collector, the raw item as the value,
  // `source_ms` as source_timestamp_ms. error_kind is "validation" for an item that failed its
  // checks and "deserialization" for a payload that could not be read at all.
  void dead_letter(const adapters::sources::RejectedItem& rejected, int64_t source_ms,
                   std::string_view error_class, std::string_view error_kind = "validation");

  void flush();
  const PublishCounts& counts() const { return counts_; }

 private:
  void send(const char* topic, const std::string& key, const nlohmann::json& record,
            int64_t timestamp_ms);

  BusContext& context_;
  std::string collector_;
  runtime::kafka::Producer producer_;
  PublishCounts counts_;
  std::vector<uint8_t> bytes_;
};

int64_t wall_clock_ms();

}  // namespace sharpline::cli
