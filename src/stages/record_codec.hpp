// Typed values on the bus for stage processors: Confluent-framed Avro <-> domain records, via
// the topic serde and the records' JSON mapping. One instance per stage runner thread (the
// topic serde keeps scratch buffers). Decoding failures throw (the TopicRouter turns them into
// dead letters of kind "deserialization").
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "domain/records/pipeline_records.hpp"
#include "domain/records/records.hpp"
#include "runtime/stream/stream_record.hpp"
#include "serde/topic_serde.hpp"

namespace sharpline::stages {

class RecordCodec {
 public:
  // How output records carry their value. kAvro: Confluent-framed Avro bytes, as on the bus.
  // kInProcess: the domain record itself (OutputRecord::in_process), for stages chained in one
  // process (backtests, training), where encoding and decoding again only costs time.
  enum class Wire { kAvro, kInProcess };

  explicit RecordCodec(std::shared_ptr<serde::TopicSerde> serde, Wire wire = Wire::kAvro)
      : serde_(std::move(serde)), wire_(wire) {}

  Wire wire() const { return wire_; }

  domain::OddsQuote odds(std::span<const uint8_t> bytes);
  domain::GameResult result(std::span<const uint8_t> bytes);
  domain::WeatherReport weather(std::span<const uint8_t> bytes);
  domain::FeatureVector features(std::span<const uint8_t> bytes);
  domain::Prediction prediction(std::span<const uint8_t> bytes);
  domain::Opportunity opportunity(std::span<const uint8_t> bytes);
  domain::Grade grade(std::span<const uint8_t> bytes);

  // The value of a stage's output record, whichever wire it was written for.
  template <typename Record>
  Record read(const runtime::stream::OutputRecord& record);

  // An output record on `topic`, keyed by the record's event id, at event time `timestamp_ms`.
  template <typename Record>
  runtime::stream::OutputRecord output(const char* topic, const Record& record,
                                       int64_t timestamp_ms);

 private:
  std::shared_ptr<serde::TopicSerde> serde_;
  Wire wire_;
};

}  // namespace sharpline::stages
