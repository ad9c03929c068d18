// `sharpline dump`: every record of some topics, up to each partition's high watermark at the
// start of the dump, as DIR/<topic>.jsonl plus DIR/manifest.json (src/cli/replay/dump_format.hpp).
// Reading stops at the watermark so a dump of a live bus terminates and is a consistent cut.
#include "cli/commands/dump_command.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/args.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/collect_publisher.hpp"
#include "cli/common_options.hpp"
#include "cli/replay/dump_format.hpp"
#include "common/logging.hpp"
#include "common/signals.hpp"
#include "runtime/kafka/consumer.hpp"
#include "runtime/kafka/metadata.hpp"
#include "runtime/stream/kafka_records.hpp"

namespace sharpline::cli {
namespace {

namespace fs = std::filesystem;
namespace kafka = runtime::kafka;

bool is_changelog(const std::string& topic) {
  return topic.ends_with("-changelog");
}

replay::DumpRecord record_of(const rd_kafka_message_t& message, serde::TopicSerde& serde, bool raw,
                             std::size_t& undecodable, std::ostream& err) {
  replay::DumpRecord record;
  record.topic = rd_kafka_topic_name(message.rkt);
  record.partition = message.partition;
  record.offset = message.offset;
  rd_kafka_timestamp_type_t type;
  record.timestamp_ms = rd_kafka_message_timestamp(&message, &type);
  if (message.key != nullptr)
    record.key = std::string(static_cast<const char*>(message.key), message.key_len);
  std::vector<runtime::stream::RecordHeader> headers;
  runtime::stream::read_headers(message, headers);
  for (auto& header : headers)
    record.headers.emplace_back(std::move(header.name), std::move(header.value));
  if (message.payload == nullptr) return record;  // a tombstone
  const std::span<const uint8_t> bytes(static_cast<const uint8_t*>(message.payload), message.len);
  if (!raw) {
    try {
      record.value = serde.decode(bytes);
      return record;
    } catch (const std::exception& e) {
      ++undecodable;
      err << "sharpline dump: " << record.topic << "[" << record.partition << "]@" << record.offset
          << ": cannot decode, kept as value_base64: " << e.what() << "\n";
    }
  }
  record.raw_value = std::vector<uint8_t>(bytes.begin(), bytes.end());
  return record;
}

struct TopicDump {
  replay::DumpTopicInfo info;
  std::size_t undecodable = 0;
};

// Reads `topic` from each partition's low to its high watermark (as of now) into `file`.
TopicDump dump_topic(kafka::Consumer& consumer, BusContext& context, const std::string& topic,
                     const fs::path& file, ShutdownSignals& signals, int stall_ms,
                     std::ostream& err) {
  rd_kafka_t* handle = consumer.handle();
  TopicDump dump;
  dump.info.file = topic + ".jsonl";
  dump.info.value_schema = context.bus().topic(topic).value_schema;
  const auto cluster = kafka::list_topics(handle);
  const auto found = cluster.find(topic);
  if (found == cluster.end() || found->second.partitions <= 0)
    throw std::runtime_error("topic " + topic + " does not exist on the bus");
  std::map<int32_t, int64_t> next;  // partition -> next offset to read, while below the watermark
  for (int32_t p = 0; p < found->second.partitions; ++p) {
    int64_t low = 0;
    int64_t high = 0;
    kafka::throw_if_error(
        rd_kafka_query_watermark_offsets(handle, topic.c_str(), p, &low, &high, 10000),
        "watermarks of " + topic + "[" + std::to_string(p) + "]");
    dump.info.high_watermarks[p] = high;
    if (low < high) next[p] = low;
  }

  std::ofstream output(file, std::ios::binary | std::ios::trunc);
  if (!output) throw std::runtime_error("cannot write " + file.string());
  const bool raw = !context.serde().has_schema(topic);
  if (!next.empty()) consumer.assign_all({topic}, kafka::StartAt::kBeginning);
  constexpr int kPollMs = 100;
  int idle_ms = 0;
  while (!next.empty()) {
    if (signals.wait_for(0)) throw std::runtime_error("interrupted; the dump is incomplete");
    auto message = consumer.poll(kPollMs);
    if (!message) {
      idle_ms += kPollMs;
      if (idle_ms % 1000 != 0) continue;
      // Transaction markers and aborted records take offsets but are never delivered: the
      // consumer's position can pass the watermark without a record at watermark - 1.
      kafka::PartitionListPtr positions(rd_kafka_topic_partition_list_new(0));
      for (const auto& [p, offset] : next)
        rd_kafka_topic_partition_list_add(positions.get(), topic.c_str(), p);
      (void)rd_kafka_position(handle, positions.get());
      for (int i = 0; i < positions->cnt; ++i) {
        const auto& tp = positions->elems[i];
        if (tp.offset >= dump.info.high_watermarks[tp.partition]) next.erase(tp.partition);
      }
      if (!next.empty() && idle_ms >= stall_ms) {
        const auto& [p, offset] = *next.begin();
        throw std::runtime_error(topic + "[" + std::to_string(p) + "] stalled at offset " +
                                 std::to_string(offset) + " below its high watermark " +
                                 std::to_string(dump.info.high_watermarks[p]) + " for " +
                                 std::to_string(stall_ms) + " ms");
      }
      continue;
    }
    idle_ms = 0;
    const auto it = next.find(message->partition);
    if (it == next.end()) continue;  // done, or written after the dump started
    if (message->offset < dump.info.high_watermarks[message->partition]) {
      output << replay::to_dump_line(
                    record_of(*message, context.serde(), raw, dump.undecodable, err))
             << '\n';
      ++dump.info.records;
    }
    it->second = message->offset + 1;
    if (it->second >= dump.info.high_watermarks[message->partition]) next.erase(it);
  }
  (void)rd_kafka_assign(handle, nullptr);
  output.flush();
  if (!output) throw std::runtime_error("cannot write " + file.string());
  return dump;
}

}  // namespace

int run_dump_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  ArgParser parser("sharpline dump",
                   "Write topics as JSON lines, from the beginning up to each partition's high "
                   "watermark at the start of the dump: DIR/<topic>.jsonl (topic, partition, "
                   "offset, timestamp_ms, key, headers, the value decoded with the topic's "
                   "schema) and DIR/manifest.json. `sharpline replay --from-dump DIR` publishes "
                   "a dump onto another bus. Prints one JSON summary line per topic.");
  parser.option("topics", "T1,T2", "Topics to dump (default: every declared topic but changelogs).")
      .option("out", "DIR", "Directory to write (created if missing; required).")
      .option("stall-timeout", "MS",
              "Fail when a partition delivers nothing for MS ms below its watermark (30000).");
  add_common_options(parser, kConfigOptions | kBusOptions);
  const ParsedArgs parsed = parser.parse(args);
  const auto out_dir = parsed.get("out");
  if (!out_dir || out_dir->empty()) parser.fail("missing --out DIR");
  const long long stall_ms = parsed.get_int("stall-timeout").value_or(30000);
  if (stall_ms < 1000) parser.fail("--stall-timeout must be at least 1000 ms");
  const Config config = config_from_args(parsed);
  init_command_logging(config, "dump");

  ShutdownSignals signals;
  auto context = BusContext::open(config);
  std::vector<std::string> topics;
  if (const auto list = parsed.get("topics")) {
    for (const auto& topic : split_list(*list)) {
      if (topic.empty()) parser.fail("--topics has an empty name: '" + *list + "'");
      try {
        (void)context->bus().topic(topic);
      } catch (const std::invalid_argument& e) {
        parser.fail(e.what());
      }
      if (std::find(topics.begin(), topics.end(), topic) == topics.end()) topics.push_back(topic);
    }
  } else {
    for (const auto& spec : context->bus().topics())
      if (!is_changelog(spec.name)) topics.push_back(spec.name);
  }

  const fs::path dir(*out_dir);
  std::error_code error;
  fs::create_directories(dir, error);
  if (error || !fs::is_directory(dir))
    throw std::runtime_error("cannot create --out directory " + dir.string() + ": " +
                             error.message());

  kafka::Properties properties = context->bus().client_properties();
  properties["client.id"] = "sharpline-dump";
  kafka::Consumer consumer(properties);
  replay::DumpManifest manifest;
  manifest.sharpline_version = SHARPLINE_VERSION;
  manifest.created_ms = wall_clock_ms();
  manifest.bootstrap = context->bus().bootstrap();
  std::vector<nlohmann::ordered_json> summaries;
  for (const auto& topic : topics) {
    const auto dump = dump_topic(consumer, *context, topic, dir / (topic + ".jsonl"), signals,
                                 static_cast<int>(stall_ms), err);
    manifest.topics.push_back(topic);
    manifest.topic_info[topic] = dump.info;
    summaries.push_back({{"topic", topic},
                         {"records", dump.info.records},
                         {"undecodable", dump.undecodable},
                         {"file", (dir / dump.info.file).string()}});
    log_info("dumped", nlohmann::json(summaries.back()));
  }
  // The manifest last, through a rename: a directory with a manifest holds a complete dump.
  const fs::path manifest_path = dir / "manifest.json";
  const fs::path partial = dir / "manifest.json.partial";
  {
    std::ofstream file(partial, std::ios::trunc);
    file << replay::manifest_to_json(manifest).dump(2) << "\n";
    file.flush();
    if (!file) throw std::runtime_error("cannot write " + partial.string());
  }
  fs::rename(partial, manifest_path);
  for (const auto& summary : summaries) out << summary.dump() << "\n";
  return 0;
}

}  // namespace sharpline::cli
