// `sharpline produce`: validate JSON records against a topic's schema and publish them.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/args.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/bus_commands.hpp"
#include "cli/common_options.hpp"
#include "cli/record_input.hpp"
#include "common/logging.hpp"
#include "runtime/kafka/producer.hpp"
#include "serde/errors.hpp"

namespace sharpline::cli {
namespace {

std::string key_of(const nlohmann::json& record, const std::string& field,
                   const std::string& where) {
  if (!record.is_object() || !record.contains(field) || record[field].is_null()) {
    throw std::runtime_error(where + ": key field '" + field +
                             "' is missing (use --key or --key-field)");
  }
  const auto& value = record[field];
  return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace

int run_produce_command(std::span<const std::string> args, std::ostream& out, std::ostream&) {
  ArgParser parser("sharpline produce",
                   "Validate JSON records against the topic's Avro schema and publish them in the "
                   "Confluent wire format. Input: JSON lines, a JSON array, or one JSON object. "
                   "Every record is validated before any is sent; a bad record fails the command "
                   "with its position and field. Prints a JSON summary.");
  parser.option("topic", "TOPIC", "A declared topic, e.g. sharpline.odds.v1 (required).")
      .option("json", "FILE|-", "Records to publish; - reads stdin (required).")
      .option("key-field", "FIELD",
              "Record field used as the key (default: the topic's key field).")
      .option("key", "KEY", "One fixed key for every record.")
      .option("timestamp-field", "FIELD",
              "Record field (epoch ms) used as the Kafka timestamp (default: now).");
  add_common_options(parser, kConfigOptions | kBusOptions);
  const ParsedArgs parsed = parser.parse(args);
  const auto topic = parsed.get("topic");
  if (!topic) parser.fail("missing --topic");
  const auto input = parsed.get("json");
  if (!input) parser.fail("missing --json FILE|-");
  if (parsed.has("key") && parsed.has("key-field"))
    parser.fail("give --key or --key-field, not both");
  const Config config = config_from_args(parsed);
  init_command_logging(config, "produce");

  std::vector<InputRecord> records;
  if (*input == "-") {
    records = read_json_records(std::cin);
  } else {
    std::ifstream file(*input);
    if (!file) throw std::runtime_error("cannot read '" + *input + "'");
    records = read_json_records(file);
  }

  auto context = BusContext::open(config);
  const auto& spec = context->bus().topic(*topic);
  if (!context->serde().has_schema(*topic)) {
    throw std::runtime_error("topic " + *topic + " carries raw bytes, not records with a schema");
  }
  const std::string key_field = parsed.get_or("key-field", spec.key_field);
  const auto timestamp_field = parsed.get("timestamp-field");

  // Validate and encode everything first: a bad record must not leave half a batch published.
  struct Encoded {
    std::string key;
    std::vector<uint8_t> value;
    int64_t timestamp_ms = 0;
  };
  std::vector<Encoded> encoded;
  encoded.reserve(records.size());
  for (const auto& record : records) {
    Encoded e;
    try {
      context->serde().encode(*topic, record.value, e.value);
    } catch (const serde::SerdeError& error) {
      throw std::runtime_error(record.where + ": " + error.what());
    }
    e.key = parsed.has("key") ? *parsed.get("key") : key_of(record.value, key_field, record.where);
    if (timestamp_field) {
      const auto& ts = record.value.value(*timestamp_field, nlohmann::json());
      if (!ts.is_number_integer()) {
        throw std::runtime_error(record.where + ": timestamp field '" + *timestamp_field +
                                 "' must be an integer (epoch ms)");
      }
      e.timestamp_ms = ts.get<int64_t>();
    }
    encoded.push_back(std::move(e));
  }

  runtime::kafka::Producer producer(context->bus().client_properties());
  for (const auto& e : encoded) {
    runtime::kafka::OutgoingRecord record;
    record.topic = *topic;
    record.key = e.key;
    record.value = e.value;
    record.timestamp_ms = e.timestamp_ms;
    producer.send(record);
  }
  producer.flush();
  const nlohmann::json summary = {{"topic", *topic},
                                  {"records", encoded.size()},
                                  {"schema_id", context->serde().schema_id(*topic)},
                                  {"bootstrap", context->bus().bootstrap()}};
  log_info("produced", summary);
  out << summary.dump() << "\n";
  return 0;
}

}  // namespace sharpline::cli
