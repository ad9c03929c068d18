// The Kafka runtime against the embedded broker, in-process: exactly-once processing, restore
// from the changelog on restart, dead letters, and survival of injected broker faults.
#include "runtime/stream/stage_runner.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "common/metrics.hpp"
#include "counting_stage.hpp"
#include "runtime/kafka/consumer.hpp"
#include "runtime/kafka/embedded_broker.hpp"
#include "runtime/kafka/producer.hpp"

namespace sharpline::runtime::stream {
namespace {

using namespace std::chrono_literals;

class StageRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    broker_ = std::make_unique<kafka::EmbeddedBroker>(1);
    for (const char* topic : {"test.input", "test.counts", "test.ticks",
                              "sharpline-counting-counts-changelog", kDeadLetterTopic}) {
      broker_->create_topic(topic, 4, 1);
    }
    state_dir_ =
        std::filesystem::temp_directory_path() / ("sharpline-runner-" + std::to_string(::getpid()));
    std::filesystem::remove_all(state_dir_);
  }
  void TearDown() override { std::filesystem::remove_all(state_dir_); }

  RunnerOptions options(const std::string& instance) {
    RunnerOptions o;
    o.kafka = {{"bootstrap.servers", broker_->bootstrap()}};
    o.instance_id = instance;
    o.commit_interval_ms = 50;
    o.state_dir = state_dir_.string();
    o.dead_letter_encoder = testing::text_dead_letter;
    o.mirror_offset_commits = true;  // the embedded broker does not store transactional offsets
    return o;
  }

  void produce(const std::vector<std::pair<std::string, std::string>>& records) {
    kafka::Producer producer({{"bootstrap.servers", broker_->bootstrap()}});
    for (const auto& [key, value] : records) {
      kafka::OutgoingRecord r;
      r.topic = "test.input";
      r.key = key;
      r.value = std::span(reinterpret_cast<const uint8_t*>(value.data()), value.size());
      producer.send(r);
    }
    producer.flush();
  }

  std::vector<std::string> read_all(const std::string& topic, std::size_t expected,
                                    std::chrono::milliseconds timeout = 20s) {
    kafka::Consumer consumer({{"bootstrap.servers", broker_->bootstrap()}});
    consumer.assign_all({topic}, kafka::StartAt::kBeginning);
    std::vector<std::string> values;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (values.size() < expected && std::chrono::steady_clock::now() < deadline) {
      auto m = consumer.poll(100);
      if (m) values.emplace_back(static_cast<const char*>(m->payload), m->len);
    }
    // Anything beyond the expected count would be a duplicate: give it a moment to show up.
    for (int i = 0; i < 5; ++i) {
      auto m = consumer.poll(100);
      if (m) values.emplace_back(static_cast<const char*>(m->payload), m->len);
    }
    return values;
  }

  // Runs a runner on a thread until `until` holds (or times out), then stops it cleanly.
  void run_until(StageRunner& runner, const std::function<bool()>& until,
                 std::chrono::seconds timeout = 30s) {
    std::exception_ptr failure;
    std::thread thread([&] {
      try {
        runner.run();
      } catch (...) {
        failure = std::current_exception();
      }
    });
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!until() && std::chrono::steady_clock::now() < deadline &&
           runner.state() != RunnerState::kFailed) {
      std::this_thread::sleep_for(100ms);
    }
    runner.stop();
    thread.join();
    if (failure) std::rethrow_exception(failure);
  }

  std::unique_ptr<kafka::EmbeddedBroker> broker_;
  std::filesystem::path state_dir_;
};

TEST_F(StageRunnerTest, ProcessesExactlyOnceRestoresOnRestartAndDeadLettersPoison) {
  produce({{"a", "x"}, {"b", "x"}, {"a", "x"}, {"c", "poison"}, {"a", "x"}});
  {
    StageRunner runner(testing::counting_stage(), options("one"));
    run_until(runner, [&] { return read_all("test.counts", 4, 200ms).size() >= 4; });
    EXPECT_EQ(runner.state(), RunnerState::kStopped);
  }
  auto counts = read_all("test.counts", 4);
  std::sort(counts.begin(), counts.end());
  EXPECT_EQ(counts, (std::vector<std::string>{"a=1", "a=2", "a=3", "b=1"}));
  const auto dead = read_all(kDeadLetterTopic, 1);
  ASSERT_EQ(dead.size(), 1U);
  EXPECT_EQ(dead[0], "validation:value says poison");

  // A restart continues from the committed offsets with the state restored: no reprocessing,
  // and the counts go on from where they were. The snapshot is used and then removed.
  produce({{"a", "x"}, {"b", "x"}});
  {
    StageRunner runner(testing::counting_stage(), options("one"));
    run_until(runner, [&] { return read_all("test.counts", 6, 200ms).size() >= 6; });
  }
  counts = read_all("test.counts", 6);
  std::sort(counts.begin(), counts.end());
  EXPECT_EQ(counts, (std::vector<std::string>{"a=1", "a=2", "a=3", "a=4", "b=1", "b=2"}));
}

TEST_F(StageRunnerTest, RestoresFromTheChangelogAloneWhenTheLocalStateIsGone) {
  produce({{"k", "x"}, {"k", "x"}});
  {
    StageRunner runner(testing::counting_stage(), options("one"));
    run_until(runner, [&] { return read_all("test.counts", 2, 200ms).size() >= 2; });
  }
  std::filesystem::remove_all(state_dir_);  // a new machine: only the changelog is left
  produce({{"k", "x"}});
  {
    StageRunner runner(testing::counting_stage(), options("two"));
    run_until(runner, [&] { return read_all("test.counts", 3, 200ms).size() >= 3; });
  }
  auto counts = read_all("test.counts", 3);
  std::sort(counts.begin(), counts.end());
  EXPECT_EQ(counts, (std::vector<std::string>{"k=1", "k=2", "k=3"}));
}

}  // namespace
}  // namespace sharpline::runtime::stream

namespace sharpline::runtime::stream {
namespace {

// Distinct output values and the largest count per key: what a real broker's read_committed
// view determines (the embedded broker also shows aborted duplicates, identical by design).
std::map<std::string, long> final_counts(const std::vector<std::string>& values) {
  std::map<std::string, long> final;
  for (const auto& v : values) {
    const auto eq = v.find('=');
    auto& slot = final[v.substr(0, eq)];
    slot = std::max(slot, std::stol(v.substr(eq + 1)));
  }
  return final;
}

class StageRunnerFaultTest : public StageRunnerTest {};

TEST_F(StageRunnerFaultTest, SurvivesRequestErrorsAndAbortsWithoutLosingOrDoubleCounting) {
  std::vector<std::pair<std::string, std::string>> batch;
  for (int i = 0; i < 60; ++i) batch.emplace_back("k" + std::to_string(i % 5), "x");
  produce(batch);
  // Injected before the runner starts, so the runner's own requests meet them: retriable
  // coordinator errors on commit, and a produce error librdkafka does not retry, which fails
  // the transaction; it must be aborted and replayed.
  broker_->push_request_errors(26 /* EndTxn */, {RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
                                                 RD_KAFKA_RESP_ERR_NOT_COORDINATOR});
  broker_->push_request_errors(0 /* Produce */, {RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE});
  broker_->push_request_errors(28 /* TxnOffsetCommit */,
                               {RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS});
  std::set<std::string> distinct;
  StageRunner runner(testing::counting_stage(), options("faulty"));
  run_until(
      runner,
      [&] {
        const auto values = read_all("test.counts", 60, 300ms);
        distinct = {values.begin(), values.end()};
        return distinct.size() >= 60;
      },
      60s);
  ASSERT_EQ(distinct.size(), 60U);
  const auto final = final_counts({distinct.begin(), distinct.end()});
  for (int k = 0; k < 5; ++k) EXPECT_EQ(final.at("k" + std::to_string(k)), 12) << k;
  EXPECT_GE(MetricsRegistry::global()
                .counter("sharpline_stage_aborts_total", "", {{"stage", "counting"}})
                .value(),
            1.0);
}

TEST_F(StageRunnerFaultTest, RidesOutABrokerOutage) {
  produce({{"a", "x"}, {"b", "x"}});
  std::set<std::string> distinct;
  bool outage_done = false;
  StageRunner runner(testing::counting_stage(), options("outage"));
  run_until(
      runner,
      [&] {
        const auto values = read_all("test.counts", 4, 300ms);
        distinct = {values.begin(), values.end()};
        if (!outage_done && distinct.size() >= 2) {
          // Records arrive, then the broker goes away for two seconds mid-processing.
          produce({{"a", "x"}, {"b", "x"}});
          broker_->set_broker_down(1, true);
          std::this_thread::sleep_for(2s);
          broker_->set_broker_down(1, false);
          outage_done = true;
        }
        return distinct.size() >= 4;
      },
      60s);
  EXPECT_TRUE(outage_done);
  EXPECT_EQ(distinct, (std::set<std::string>{"a=1", "a=2", "b=1", "b=2"}));
  EXPECT_NE(runner.state(), RunnerState::kFailed);
}

TEST_F(StageRunnerFaultTest, AtLeastOnceModeCommitsOffsetsAfterOutputs) {
  produce({{"a", "x"}, {"a", "x"}, {"b", "x"}});
  RunnerOptions o = options("alo");
  o.guarantee = ProcessingGuarantee::kAtLeastOnce;
  {
    StageRunner runner(testing::counting_stage(), o);
    run_until(runner, [&] { return read_all("test.counts", 3, 200ms).size() >= 3; });
  }
  produce({{"a", "x"}});
  {
    StageRunner runner(testing::counting_stage(), o);
    run_until(runner, [&] { return read_all("test.counts", 4, 200ms).size() >= 4; });
  }
  auto counts = read_all("test.counts", 4);
  std::sort(counts.begin(), counts.end());
  EXPECT_EQ(counts, (std::vector<std::string>{"a=1", "a=2", "a=3", "b=1"}));
}

}  // namespace
}  // namespace sharpline::runtime::stream

namespace sharpline::runtime::stream {
namespace {

// Emits "<key>:<rating>" from the global table test.ratings for every input record.
class RatingLookup final : public Processor {
 public:
  void process(const InputRecord& record, ProcessorContext& context) override {
    const std::string key(record.key.value_or(""));
    const std::string* rating = context.global_table("test.ratings").get(key);
    const std::string text = key + ":" + (rating != nullptr ? *rating : "none");
    context.emit({"test.counts", key, {text.begin(), text.end()}, context.event_time(), {}, -1});
  }
};

TEST_F(StageRunnerTest, GlobalTablesAreLoadedBeforeProcessingAndFollowedLive) {
  broker_->create_topic("test.ratings", 2, 1);
  auto publish_rating = [&](const std::string& team, const std::string& rating) {
    kafka::Producer producer({{"bootstrap.servers", broker_->bootstrap()}});
    kafka::OutgoingRecord r;
    r.topic = "test.ratings";
    r.key = team;
    r.value = std::span(reinterpret_cast<const uint8_t*>(rating.data()), rating.size());
    producer.send(r);
    producer.flush();
  };
  publish_rating("a", "1500");
  produce({{"a", "x"}, {"b", "x"}});
  StageDefinition stage = testing::counting_stage();
  stage.stores.clear();
  stage.global_tables = {"test.ratings"};
  stage.make_processor = [](int32_t) { return std::make_unique<RatingLookup>(); };
  bool updated = false;
  std::set<std::string> seen;
  StageRunner runner(stage, options("globals"));
  run_until(runner, [&] {
    const auto values = read_all("test.counts", 3, 300ms);
    seen = {values.begin(), values.end()};
    if (!updated && seen.size() >= 2) {
      publish_rating("a", "1512.5");
      std::this_thread::sleep_for(1500ms);  // the follower polls every loop iteration
      produce({{"a", "x"}});
      updated = true;
    }
    return seen.size() >= 3;
  });
  EXPECT_EQ(seen, (std::set<std::string>{"a:1500", "b:none", "a:1512.5"}));
}

}  // namespace
}  // namespace sharpline::runtime::stream

namespace sharpline::runtime::stream {
namespace {

// On the embedded broker, read_committed consumers also see writes of transactions that never
// committed (a crash between the changelog flush and the commit). Restore must stop where the
// last committed transaction left the changelog, which the mirrored offset commit records.
TEST_F(StageRunnerTest, RestoreIgnoresChangelogWritesBeyondTheLastCommit) {
  produce({{"a", "x"}, {"a", "x"}});
  {
    StageRunner runner(testing::counting_stage(), options("one"));
    run_until(runner, [&] { return read_all("test.counts", 2, 200ms).size() >= 2; });
  }
  {
    // What an uncommitted transaction leaves behind: a changelog write for key "a", in the
    // partition of the task that owns "a" (same key, same murmur2 partitioner).
    kafka::Producer producer({{"bootstrap.servers", broker_->bootstrap()}});
    const std::string junk = "100";
    kafka::OutgoingRecord record;
    record.topic = "sharpline-counting-counts-changelog";
    record.key = "a";
    record.value = std::span(reinterpret_cast<const uint8_t*>(junk.data()), junk.size());
    producer.send(record);
    producer.flush();
  }
  std::filesystem::remove_all(state_dir_);  // restore from the changelog, not a snapshot
  produce({{"a", "x"}});
  {
    StageRunner runner(testing::counting_stage(), options("two"));
    run_until(runner, [&] { return read_all("test.counts", 3, 200ms).size() >= 3; });
  }
  auto counts = read_all("test.counts", 3);
  std::sort(counts.begin(), counts.end());
  EXPECT_EQ(counts, (std::vector<std::string>{"a=1", "a=2", "a=3"}));
}

}  // namespace
}  // namespace sharpline::runtime::stream
