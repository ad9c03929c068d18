#include "adapters/postgres/postgres_sink.hpp"

#include <chrono>
#include <optional>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <set>
#include <thread>

#include "adapters/postgres/migrations.hpp"
#include "adapters/postgres/pg_connection.hpp"
#include "adapters/postgres/sink_rows.hpp"
#include "adapters/postgres/sink_writer.hpp"
#include "common/clock.hpp"
#include "common/logging.hpp"
#include "common/metrics.hpp"
#include "runtime/kafka/consumer.hpp"
#include "runtime/kafka/producer.hpp"
#include "runtime/stream/kafka_records.hpp"

namespace sharpline::adapters::postgres {
namespace {

using runtime::kafka::KafkaError;
using runtime::kafka::MessagePtr;
using runtime::kafka::PartitionListPtr;
using TopicPartition = std::pair<std::string, int32_t>;

constexpr const char* kStageName = "sink-postgres";
constexpr int64_t kHealthCheckMs = 1000;
constexpr int64_t kLagReportMs = 2000;

// SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): the record's
// content is at fault, not the server, so retrying cannot help.
bool is_record_error(const pqxx::sql_error& e) {
  const std::string& state = e.sqlstate();
  return state.starts_with("22") || state.starts_with("23");
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

// One consumed record of the open batch.
struct Pending {
  MessagePtr message;
  SourcePosition position;
  RowsByTable rows;
};

}  // namespace

struct PostgresSink::Impl {
  Impl(SinkOptions o, RecordDecoder d, runtime::stream::DeadLetterEncoder e)
      : options(std::move(o)), decode(std::move(d)), encode_dead_letter(std::move(e)) {
    if (options.topics.empty()) options.topics = sink_topics();
    auto& metrics = MetricsRegistry::global();
    batches = &metrics.counter("sharpline_sink_batches_total",
                               "Transactions the Postgres sink committed");
    commit_seconds =
        &metrics.histogram("sharpline_sink_commit_seconds", "Time to write and commit one batch",
                           {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5});
    db_up = &metrics.gauge("sharpline_sink_db_up", "1 while the sink's database is reachable");
    dead_letters = &metrics.counter("sharpline_sink_dead_letters_total",
                                    "Records the Postgres sink sent to the dead-letter topic");
    records = &metrics.counter("sharpline_sink_records_total",
                               "Records the Postgres sink consumed and committed");
    for (const auto& table : sink_tables()) table_counter(table.name);
    db_up->set(0);

    runtime::kafka::Properties props =
        runtime::kafka::merge(runtime::kafka::consumer_defaults(), options.kafka);
    props["group.id"] = options.consumer_group;
    props["enable.auto.commit"] = "false";
    props["enable.auto.offset.store"] = "false";
    consumer = runtime::kafka::make_consumer(props, &Impl::on_rebalance, this);
    dead_letter_producer = std::make_unique<runtime::kafka::Producer>(
        runtime::kafka::merge(runtime::kafka::producer_defaults(), options.kafka));
  }

  ~Impl() {
    if (consumer) rd_kafka_consumer_close(consumer.get());
  }

  Counter& table_counter(const std::string& table) {
    return MetricsRegistry::global().counter(
        "sharpline_sink_rows_total", "Rows the Postgres sink inserted or updated, per table",
        {{"table", table}});
  }

  // ---- database connection and outages --------------------------------------------------

  // Connects and migrates. Returns false (and schedules the next attempt) when the server is
  // unreachable; MigrationError is not an outage and propagates.
  bool connect() {
    try {
      auto fresh = std::make_unique<PgConnection>(options.dsn);
      const MigrationReport report = apply_migrations(fresh->get(), sink_migrations());
      if (!report.applied.empty()) {
        log_info("database migrated",
                 {{"applied", report.applied}, {"version", report.current_version}});
      }
      connection = std::move(fresh);
      writer = std::make_unique<SinkWriter>(*connection, options.consumer_group);
      return true;
    } catch (const MigrationError&) {
      throw;
    } catch (const pqxx::failure& e) {
      // broken_connection, or any server error while migrating (e.g. shutting down).
      connection.reset();
      writer.reset();
      log_warn("database unavailable; retrying", {{"database", redact_dsn(options.dsn)},
                                                  {"error", first_line(e.what())},
                                                  {"backoff_ms", backoff_ms}});
      next_attempt_ms = now_ms() + backoff_ms;
      backoff_ms = std::min(backoff_ms * 2, options.retry_backoff_max_ms);
      return false;
    }
  }

  void enter_outage(const std::string& reason) {
    if (db_ok) {
      log_warn("database connection lost; pausing consumption",
               {{"error", first_line(reason)}, {"dropped_records", pending.size()}});
    }
    db_ok = false;
    db_up->set(0);
    pending.clear();
    connection.reset();
    writer.reset();
    set_paused(true);
    backoff_ms = options.retry_backoff_ms;
    next_attempt_ms = now_ms() + backoff_ms;
  }

  // While the database is away: keep the group membership alive, retry on schedule, and on
  // success rewind every partition to the database's offsets and resume.
  void poll_during_outage() {
    MessagePtr dropped(rd_kafka_consumer_poll(consumer.get(), 50));  // re-read after the rewind
    if (now_ms() < next_attempt_ms || !connect()) return;
    try {
      rewind_to_database();
    } catch (const pqxx::failure& e) {
      enter_outage(e.what());
      return;
    }
    db_ok = true;
    db_up->set(1);
    backoff_ms = options.retry_backoff_ms;
    set_paused(false);
    log_info("database reachable; consuming", {{"database", redact_dsn(options.dsn)}});
  }

  void set_paused(bool pause) {
    if (assigned.empty()) return;
    PartitionListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(assigned.size())));
    for (const auto& [topic, partition] : assigned) {
      rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition);
    }
    const auto err = pause ? rd_kafka_pause_partitions(consumer.get(), list.get())
                           : rd_kafka_resume_partitions(consumer.get(), list.get());
    if (err) log_warn("cannot pause/resume partitions", {{"error", rd_kafka_err2str(err)}});
  }

  // Where each partition starts: the database's offset, else the group's Kafka commit, else
  // the earliest record.
  void set_start_offsets(rd_kafka_topic_partition_list_t* partitions, const OffsetMap& stored) {
    for (int i = 0; i < partitions->cnt; ++i) {
      auto& tp = partitions->elems[i];
      const auto it = stored.find({tp.topic, tp.partition});
      tp.offset = it != stored.end() ? it->second : RD_KAFKA_OFFSET_INVALID;
    }
    // INVALID asks for the committed offset, which auto.offset.reset=earliest completes.
    PartitionListPtr committed(rd_kafka_topic_partition_list_copy(partitions));
    if (rd_kafka_committed(consumer.get(), committed.get(), 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      for (int i = 0; i < partitions->cnt; ++i) {
        auto& tp = partitions->elems[i];
        if (tp.offset == RD_KAFKA_OFFSET_INVALID) {
          tp.offset = committed->elems[i].offset >= 0 ? committed->elems[i].offset
                                                      : RD_KAFKA_OFFSET_BEGINNING;
        }
      }
    }
    for (int i = 0; i < partitions->cnt; ++i) {
      const auto& tp = partitions->elems[i];
      next_offset[{tp.topic, tp.partition}] = std::max<int64_t>(0, tp.offset);
    }
  }

  void rewind_to_database() {
    if (assigned.empty()) return;
    const OffsetMap stored = writer->load_offsets(options.topics);
    PartitionListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(assigned.size())));
    for (const auto& [topic, partition] : assigned) {
      rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition);
    }
    set_start_offsets(list.get(), stored);
    if (rd_kafka_error_t* error = rd_kafka_seek_partitions(consumer.get(), list.get(), 10000)) {
      const std::string text = rd_kafka_error_string(error);
      rd_kafka_error_destroy(error);
      throw KafkaError("cannot rewind to the database's offsets: " + text);
    }
    log_info("rewound to the database's offsets", {{"partitions", assigned.size()}});
  }

  // ---- rebalances -------------------------------------------------------------------------

  static void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                           rd_kafka_topic_partition_list_t* partitions, void* opaque) {
    auto* self = static_cast<Impl*>(opaque);
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
      self->on_assigned(partitions);
      rd_kafka_assign(rk, partitions);
      if (!self->db_ok) self->set_paused(true);
    } else {
      // Whoever gets these partitions next starts at the database's offsets: the open batch is
      // dropped, not written half-way.
      self->pending.clear();
      self->assigned.clear();
      self->next_offset.clear();
      rd_kafka_assign(rk, nullptr);
      log_info("partitions revoked", {{"partitions", partitions->cnt}});
    }
  }

  void on_assigned(rd_kafka_topic_partition_list_t* partitions) {
    OffsetMap stored;
    if (db_ok) {
      try {
        stored = writer->load_offsets(options.topics);
      } catch (const pqxx::failure& e) {
        // Paused below; the reconnect rewinds to the database's offsets.
        enter_outage(e.what());
      }
    }
    for (int i = 0; i < partitions->cnt; ++i) {
      assigned.insert({partitions->elems[i].topic, partitions->elems[i].partition});
    }
    set_start_offsets(partitions, stored);
    log_info("partitions assigned",
             {{"partitions", partitions->cnt}, {"from_database", stored.size()}});
  }

  // ---- records and batches ----------------------------------------------------------------

  void handle(MessagePtr message) {
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) return;
      const std::string text = rd_kafka_message_errstr(message.get());
      if (message->err == RD_KAFKA_RESP_ERR__FATAL) throw KafkaError("consumer: " + text);
      log_warn("consumer error", {{"error", text}});
      return;
    }
    SourcePosition position{rd_kafka_topic_name(message->rkt), message->partition, message->offset};
    const TopicPartition tp{position.topic, position.partition};
    auto expected = next_offset.find(tp);
    if (expected == next_offset.end()) return;       // not (or no longer) ours
    if (position.offset < expected->second) return;  // already in this batch or committed
    expected->second = position.offset + 1;

    Pending record{std::move(message), position, {}};
    const rd_kafka_message_t& m = *record.message;
    if (m.payload != nullptr) {  // a tombstone stores nothing (compaction's deletes)
      nlohmann::json value;
      try {
        value = decode({static_cast<const uint8_t*>(m.payload), m.len});
      } catch (const std::exception& e) {
        dead_letter(m, "deserialization", "DecodeError", e.what());
      }
      if (!value.is_null()) {
        try {
          map_record(position, value, record.rows);
        } catch (const MappingError& e) {
          dead_letter(m, "validation", "MappingError", e.what());
        }
      }
    }
    if (pending.empty()) batch_started_ms = now_ms();
    pending.push_back(std::move(record));
  }

  void dead_letter(const rd_kafka_message_t& m, const std::string& kind,
                   const std::string& error_class, const std::string& reason) const {
    std::vector<runtime::stream::RecordHeader> headers;
    const auto input = runtime::stream::input_record_of(m, headers);
    const auto letter =
        runtime::stream::make_dead_letter(input, kStageName, kind, error_class, reason, now_ms());
    const auto out = runtime::stream::dead_letter_record(letter, encode_dead_letter);
    const auto record = runtime::stream::outgoing_record_of(out);
    dead_letter_producer->send(record);
    dead_letters->inc();
    log_warn("record sent to the dead-letter topic", {{"topic", letter.source_topic},
                                                      {"partition", letter.source_partition},
                                                      {"offset", letter.source_offset},
                                                      {"kind", kind},
                                                      {"reason", reason}});
  }

  // An idle sink still notices a lost database (for /ready and db_up) within a second.
  void check_database() {
    const int64_t now = now_ms();
    if (now - last_check_ms < kHealthCheckMs) return;
    last_check_ms = now;
    try {
      pqxx::nontransaction txn(connection->get());
      txn.exec("SELECT 1");
    } catch (const pqxx::failure& e) {
      enter_outage(e.what());
    }
  }

  // Records not yet in the database per partition: the high watermark of the latest fetch
  // response minus the next record the sink takes (no extra requests).
  void report_lag() {
    const int64_t now = now_ms();
    if (now - last_lag_ms < kLagReportMs) return;
    last_lag_ms = now;
    for (const auto& [tp, next] : next_offset) {
      int64_t low = 0;
      int64_t high = 0;
      if (rd_kafka_get_watermark_offsets(consumer.get(), tp.first.c_str(), tp.second, &low,
                                         &high) != RD_KAFKA_RESP_ERR_NO_ERROR ||
          high < 0) {
        continue;
      }
      MetricsRegistry::global()
          .gauge("sharpline_sink_consumer_lag",
                 "Records of a partition the Postgres sink has not consumed yet",
                 {{"topic", tp.first}, {"partition", std::to_string(tp.second)}})
          .set(static_cast<double>(std::max<int64_t>(0, high - next)));
    }
  }

  bool batch_due() const {
    return !pending.empty() && (static_cast<int>(pending.size()) >= options.batch_size ||
                                now_ms() - batch_started_ms >= options.batch_ms);
  }

  static OffsetMap next_offsets_of(const std::vector<Pending>& records) {
    OffsetMap offsets;
    for (const auto& r : records) {
      auto& next = offsets[{r.position.topic, r.position.partition}];
      next = std::max(next, r.position.offset + 1);
    }
    return offsets;
  }

  // Writes the open batch. Dead letters are flushed first (at least once: a failed batch
  // publishes them again when it is retried).
  void flush() {
    if (pending.empty()) return;
    const auto started = std::chrono::steady_clock::now();
    dead_letter_producer->flush();
    const OffsetMap offsets = next_offsets_of(pending);
    try {
      RowsByTable rows;
      for (auto& r : pending) {
        for (const auto& [table, list] : r.rows) {
          auto& target = rows[table];
          target.insert(target.end(), list.begin(), list.end());
        }
      }
      committed(writer->write(std::move(rows), offsets), offsets, pending.size(), started);
    } catch (const pqxx::broken_connection& e) {
      enter_outage(e.what());
      return;
    } catch (const pqxx::in_doubt_error& e) {
      enter_outage(e.what());  // the rewind reads what actually committed
      return;
    } catch (const pqxx::sql_error& e) {
      if (!is_record_error(e)) {
        enter_outage(e.what());  // e.g. the server shutting down: retry after a pause
        return;
      }
      log_warn("batch rejected; writing its records one by one",
               {{"error", first_line(e.what())}, {"records", pending.size()}});
      if (!flush_one_by_one()) return;
    }
    pending.clear();
  }

  // Finds the records the database rejects: each record (with its offset) in a transaction
  // of its own; a rejected one goes to the dead-letter topic. Returns false after an outage.
  bool flush_one_by_one() {
    for (auto& r : pending) {
      const auto started = std::chrono::steady_clock::now();
      OffsetMap next{{{r.position.topic, r.position.partition}, r.position.offset + 1}};
      try {
        try {
          committed(writer->write(r.rows, next), next, 1, started);
        } catch (const pqxx::sql_error& e) {
          if (!is_record_error(e)) throw;
          dead_letter(*r.message, "processing", "DatabaseError", first_line(e.what()));
          dead_letter_producer->flush();
          committed(writer->write({}, next), next, 1, started);
        }
      } catch (const pqxx::failure& e) {
        enter_outage(e.what());
        return false;
      }
    }
    return true;
  }

  void committed(const TableCounts& counts, const OffsetMap& offsets, size_t record_count,
                 std::chrono::steady_clock::time_point started) {
    commit_seconds->observe(seconds_since(started));
    batches->inc();
    records->inc(static_cast<double>(record_count));
    for (const auto& [table, n] : counts) table_counter(table).inc(static_cast<double>(n));
    // Kafka commits follow the database commit; a lost one only costs a re-read that the
    // database's offsets skip anyway.
    PartitionListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(offsets.size())));
    for (const auto& [tp, next] : offsets) {
      if (!assigned.contains(tp)) continue;
      rd_kafka_topic_partition_list_add(list.get(), tp.first.c_str(), tp.second)->offset = next;
    }
    if (list->cnt > 0) (void)rd_kafka_commit(consumer.get(), list.get(), 1);
  }

  void run(const std::function<bool()>& stop_asked) {
    // Latched: a signal-backed check answers true once only.
    bool stopping = false;
    const auto stop_requested = [&] { return stopping = stopping || stop_asked(); };
    while (!connect()) {
      if (stop_requested()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      while (now_ms() < next_attempt_ms && !stop_requested()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    db_ok = true;
    db_up->set(1);
    PartitionListPtr topics(
        rd_kafka_topic_partition_list_new(static_cast<int>(options.topics.size())));
    for (const auto& topic : options.topics) {
      rd_kafka_topic_partition_list_add(topics.get(), topic.c_str(), RD_KAFKA_PARTITION_UA);
    }
    runtime::kafka::throw_if_error(rd_kafka_subscribe(consumer.get(), topics.get()), "subscribe");
    log_info("sink started", {{"topics", options.topics},
                              {"group", options.consumer_group},
                              {"database", redact_dsn(options.dsn)},
                              {"batch_size", options.batch_size},
                              {"batch_ms", options.batch_ms}});
    running = true;
    while (!stop_requested()) {
      if (!db_ok) {
        poll_during_outage();
        continue;
      }
      MessagePtr message(rd_kafka_consumer_poll(consumer.get(), 20));
      if (message) handle(std::move(message));
      report_lag();
      if (batch_due()) {
        flush();
      } else if (pending.empty()) {
        check_database();
      }
    }
    running = false;
    if (db_ok) flush();
    rd_kafka_consumer_close(consumer.get());
    consumer.reset();
    dead_letter_producer->flush();
    log_info("sink stopped", {{"group", options.consumer_group}});
  }

  SinkOptions options;
  RecordDecoder decode;
  runtime::stream::DeadLetterEncoder encode_dead_letter;
  runtime::kafka::KafkaHandle consumer;
  std::unique_ptr<runtime::kafka::Producer> dead_letter_producer;
  std::unique_ptr<PgConnection> connection;
  std::unique_ptr<SinkWriter> writer;
  std::atomic<bool> db_ok{false};
  std::atomic<bool> running{false};  // subscribed and not stopping
  int backoff_ms = 0;
  int64_t next_attempt_ms = 0;
  std::set<TopicPartition> assigned;
  OffsetMap next_offset;  // per assigned partition: the next record the batch takes
  std::vector<Pending> pending;
  int64_t batch_started_ms = 0;
  int64_t last_check_ms = 0;
  int64_t last_lag_ms = 0;
  Counter* batches = nullptr;
  Histogram* commit_seconds = nullptr;
  Gauge* db_up = nullptr;
  Counter* dead_letters = nullptr;
  Counter* records = nullptr;
};

PostgresSink::PostgresSink(SinkOptions options, RecordDecoder decode,
                           runtime::stream::DeadLetterEncoder encode_dead_letter)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(decode),
                                   std::move(encode_dead_letter))) {
  impl_->backoff_ms = impl_->options.retry_backoff_ms;
}

PostgresSink::~PostgresSink() = default;

void PostgresSink::run(const std::function<bool()>& stop_requested) {
  impl_->run(stop_requested);
}

bool PostgresSink::ready() const {
  return impl_->db_ok.load() && impl_->running.load();
}

}  // namespace sharpline::adapters::postgres
