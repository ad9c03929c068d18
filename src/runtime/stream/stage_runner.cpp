#include "runtime/stream/stage_runner.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>

#include "common/clock.hpp"
#include "common/logging.hpp"
#include "common/metrics.hpp"
#include "runtime/kafka/consumer.hpp"
#include "runtime/kafka/handles.hpp"
#include "runtime/stream/changelog_restorer.hpp"
#include "runtime/stream/global_table_follower.hpp"
#include "runtime/stream/kafka_records.hpp"
#include "runtime/stream/processing_error.hpp"
#include "runtime/stream/state_snapshot.hpp"
#include "runtime/stream/test_driver.hpp"

namespace sharpline::runtime::stream {
namespace {

using kafka::KafkaError;

std::string tp_name(const std::string& topic, int32_t partition) {
  return topic + "[" + std::to_string(partition) + "]";
}

}  // namespace

const char* to_string(RunnerState state) {
  switch (state) {
    case RunnerState::kStarting:
      return "starting";
    case RunnerState::kRestoring:
      return "restoring";
    case RunnerState::kRunning:
      return "running";
    case RunnerState::kRebalancing:
      return "rebalancing";
    case RunnerState::kStopping:
      return "stopping";
    case RunnerState::kStopped:
      return "stopped";
    case RunnerState::kFailed:
      return "failed";
  }
  return "unknown";
}

class StageRunner::Impl final : public TaskSink {
 public:
  Impl(StageDefinition stage, RunnerOptions options, std::atomic<RunnerState>& state)
      : stage_(std::move(stage)), options_(std::move(options)), state_(state) {
    const bool eos = options_.guarantee == ProcessingGuarantee::kExactlyOnce;
    auto& metrics = MetricsRegistry::global();
    const Labels labels = {{"stage", stage_.name}};
    commits_ = &metrics.counter("sharpline_stage_commits_total",
                                "Committed transactions or offset commits", labels);
    aborts_ = &metrics.counter("sharpline_stage_aborts_total", "Aborted transactions", labels);
    dead_letters_ = &metrics.counter("sharpline_stage_dead_letters_total",
                                     "Records sent to the dead-letter topic", labels);
    process_latency_ =
        &metrics.histogram("sharpline_stage_process_seconds", "Processing time per record",
                           latency_buckets_seconds(), labels);
    commit_latency_ =
        &metrics.histogram("sharpline_stage_commit_seconds", "Time to commit a transaction",
                           latency_buckets_seconds(), labels);
    restore_seconds_ =
        &metrics.gauge("sharpline_stage_restore_seconds", "Duration of the last restore", labels);
    restored_records_ = &metrics.counter("sharpline_stage_restored_records_total",
                                         "Changelog records applied during restore", labels);

    // Producer: transactional (EOS) or idempotent (at-least-once).
    kafka::Properties producer_props = kafka::merge(kafka::producer_defaults(), options_.kafka);
    if (eos) {
      producer_props["transactional.id"] = stage_.application_id + "-" + options_.instance_id;
      producer_props["transaction.timeout.ms"] = std::to_string(options_.transaction_timeout_ms);
    }
    kafka::ConfHandle pconf = kafka::make_conf(producer_props);
    rd_kafka_conf_set_dr_msg_cb(pconf.get(), &Impl::on_delivery);
    rd_kafka_conf_set_opaque(pconf.get(), this);
    char errstr[512];
    producer_.reset(rd_kafka_new(RD_KAFKA_PRODUCER, pconf.get(), errstr, sizeof errstr));
    if (!producer_) throw KafkaError(std::string("cannot create producer: ") + errstr);
    (void)pconf.release();
    if (eos) {
      kafka::throw_if_error(rd_kafka_init_transactions(producer_.get(), 30000),
                            "init transactions");
    }

    // Consumer in the stage's group.
    kafka::Properties consumer_props = kafka::merge(kafka::consumer_defaults(), options_.kafka);
    consumer_props["group.id"] = stage_.application_id;
    consumer_props["client.id"] = stage_.application_id + "-" + options_.instance_id;
    consumer_props["partition.assignment.strategy"] =
        options_.rebalance_protocol == "cooperative-sticky" ? "cooperative-sticky" : "range";
    consumer_ = kafka::make_consumer(consumer_props, &Impl::on_rebalance, this);

    restorer_ = std::make_unique<ChangelogRestorer>(options_.kafka);
    for (const auto& table : stage_.global_tables) {
      globals_.emplace(table, std::make_unique<InMemoryGlobalTable>());
    }
  }

  ~Impl() override {
    if (consumer_) rd_kafka_consumer_close(consumer_.get());
  }

  void run(std::atomic<bool>& stop) {
    globals_follower_ =
        std::make_unique<GlobalTableFollower>(options_.kafka, stage_.global_tables, globals_);
    globals_follower_->catch_up();
    kafka::PartitionListPtr topics(
        rd_kafka_topic_partition_list_new(static_cast<int>(stage_.inputs.size())));
    for (const auto& topic : stage_.inputs) {
      rd_kafka_topic_partition_list_add(topics.get(), topic.c_str(), RD_KAFKA_PARTITION_UA);
    }
    kafka::throw_if_error(rd_kafka_subscribe(consumer_.get(), topics.get()), "subscribe");
    log_info("stage started", {{"stage", stage_.name},
                               {"application_id", stage_.application_id},
                               {"inputs", stage_.inputs},
                               {"guarantee", options_.guarantee == ProcessingGuarantee::kExactlyOnce
                                                 ? "exactly_once"
                                                 : "at_least_once"}});
    while (!stop.load()) {
      kafka::MessagePtr message(rd_kafka_consumer_poll(consumer_.get(), 20));
      if (message) handle_message(*message);
      globals_follower_->poll();
      const int64_t now = now_ms();
      for (auto& [partition, task] : tasks_) {
        task->maybe_punctuate_wall_clock(now, *this);
        task->advance_if_idle(now, options_.idle_partition_timeout_ms, *this);
      }
      if (has_work_ && now - transaction_started_ms_ >= options_.commit_interval_ms) commit();
      if (now - last_lag_report_ms_ >= 5000) report_lag(now);
    }
    state_.store(RunnerState::kStopping);
    if (has_work_) commit();
    // Leaving the group revokes our partitions: the rebalance callback snapshots the stores.
    rd_kafka_consumer_close(consumer_.get());
    consumer_.reset();
    rd_kafka_flush(producer_.get(), 10000);
    state_.store(RunnerState::kStopped);
    log_info("stage stopped", {{"stage", stage_.name}});
  }

  // TaskSink: outputs, changelogs and dead letters of the current transaction.
  void send(OutputRecord record) override {
    ensure_transaction();
    const void* key = record.key.data();
    const size_t key_size = record.key.size();
    void* value = record.tombstone ? nullptr : record.value.data();
    const size_t value_size = value == nullptr ? 0 : record.value.size();
    rd_kafka_headers_t* headers = nullptr;
    if (!record.headers.empty()) {
      headers = rd_kafka_headers_new(record.headers.size());
      for (const auto& h : record.headers) {
        rd_kafka_header_add(headers, h.name.data(), static_cast<ssize_t>(h.name.size()),
                            h.value.data(), static_cast<ssize_t>(h.value.size()));
      }
    }
    const int32_t partition = record.partition >= 0 ? record.partition : RD_KAFKA_PARTITION_UA;
    const char* topic = record.topic.c_str();
    const int64_t timestamp = record.timestamp_ms;
    for (;;) {
      const rd_kafka_resp_err_t err = rd_kafka_producev(
          producer_.get(), RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(partition),
          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_VALUE(value, value_size),
          RD_KAFKA_V_KEY(key, key_size), RD_KAFKA_V_TIMESTAMP(timestamp),
          RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_END);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        if (headers != nullptr) rd_kafka_headers_destroy(headers);
        throw KafkaError("produce to " + record.topic + ": " + rd_kafka_err2str(err), err);
      }
      rd_kafka_poll(producer_.get(), 10);
    }
    if (record.topic == kDeadLetterTopic) dead_letters_->inc();
    ++pending_out_[record.topic];
    MetricsRegistry::global()
        .counter("sharpline_stage_records_out_total", "Records produced",
                 {{"stage", stage_.name}, {"topic", record.topic}})
        .inc();
  }

 private:
  bool exactly_once() const { return options_.guarantee == ProcessingGuarantee::kExactlyOnce; }

  void ensure_transaction() {
    if (has_work_) return;
    if (exactly_once()) {
      kafka::throw_if_error(rd_kafka_begin_transaction(producer_.get()), "begin transaction");
    }
    has_work_ = true;
    transaction_started_ms_ = now_ms();
  }

  void handle_message(const rd_kafka_message_t& message) {
    if (message.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (message.err == RD_KAFKA_RESP_ERR__PARTITION_EOF) return;
      log_warn("consumer error",
               {{"stage", stage_.name}, {"error", rd_kafka_message_errstr(&message)}});
      if (message.err == RD_KAFKA_RESP_ERR__FATAL)
        throw KafkaError("fatal consumer error", message.err);
      return;
    }
    auto it = tasks_.find(message.partition);
    if (it == tasks_.end()) return;  // a record fetched before a revocation completed
    const std::string topic = rd_kafka_topic_name(message.rkt);
    MetricsRegistry::global()
        .counter("sharpline_stage_records_in_total", "Records consumed",
                 {{"stage", stage_.name}, {"topic", topic}})
        .inc();
    const InputRecord record = input_record_of(message, header_scratch_);
    int64_t backoff = options_.retry_backoff_ms;
    for (;;) {
      const auto started = std::chrono::steady_clock::now();
      try {
        ensure_transaction();
        rewind_to_.try_emplace({topic, message.partition}, message.offset);
        if (it->second->process(record, now_ms(), *this) == RecordOutcome::kDeadLettered) {
          log_warn(
              "record dead-lettered",
              {{"stage", stage_.name},
               {"event_id", record.key ? nlohmann::json(*record.key) : nlohmann::json()},
               {"record", tp_name(topic, message.partition) + "@" + std::to_string(message.offset)},
               {"error", it->second->last_dead_letter_reason()}});
        }
        process_latency_->observe(seconds_since(started));
        break;
      } catch (const TransientError& e) {
        // Not the record's fault: the same record again after a pause, never a dead letter.
        log_warn(
            "transient failure, retrying",
            {{"stage", stage_.name},
             {"event_id", record.key ? nlohmann::json(*record.key) : nlohmann::json()},
             {"record", tp_name(topic, message.partition) + "@" + std::to_string(message.offset)},
             {"error", e.what()},
             {"backoff_ms", backoff}});
        std::this_thread::sleep_for(std::chrono::milliseconds(backoff));
        backoff = std::min(backoff * 2, options_.retry_backoff_max_ms);
        if (stop_requested_()) return;
      }
    }
    next_offsets_[{topic, message.partition}] = message.offset + 1;
    ++pending_in_[topic];
  }

  // Commits the open transaction (EOS) or flushes and commits offsets (at-least-once).
  void commit() {
    const auto started = std::chrono::steady_clock::now();
    try {
      for (auto& [partition, task] : tasks_) task->flush_changelogs(*this);
      kafka::PartitionListPtr offsets(
          rd_kafka_topic_partition_list_new(static_cast<int>(next_offsets_.size())));
      for (const auto& [tp, offset] : next_offsets_) {
        rd_kafka_topic_partition_list_add(offsets.get(), tp.first.c_str(), tp.second)->offset =
            offset;
      }
      if (exactly_once()) {
        if (offsets->cnt > 0) {
          kafka::GroupMetadataPtr group(rd_kafka_consumer_group_metadata(consumer_.get()));
          kafka::throw_if_error(rd_kafka_send_offsets_to_transaction(producer_.get(), offsets.get(),
                                                                     group.get(), 30000),
                                "send offsets to transaction");
        }
        kafka::throw_if_error(rd_kafka_commit_transaction(producer_.get(), 30000),
                              "commit transaction");
        if (options_.mirror_offset_commits && offsets->cnt > 0) {
          rd_kafka_poll(producer_.get(), 0);  // serve delivery reports: changelog end offsets
          attach_changelog_bounds(offsets.get());
          mirror_commit(offsets.get());
        }
      } else {
        kafka::throw_if_error(rd_kafka_flush(producer_.get(), 30000), "flush before offset commit");
        if (offsets->cnt > 0)
          kafka::throw_if_error(rd_kafka_commit(consumer_.get(), offsets.get(), 0),
                                "commit offsets");
      }
    } catch (const KafkaError& e) {
      abort_and_rewind(e);
      return;
    }
    for (auto& [partition, task] : tasks_) task->commit();
    for (const auto& [tp, offset] : next_offsets_) committed_[tp] = offset;
    {
      const std::lock_guard lock(stats_mutex_);
      for (const auto& [topic, n] : pending_in_) stats_.consumed[topic] += n;
      for (const auto& [topic, n] : pending_out_) stats_.produced[topic] += n;
      ++stats_.commits;
    }
    pending_in_.clear();
    pending_out_.clear();
    next_offsets_.clear();
    rewind_to_.clear();
    has_work_ = false;
    commits_->inc();
    commit_latency_->observe(seconds_since(started));
  }

  // The embedded broker does not keep offsets sent to a transaction, so the mirrored commit is
  // what a restart or a rebalance resumes from. The transaction is committed already: a failed
  // mirror (the broker briefly away) is retried until it lands, never skipped, or a rebalance
  // would resume from the previous commit with this commit's state and count records twice.
  void mirror_commit(const rd_kafka_topic_partition_list_t* offsets) {
    int64_t backoff = options_.retry_backoff_ms;
    for (int attempt = 1;; ++attempt) {
      const auto err = rd_kafka_commit(consumer_.get(), offsets, 0);
      if (!err) return;
      log_warn("mirrored offset commit failed, retrying", {{"stage", stage_.name},
                                                           {"error", rd_kafka_err2str(err)},
                                                           {"attempt", attempt},
                                                           {"backoff_ms", backoff}});
      if (stop_requested_()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(backoff));
      backoff = std::min(backoff * 2, options_.retry_backoff_max_ms);
    }
  }

  void abort_and_rewind(const KafkaError& cause) {
    aborts_->inc();
    log_warn("transaction failed; aborting and rewinding",
             {{"stage", stage_.name}, {"error", cause.what()}});
    if (exactly_once()) {
      rd_kafka_error_t* error = rd_kafka_abort_transaction(producer_.get(), 30000);
      if (error != nullptr) {
        const bool fatal = rd_kafka_error_is_fatal(error);
        const std::string text = rd_kafka_error_string(error);
        rd_kafka_error_destroy(error);
        if (fatal) {
          state_.store(RunnerState::kFailed);
          throw KafkaError("fatal producer error (fenced by a newer instance?): " + text);
        }
      }
    }
    for (auto& [partition, task] : tasks_) task->rollback();
    pending_in_.clear();
    pending_out_.clear();
    // Every record of the aborted transaction is read and processed again.
    kafka::PartitionListPtr seek(
        rd_kafka_topic_partition_list_new(static_cast<int>(rewind_to_.size())));
    for (const auto& [tp, offset] : rewind_to_) {
      if (tasks_.contains(tp.second))
        rd_kafka_topic_partition_list_add(seek.get(), tp.first.c_str(), tp.second)->offset = offset;
    }
    if (seek->cnt > 0) {
      if (rd_kafka_error_t* error = rd_kafka_seek_partitions(consumer_.get(), seek.get(), 10000)) {
        rd_kafka_error_destroy(error);
      }
    }
    next_offsets_.clear();
    rewind_to_.clear();
    has_work_ = false;
  }

  static void on_rebalance(rd_kafka_t* consumer, rd_kafka_resp_err_t err,
                           rd_kafka_topic_partition_list_t* partitions, void* opaque) {
    auto* self = static_cast<Impl*>(opaque);
    // NULL when the consumer has no group state (e.g. a revoke while it is being torn down).
    const char* protocol = rd_kafka_rebalance_protocol(consumer);
    const bool cooperative = protocol != nullptr && std::string_view(protocol) == "COOPERATIVE";
    try {
      if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        self->on_assigned(partitions);
        if (cooperative) {
          if (auto* e = rd_kafka_incremental_assign(consumer, partitions))
            rd_kafka_error_destroy(e);
        } else {
          rd_kafka_assign(consumer, partitions);
        }
      } else {
        self->on_revoked(partitions);
        if (cooperative) {
          if (auto* e = rd_kafka_incremental_unassign(consumer, partitions))
            rd_kafka_error_destroy(e);
        } else {
          rd_kafka_assign(consumer, nullptr);
        }
      }
    } catch (const std::exception& e) {
      log_error("rebalance failed", {{"stage", self->stage_.name}, {"error", e.what()}});
      self->state_.store(RunnerState::kFailed);
      if (cooperative) {
        if (auto* x = rd_kafka_incremental_unassign(consumer, partitions))
          rd_kafka_error_destroy(x);
      } else {
        rd_kafka_assign(consumer, nullptr);
      }
    }
  }

  std::set<int32_t> task_partitions(const rd_kafka_topic_partition_list_t* partitions) const {
    std::set<int32_t> ids;
    for (int i = 0; i < partitions->cnt; ++i) ids.insert(partitions->elems[i].partition);
    return ids;
  }

  void on_assigned(rd_kafka_topic_partition_list_t* partitions) {
    state_.store(RunnerState::kRestoring);
    const auto started = std::chrono::steady_clock::now();
    uint64_t restored = 0;
    if (options_.mirror_offset_commits) load_changelog_bounds(partitions);
    for (int32_t p : task_partitions(partitions)) {
      if (tasks_.contains(p)) continue;
      auto task = std::make_unique<StreamTask>(stage_, p, globals_, options_.dead_letter_encoder);
      for (StateStore* store : task->stores()) restored += restore(*store, p);
      task->init(now_ms());
      tasks_.emplace(p, std::move(task));
    }
    restore_seconds_->set(seconds_since(started));
    restored_records_->inc(static_cast<double>(restored));
    log_info("partitions assigned", {{"stage", stage_.name},
                                     {"partitions", task_partitions(partitions)},
                                     {"restored_records", restored},
                                     {"restore_seconds", seconds_since(started)}});
    state_.store(RunnerState::kRunning);
  }

  // On a broker that shows uncommitted records to read_committed consumers (the embedded
  // one), a changelog may hold writes of a transaction that never committed. The mirrored offset
  // commit therefore carries, per input partition, where each changelog of that task ended when
  // the transaction committed ("<changelog topic>=<offset>;..."), and restore stops there.
  static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR || message->offset < 0) return;
    auto* self = static_cast<Impl*>(opaque);
    const std::string topic = rd_kafka_topic_name(message->rkt);
    if (!topic.ends_with("-changelog")) return;
    int64_t& end = self->changelog_end_[{topic, message->partition}];
    end = std::max(end, message->offset + 1);
  }

  void attach_changelog_bounds(rd_kafka_topic_partition_list_t* offsets) {
    for (int i = 0; i < offsets->cnt; ++i) {
      auto& tp = offsets->elems[i];
      std::string bounds;
      for (const auto& definition : stage_.stores) {
        const std::string topic = stage_.changelog_topic(definition.name);
        auto it = changelog_end_.find({topic, tp.partition});
        if (it == changelog_end_.end()) continue;
        bounds += topic + "=" + std::to_string(it->second) + ";";
      }
      if (bounds.empty()) continue;
      // The list owns its metadata and frees it with free(): it must come from malloc. The
      // metadata is bytes with a size, not a C string, so no terminator is copied.
      // NOLINTNEXTLINE(cppcoreguidelines-no-malloc,cppcoreguidelines-owning-memory)
      void* copy = std::malloc(bounds.size());
      if (copy == nullptr) continue;
      // NOLINTNEXTLINE(bugprone-not-null-terminated-result)
      std::memcpy(copy, bounds.data(), bounds.size());
      // NOLINTNEXTLINE(cppcoreguidelines-no-malloc,cppcoreguidelines-owning-memory)
      std::free(tp.metadata);
      tp.metadata = copy;
      tp.metadata_size = bounds.size();
    }
  }

  // The changelog ends recorded with the committed offsets of the given input partitions.
  void load_changelog_bounds(const rd_kafka_topic_partition_list_t* partitions) {
    kafka::PartitionListPtr committed(rd_kafka_topic_partition_list_copy(partitions));
    if (rd_kafka_committed(consumer_.get(), committed.get(), 10000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return;
    }
    for (int i = 0; i < committed->cnt; ++i) {
      const auto& tp = committed->elems[i];
      if (tp.metadata == nullptr || tp.metadata_size == 0) continue;
      const std::string text(static_cast<const char*>(tp.metadata), tp.metadata_size);
      std::size_t start = 0;
      while (start < text.size()) {
        const auto end = text.find(';', start);
        const std::string item = text.substr(start, end - start);
        const auto eq = item.rfind('=');
        if (eq != std::string::npos) {
          const std::string topic = item.substr(0, eq);
          const int64_t offset = std::stoll(item.substr(eq + 1));
          int64_t& known = changelog_end_[{topic, tp.partition}];
          known = std::max(known, offset);
        }
        if (end == std::string::npos) break;
        start = end + 1;
      }
    }
  }

  uint64_t restore(StateStore& store, int32_t partition) {
    const std::string topic = stage_.changelog_topic(store.name());
    int64_t from = RD_KAFKA_OFFSET_BEGINNING;
    if (!options_.state_dir.empty()) {
      if (auto offset = load_snapshot(
              snapshot_path(options_.state_dir, stage_.application_id, store.name(), partition),
              store)) {
        from = *offset;
      }
    }
    std::optional<int64_t> until;
    if (options_.mirror_offset_commits) {
      auto it = changelog_end_.find({topic, partition});
      if (it != changelog_end_.end()) until = it->second;
    }
    const uint64_t applied = restorer_->restore(topic, partition, from, store, until);
    log_info("store restored", {{"stage", stage_.name},
                                {"store", store.name()},
                                {"partition", partition},
                                {"from_snapshot", from != RD_KAFKA_OFFSET_BEGINNING},
                                {"records", applied},
                                {"entries", store.size()}});
    return applied;
  }

  void on_revoked(rd_kafka_topic_partition_list_t* partitions) {
    if (state_.load() != RunnerState::kStopping) state_.store(RunnerState::kRebalancing);
    // Finish the open transaction first: its offsets must be committed by this generation.
    if (has_work_) commit();
    for (int32_t p : task_partitions(partitions)) {
      auto it = tasks_.find(p);
      if (it == tasks_.end()) continue;
      if (!options_.state_dir.empty() && !has_work_) {
        for (StateStore* store : it->second->stores()) {
          const int64_t end = restorer_->end_offset(stage_.changelog_topic(store->name()), p);
          write_snapshot(snapshot_path(options_.state_dir, stage_.application_id, store->name(), p),
                         *store, end);
        }
      }
      tasks_.erase(it);
      for (auto offsets = committed_.begin(); offsets != committed_.end();) {
        offsets = offsets->first.second == p ? committed_.erase(offsets) : std::next(offsets);
      }
    }
    log_info("partitions revoked",
             {{"stage", stage_.name}, {"partitions", task_partitions(partitions)}});
  }

  // Consumer lag per assigned partition from the watermarks of the latest fetch responses (no
  // extra requests): high watermark minus the next offset to consume.
  void report_lag(int64_t now) {
    last_lag_report_ms_ = now;
    rd_kafka_topic_partition_list_t* raw = nullptr;
    if (rd_kafka_assignment(consumer_.get(), &raw) != RD_KAFKA_RESP_ERR_NO_ERROR) return;
    kafka::PartitionListPtr assignment(raw);
    rd_kafka_position(consumer_.get(), assignment.get());
    for (int i = 0; i < assignment->cnt; ++i) {
      const auto& tp = assignment->elems[i];
      int64_t low = 0;
      int64_t high = 0;
      if (rd_kafka_get_watermark_offsets(consumer_.get(), tp.topic, tp.partition, &low, &high) !=
              RD_KAFKA_RESP_ERR_NO_ERROR ||
          high < 0) {
        continue;  // no fetch response for this partition yet
      }
      // No position yet: nothing consumed from this partition since the assignment, so
      // everything from the log start is still to come (0 for an empty partition).
      const int64_t next = tp.offset >= 0 ? tp.offset : std::max<int64_t>(0, low);
      MetricsRegistry::global()
          .gauge("sharpline_stage_consumer_lag", "Records not yet consumed, per input partition",
                 {{"stage", stage_.name},
                  {"topic", tp.topic},
                  {"partition", std::to_string(tp.partition)}})
          .set(static_cast<double>(std::max<int64_t>(0, high - next)));
    }
  }

 public:
  std::function<bool()> stop_requested_ = [] { return false; };

 private:
  StageDefinition stage_;
  RunnerOptions options_;
  std::atomic<RunnerState>& state_;
  kafka::KafkaHandle producer_;
  kafka::KafkaHandle consumer_;
  std::unique_ptr<ChangelogRestorer> restorer_;
  GlobalTables globals_;
  std::unique_ptr<GlobalTableFollower> globals_follower_;
  std::map<std::pair<std::string, int32_t>, int64_t> changelog_end_;
  int64_t last_lag_report_ms_ = 0;
  std::map<int32_t, std::unique_ptr<StreamTask>> tasks_;
  std::map<std::pair<std::string, int32_t>, int64_t> next_offsets_;
  std::map<std::pair<std::string, int32_t>, int64_t> committed_;
  // Records of the open transaction per topic; added to stats_ when it commits.
  std::map<std::string, uint64_t> pending_in_;
  std::map<std::string, uint64_t> pending_out_;
  mutable std::mutex stats_mutex_;
  StageStats stats_;

 public:
  StageStats stats() const {
    const std::lock_guard lock(stats_mutex_);
    return stats_;
  }

 private:
  std::map<std::pair<std::string, int32_t>, int64_t> rewind_to_{};
  std::vector<RecordHeader> header_scratch_;
  bool has_work_ = false;
  int64_t transaction_started_ms_ = 0;
  Counter* commits_ = nullptr;
  Counter* aborts_ = nullptr;
  Counter* dead_letters_ = nullptr;
  Histogram* process_latency_ = nullptr;
  Histogram* commit_latency_ = nullptr;
  Gauge* restore_seconds_ = nullptr;
  Counter* restored_records_ = nullptr;
};

StageRunner::StageRunner(StageDefinition stage, RunnerOptions options)
    : impl_(std::make_unique<Impl>(std::move(stage), std::move(options), state_)) {
  impl_->stop_requested_ = [this] { return stop_.load(); };
}

StageRunner::~StageRunner() = default;

StageStats StageRunner::stats() const {
  return impl_->stats();
}

void StageRunner::run() {
  try {
    impl_->run(stop_);
  } catch (...) {
    state_.store(RunnerState::kFailed);
    throw;
  }
}

}  // namespace sharpline::runtime::stream
