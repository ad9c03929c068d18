#include "cli/commands/collect_publisher.hpp"

#include <chrono>

#include "cli/bus_context.hpp"
#include "runtime/stream/dead_letter.hpp"
#include "serde/base64.hpp"
#include "serde/record_json.hpp"

namespace sharpline::cli {
namespace {

std::string as_base64(std::string_view text) {
  return serde::base64_encode({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
}

}  // namespace

int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

CollectPublisher::CollectPublisher(BusContext& context, std::string collector)
    : context_(context),
      collector_(std::move(collector)),
      producer_(context.bus().client_properties()) {}

void CollectPublisher::publish(const domain::OddsQuote& quote) {
  send(kOddsTopic, quote.event_id, serde::to_json(quote), quote.observed_ms);
  ++counts_.odds;
}

void CollectPublisher::publish(const domain::Event& event, int64_t timestamp_ms) {
  send(kEventsTopic, event.event_id, serde::to_json(event), timestamp_ms);
  ++counts_.events;
}

void CollectPublisher::publish(const domain::GameResult& result, int64_t timestamp_ms) {
  send(kResultsTopic, result.event_id, serde::to_json(result), timestamp_ms);
  ++counts_.results;
}

void CollectPublisher::publish(const domain::WeatherReport& report, int64_t timestamp_ms) {
  send(kWeatherTopic, report.event_id, serde::to_json(report), timestamp_ms);
  ++counts_.weather;
}

void CollectPublisher::send(const char* topic, const std::string& key, const nlohmann::json& record,
                            int64_t timestamp_ms) {
  bytes_.clear();
  context_.serde().encode(topic, record, bytes_);
  runtime::kafka::OutgoingRecord out;
  out.topic = topic;
  out.key = key;
  out.value = bytes_;
  out.timestamp_ms = timestamp_ms;
  producer_.send(out);
}

void CollectPublisher::dead_letter(const adapters::sources::RejectedItem& rejected,
                                   int64_t source_ms, std::string_view error_class,
                                   std::string_view error_kind) {
  runtime::stream::DeadLetter letter;
  letter.source_topic = collector_;
  letter.source_timestamp_ms = source_ms;
  if (!rejected.event_id.empty()) letter.key = rejected.event_id;
  letter.value = std::vector<uint8_t>(rejected.raw.begin(), rejected.raw.end());
  letter.error_kind = std::string(error_kind);
  letter.error_class = std::string(error_class);
  letter.reason = rejected.reason;
  letter.stage = collector_;
  letter.failed_ms = wall_clock_ms();
  const auto encode = [this](const runtime::stream::DeadLetter& l) {
    const auto text = [](const std::vector<uint8_t>& bytes) {
      return as_base64({reinterpret_cast<const char*>(bytes.data()), bytes.size()});
    };
    nlohmann::json record = {{"source_topic", l.source_topic},
                             {"source_partition", l.source_partition},
                             {"source_offset", l.source_offset},
                             {"source_timestamp_ms", l.source_timestamp_ms},
                             {"key", l.key ? nlohmann::json(as_base64(*l.key)) : nlohmann::json()},
                             {"value", l.value ? nlohmann::json(text(*l.value)) : nlohmann::json()},
                             {"error_kind", l.error_kind},
                             {"reason", l.reason},
                             {"stage", l.stage},
                             {"failed_ms", l.failed_ms},
                             {"headers", nlohmann::json::object()}};
    std::vector<uint8_t> bytes;
    context_.serde().encode(runtime::stream::kDeadLetterTopic, record, bytes);
    return bytes;
  };
  const auto record = runtime::stream::dead_letter_record(letter, encode);
  runtime::kafka::OutgoingRecord out;
  out.topic = record.topic;
  if (letter.key) out.key = record.key;
  out.value = record.value;
  out.timestamp_ms = record.timestamp_ms;
  for (const auto& header : record.headers) out.headers.push_back({header.name, header.value});
  producer_.send(out);
  ++counts_.deadletter;
}

void CollectPublisher::flush() {
  producer_.flush();
}

}  // namespace sharpline::cli
