// The Postgres sink: consumes the events, predictions, opportunities and grades topics in a
// consumer group and writes them to PostgreSQL in batches.
//
// Exactly-once into the database: each batch's rows and the next offsets of its partitions
// (table sink_offsets) commit in one transaction; partitions start at the offsets the database
// holds (falling back to the group's Kafka commit, then the earliest record), and Kafka offsets
// are committed only after the database commit (for lag tools; the database stays the truth).
//
// Outage: when the server goes away the batch is dropped, the partitions are paused, and the
// sink reconnects with backoff; then it rewinds to the database's offsets and resumes, so no
// record is lost or written twice. Records that cannot be decoded or stored go to the
// dead-letter topic (at least once: a dead letter is published before its batch commits).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "runtime/kafka/client_config.hpp"
#include "runtime/stream/dead_letter.hpp"

namespace sharpline::adapters::postgres {

struct SinkOptions {
  std::string dsn;
  std::string consumer_group = "sharpline-sink-postgres";
  std::vector<std::string> topics;  // empty: sink_topics()
  int batch_size = 1000;            // records per transaction at most
  int batch_ms = 500;               // the longest a record waits for its batch
  int retry_backoff_ms = 200;       // first pause before reconnecting (doubles)
  int retry_backoff_max_ms = 5000;
  runtime::kafka::Properties kafka;  // bootstrap.servers and kafka.* properties
};

// Avro bytes (wire format) -> the record's natural JSON; throws when it cannot decode.
using RecordDecoder = std::function<nlohmann::json(std::span<const uint8_t>)>;

class PostgresSink {
 public:
  PostgresSink(SinkOptions options, RecordDecoder decode,
               runtime::stream::DeadLetterEncoder encode_dead_letter);
  ~PostgresSink();
  PostgresSink(const PostgresSink&) = delete;
  PostgresSink& operator=(const PostgresSink&) = delete;

  // Connects and migrates the database (throws MigrationError when the schema cannot be
  // trusted; a server that is down is waited for), then consumes until stop_requested()
  // returns true, writing the last batch before it returns.
  void run(const std::function<bool()>& stop_requested);

  // Connected to the database with partitions flowing (for /ready).
  bool ready() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sharpline::adapters::postgres
