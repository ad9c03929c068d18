// `sharpline consume`: print a topic's records as JSON lines, like kcat.
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/args.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/bus_commands.hpp"
#include "cli/common_options.hpp"
#include "common/logging.hpp"
#include "common/signals.hpp"
#include "runtime/kafka/consumer.hpp"
#include "serde/base64.hpp"

namespace sharpline::cli {
namespace {

nlohmann::json envelope(const rd_kafka_message_t& message, nlohmann::json value) {
  rd_kafka_timestamp_type_t type;
  const int64_t timestamp = rd_kafka_message_timestamp(&message, &type);
  nlohmann::json key;
  if (message.key != nullptr) {
    key = std::string(static_cast<const char*>(message.key), message.key_len);
  }
  return {{"topic", rd_kafka_topic_name(message.rkt)},
          {"partition", message.partition},
          {"offset", message.offset},
          {"timestamp_ms", timestamp},
          {"key", key},
          {"value", std::move(value)}};
}

}  // namespace

int run_consume_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ArgParser parser("sharpline consume",
                   "Print a topic's records as JSON lines (the decoded value; --envelope adds "
                   "topic, partition, offset, timestamp and key). Reads every partition directly, "
                   "without a consumer group or commits. Only committed transactional records "
                   "are shown (isolation.level=read_committed). Records that cannot be decoded are "
                   "reported on stderr and make the exit code 1.");
  parser.option("topic", "TOPIC", "Topic to read (required).")
      .flag("from-beginning", "Start at the oldest retained record (default: only new records).")
      .option("max", "N", "Stop after N records.")
      .option("idle-timeout", "MS", "Stop after MS milliseconds without a record.")
      .flag("envelope", "Wrap each value with its topic, partition, offset, timestamp and key.");
  add_common_options(parser, kConfigOptions | kBusOptions);
  const ParsedArgs parsed = parser.parse(args);
  const auto topic = parsed.get("topic");
  if (!topic) parser.fail("missing --topic");
  const long long max = parsed.get_int("max").value_or(-1);
  if (parsed.has("max") && max < 1) parser.fail("--max must be at least 1");
  const long long idle_timeout = parsed.get_int("idle-timeout").value_or(-1);
  if (parsed.has("idle-timeout") && idle_timeout < 1)
    parser.fail("--idle-timeout must be positive");
  const bool with_envelope = parsed.has("envelope");
  const Config config = config_from_args(parsed);
  init_command_logging(config, "consume");

  ShutdownSignals signals;
  auto context = BusContext::open(config);
  (void)context->bus().topic(*topic);  // undeclared topics are a clear error, not a silent wait
  runtime::kafka::Consumer consumer(context->bus().client_properties());
  consumer.assign_all({*topic}, parsed.has("from-beginning") ? runtime::kafka::StartAt::kBeginning
                                                             : runtime::kafka::StartAt::kEnd);
  const bool raw = !context->serde().has_schema(*topic);
  long long printed = 0;
  long long failed = 0;
  long long idle_ms = 0;
  constexpr int kPollMs = 100;
  while (max < 0 || printed + failed < max) {
    if (signals.wait_for(0)) break;
    auto message = consumer.poll(kPollMs);
    if (!message) {
      idle_ms += kPollMs;
      if (idle_timeout > 0 && idle_ms >= idle_timeout) break;
      continue;
    }
    idle_ms = 0;
    const std::span<const uint8_t> bytes(static_cast<const uint8_t*>(message->payload),
                                         message->len);
    nlohmann::json value;
    try {
      if (message->payload == nullptr) {
        value = nullptr;  // a tombstone
      } else if (raw) {
        value = {{"base64", serde::base64_encode(bytes)}};
      } else {
        value = context->serde().decode(bytes);
      }
    } catch (const std::exception& e) {
      ++failed;
      err << "sharpline consume: " << *topic << "[" << message->partition << "]@" << message->offset
          << ": cannot decode: " << e.what() << "\n";
      continue;
    }
    out << (with_envelope ? envelope(*message, std::move(value)) : value).dump() << "\n";
    out.flush();
    ++printed;
  }
  log_info("consumed", {{"topic", *topic}, {"records", printed}, {"undecodable", failed}});
  return failed > 0 ? 1 : 0;
}

}  // namespace sharpline::cli
