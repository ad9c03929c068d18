#include "stages/record_codec.hpp"

#include "serde/pipeline_record_json.hpp"
#include "serde/record_json.hpp"

namespace sharpline::stages {

domain::OddsQuote RecordCodec::odds(std::span<const uint8_t> bytes) {
  return serde::odds_quote_from_json(serde_->decode(bytes));
}

domain::GameResult RecordCodec::result(std::span<const uint8_t> bytes) {
  return serde::game_result_from_json(serde_->decode(bytes));
}

domain::WeatherReport RecordCodec::weather(std::span<const uint8_t> bytes) {
  return serde::weather_report_from_json(serde_->decode(bytes));
}

domain::FeatureVector RecordCodec::features(std::span<const uint8_t> bytes) {
  return serde::feature_vector_from_json(serde_->decode(bytes));
}

domain::Prediction RecordCodec::prediction(std::span<const uint8_t> bytes) {
  return serde::prediction_from_json(serde_->decode(bytes));
}

domain::Opportunity RecordCodec::opportunity(std::span<const uint8_t> bytes) {
  return serde::opportunity_from_json(serde_->decode(bytes));
}

domain::Grade RecordCodec::grade(std::span<const uint8_t> bytes) {
  return serde::grade_from_json(serde_->decode(bytes));
}

template <typename Record>
runtime::stream::OutputRecord RecordCodec::output(const char* topic, const Record& record,
                                                  int64_t timestamp_ms) {
  runtime::stream::OutputRecord out;
  out.topic = topic;
  out.key = record.event_id;
  out.timestamp_ms = timestamp_ms;
  if (wire_ == Wire::kInProcess) {
    out.in_process = runtime::stream::InProcessValue::of(record);
  } else {
    serde_->encode(topic, serde::to_json(record), out.value);
  }
  return out;
}

namespace {

template <typename Record>
Record decode_as(RecordCodec& codec, std::span<const uint8_t> bytes);
template <>
domain::FeatureVector decode_as(RecordCodec& codec, std::span<const uint8_t> bytes) {
  return codec.features(bytes);
}
template <>
domain::Prediction decode_as(RecordCodec& codec, std::span<const uint8_t> bytes) {
  return codec.prediction(bytes);
}
template <>
domain::Opportunity decode_as(RecordCodec& codec, std::span<const uint8_t> bytes) {
  return codec.opportunity(bytes);
}
template <>
domain::Grade decode_as(RecordCodec& codec, std::span<const uint8_t> bytes) {
  return codec.grade(bytes);
}

}  // namespace

template <typename Record>
Record RecordCodec::read(const runtime::stream::OutputRecord& record) {
  if (const auto* value = record.in_process.get<Record>()) return *value;
  return decode_as<Record>(*this, record.value);
}

template domain::FeatureVector RecordCodec::read(const runtime::stream::OutputRecord&);
template domain::Prediction RecordCodec::read(const runtime::stream::OutputRecord&);
template domain::Opportunity RecordCodec::read(const runtime::stream::OutputRecord&);
template domain::Grade RecordCodec::read(const runtime::stream::OutputRecord&);

template runtime::stream::OutputRecord RecordCodec::output(const char*, const domain::OddsQuote&,
                                                           int64_t);
template runtime::stream::OutputRecord RecordCodec::output(const char*,
                                                           const domain::WeatherReport&, int64_t);
template runtime::stream::OutputRecord RecordCodec::output(const char*,
                                                           const domain::FeatureVector&, int64_t);
template runtime::stream::OutputRecord RecordCodec::output(const char*, const domain::Prediction&,
                                                           int64_t);
template runtime::stream::OutputRecord RecordCodec::output(const char*, const domain::Opportunity&,
                                                           int64_t);
template runtime::stream::OutputRecord RecordCodec::output(const char*, const domain::Alert&,
                                                           int64_t);
template runtime::stream::OutputRecord RecordCodec::output(const char*, const domain::Grade&,
                                                           int64_t);

}  // namespace sharpline::stages
