#include "bus/transport_bench.hpp"

#include <atomic>
#include <chrono>
#include <iostream>

#include "runtime/kafka/client_config.hpp"
#include "runtime/kafka/consumer.hpp"
#include "runtime/kafka/handles.hpp"
#include "runtime/kafka/producer.hpp"
#include "serde/record_json.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::bench::bus {
namespace {

namespace kafka = runtime::kafka;
using Clock = std::chrono::steady_clock;

constexpr const char* kInTopic = "bench.transport.in";
constexpr const char* kOutTopic = "bench.transport.out";
constexpr int kPartitions = 6;  // as sharpline.odds.v1

void count_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
  if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    static_cast<std::atomic<uint64_t>*>(opaque)->fetch_add(1, std::memory_order_relaxed);
  }
}

// Pre-produces the quotes as the collectors write them (topic serde, keyed by event id,
// timestamp = observed_ms), but to the pass-through's input topic.
void preproduce(cli::BusContext& context, const std::vector<domain::OddsQuote>& quotes) {
  kafka::Producer producer(context.bus().client_properties());
  std::vector<uint8_t> bytes;
  for (const auto& quote : quotes) {
    bytes.clear();
    context.serde().encode(stages::kOddsTopic, serde::to_json(quote), bytes);
    kafka::OutgoingRecord record;
    record.topic = kInTopic;
    record.key = quote.event_id;
    record.value = bytes;
    record.timestamp_ms = quote.observed_ms;
    producer.send(record);
  }
  producer.flush();
}

}  // namespace

TransportResult run_transport(const BenchOptions& options, cli::BusContext& context) {
  auto* broker = context.bus().embedded_broker();
  broker->create_topic(kInTopic, kPartitions, 1);
  broker->create_topic(kOutTopic, kPartitions, 1);
  const auto quotes = synthetic_quotes(static_cast<std::size_t>(options.records), 1);
  preproduce(context, quotes);
  if (const auto dropped = dropped_offsets(context, kInTopic); dropped > 0) {
    throw std::runtime_error("the embedded broker dropped " + std::to_string(dropped) +
                             " records of the input: use fewer --records");
  }
  const uint64_t total = quotes.size();

  const kafka::Properties bus = context.bus().client_properties();
  std::atomic<uint64_t> delivered{0};
  kafka::ConfHandle pconf = kafka::make_conf(kafka::merge(kafka::producer_defaults(), bus));
  rd_kafka_conf_set_dr_msg_cb(pconf.get(), &count_delivery);
  rd_kafka_conf_set_opaque(pconf.get(), &delivered);
  char errstr[512];
  kafka::KafkaHandle producer(rd_kafka_new(RD_KAFKA_PRODUCER, pconf.get(), errstr, sizeof errstr));
  if (!producer) throw kafka::KafkaError(std::string("producer: ") + errstr);
  (void)pconf.release();

  kafka::Properties cprops = kafka::merge(kafka::consumer_defaults(), bus);
  cprops["group.id"] = "bench-transport";
  kafka::KafkaHandle consumer = kafka::make_consumer(cprops);
  // Assigned, not subscribed: the figure is the copy rate, not the group join.
  kafka::PartitionListPtr assignment(rd_kafka_topic_partition_list_new(kPartitions));
  for (int p = 0; p < kPartitions; ++p) {
    rd_kafka_topic_partition_list_add(assignment.get(), kInTopic, p)->offset =
        RD_KAFKA_OFFSET_BEGINNING;
  }
  kafka::throw_if_error(rd_kafka_assign(consumer.get(), assignment.get()), "assign");

  const auto started = Clock::now();
  uint64_t consumed = 0;
  Clock::time_point first;
  while (consumed < total) {
    kafka::MessagePtr message(rd_kafka_consumer_poll(consumer.get(), 100));
    rd_kafka_poll(producer.get(), 0);  // delivery reports
    if (!message) continue;
    if (consumed == 0) first = Clock::now();
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throw kafka::KafkaError(rd_kafka_message_errstr(message.get()), message->err);
    }
    rd_kafka_timestamp_type_t type;
    const int64_t timestamp = rd_kafka_message_timestamp(message.get(), &type);
    for (;;) {
      const auto err = rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(kOutTopic),
                                         RD_KAFKA_V_KEY(message->key, message->key_len),
                                         RD_KAFKA_V_VALUE(message->payload, message->len),
                                         RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                         RD_KAFKA_V_TIMESTAMP(timestamp), RD_KAFKA_V_END);
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        kafka::throw_if_error(err, "produce");
        break;
      }
      rd_kafka_poll(producer.get(), 1);
    }
    ++consumed;
  }
  const auto all_consumed = Clock::now();
  kafka::throw_if_error(rd_kafka_flush(producer.get(), 60000), "flush");
  std::cerr << "transport: first record after "
            << std::chrono::duration<double>(first - started).count() << " s, all consumed after "
            << std::chrono::duration<double>(all_consumed - started).count() << " s\n";
  if (delivered.load() != total) throw std::runtime_error("some pass-through deliveries failed");
  // From the first record: the consumer's first fetch (about 0.5 s) is start-up, not copying.
  const double seconds = std::chrono::duration<double>(Clock::now() - first).count();
  rd_kafka_consumer_close(consumer.get());
  return {static_cast<double>(total - 1) / seconds, seconds, quotes.size()};
}

}  // namespace sharpline::bench::bus
