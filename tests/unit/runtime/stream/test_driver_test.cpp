#include "runtime/stream/test_driver.hpp"

#include <gtest/gtest.h>

#include "counting_stage.hpp"
#include "runtime/stream/processing_error.hpp"
#include "runtime/stream/topic_router.hpp"

namespace sharpline::runtime::stream {
namespace {

using testing::counting_stage;
using testing::text;
using testing::text_dead_letter;

std::vector<uint8_t> bytes(const std::string& s) {
  return {s.begin(), s.end()};
}

TEST(TestDriver, ProcessesRecordsThroughStoresAndEmits) {
  TestDriver driver(counting_stage(), 4, text_dead_letter);
  driver.pipe("test.input", "a", bytes("x"), 1000);
  driver.pipe("test.input", "b", bytes("x"), 1001);
  driver.pipe("test.input", "a", bytes("x"), 1002);
  const auto& out = driver.output("test.counts");
  ASSERT_EQ(out.size(), 3U);
  EXPECT_EQ(text(out[2].value), "a=2");
  EXPECT_EQ(out[2].timestamp_ms, 1002);
  // Changelog records go to the partition of the task that wrote them.
  const auto& changelog = driver.output("sharpline-counting-counts-changelog");
  ASSERT_EQ(changelog.size(), 3U);
  EXPECT_EQ(changelog[2].partition, driver.partition_for("a"));
  EXPECT_EQ(text(changelog[2].value), "2");
}

TEST(TestDriver, PoisonRecordsAreDeadLetteredWithoutPartialEffects) {
  TestDriver driver(counting_stage(), 1, text_dead_letter);
  driver.pipe("test.input", "a", bytes("x"), 1);
  EXPECT_EQ(driver.pipe("test.input", "a", bytes("poison"), 2), RecordOutcome::kDeadLettered);
  EXPECT_EQ(driver.pipe("test.input", "a", bytes("undecodable"), 3), RecordOutcome::kDeadLettered);
  driver.pipe("test.input", "a", bytes("x"), 4);
  // The poison records' store writes were undone: the count continues from 1.
  const auto& out = driver.output("test.counts");
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(text(out[1].value), "a=2");
  const auto& dead = driver.output(kDeadLetterTopic);
  ASSERT_EQ(dead.size(), 2U);
  EXPECT_EQ(text(dead[0].value), "validation:value says poison");
  EXPECT_EQ(dead[0].key, "a");
  auto header = [](const OutputRecord& r, const std::string& name) {
    for (const auto& h : r.headers) {
      if (h.name == name) return h.value;
    }
    return std::string("<missing>");
  };
  EXPECT_EQ(header(dead[0], "sharpline.dlq.source.topic"), "test.input");
  EXPECT_EQ(header(dead[0], "sharpline.dlq.source.offset"), "1");
  EXPECT_EQ(header(dead[0], "sharpline.dlq.stage"), "counting");
  EXPECT_EQ(header(dead[0], "sharpline.dlq.error.class"),
            "sharpline::runtime::stream::ValidationError");
  EXPECT_EQ(header(dead[1], "sharpline.dlq.error.kind"), "deserialization");
}

TEST(TestDriver, TransientErrorsPropagateForRetryWithoutSideEffects) {
  TestDriver driver(counting_stage(), 1, text_dead_letter);
  EXPECT_THROW(driver.pipe("test.input", "a", bytes("flaky"), 1), TransientError);
  EXPECT_TRUE(driver.output(kDeadLetterTopic).empty());
  EXPECT_TRUE(driver.output("test.counts").empty());
  // The retry of the same record succeeds and counts it once.
  driver.pipe("test.input", "a", bytes("flaky"), 1);
  ASSERT_EQ(driver.output("test.counts").size(), 1U);
  EXPECT_EQ(text(driver.output("test.counts")[0].value), "a=1");
}

TEST(TestDriver, FullStoreDeadLettersTheRecordThatNeededANewKey) {
  TestDriver driver(counting_stage(1), 1, text_dead_letter);
  driver.pipe("test.input", "a", bytes("x"), 1);
  EXPECT_EQ(driver.pipe("test.input", "b", bytes("x"), 2), RecordOutcome::kDeadLettered);
  EXPECT_NE(text(driver.output(kDeadLetterTopic)[0].value).find("is full"), std::string::npos);
}

TEST(TestDriver, StreamTimePunctuationFollowsEventTimeNotArrival) {
  StageDefinition stage = counting_stage();
  stage.stream_time_punctuation_ms = 100;
  TestDriver driver(stage, 1, text_dead_letter);
  driver.pipe("test.input", "a", bytes("x"), 150);
  driver.pipe("test.input", "a", bytes("x"), 120);  // late arrival: stream time stays 150
  EXPECT_TRUE(driver.output("test.ticks").empty());
  driver.pipe("test.input", "a", bytes("x"), 201);
  driver.pipe("test.input", "a", bytes("x"), 450);  // several intervals at once: one punctuation
  const auto& ticks = driver.output("test.ticks");
  ASSERT_EQ(ticks.size(), 2U);
  EXPECT_EQ(text(ticks[0].value), "tick@201");
  EXPECT_EQ(text(ticks[1].value), "tick@450");
  EXPECT_EQ(driver.task(0).stream_time(), 450);
}

TEST(TestDriver, WallClockPunctuationFollowsTheVirtualClock) {
  StageDefinition stage = counting_stage();
  stage.wall_clock_punctuation_ms = 1000;
  TestDriver driver(stage, 2, text_dead_letter, 10'000);
  driver.advance_wall_clock(999);
  EXPECT_TRUE(driver.output("test.ticks").empty());
  driver.advance_wall_clock(1);
  EXPECT_EQ(driver.output("test.ticks").size(), 2U);  // one per partition
}

TEST(TestDriver, RecordsWithoutEventTimeAreDeadLettered) {
  StageDefinition stage = counting_stage();
  stage.timestamp = [](const InputRecord&) { return int64_t{-1}; };
  TestDriver driver(stage, 1, text_dead_letter);
  EXPECT_EQ(driver.pipe("test.input", "a", bytes("x"), 5), RecordOutcome::kDeadLettered);
  EXPECT_EQ(text(driver.output(kDeadLetterTopic)[0].value), "validation:record has no event time");
}

TEST(TestDriver, PartitioningMatchesTheJavaClientsMurmur2) {
  // Hashes from Apache Kafka's UtilsTest.testMurmur2 (clients/src/test/java/org/apache/kafka/
  // common/utils/UtilsTest.java); the Java default partitioner uses (hash & 0x7fffffff) % n.
  const std::vector<std::pair<std::string, int32_t>> vectors = {
      {"21", -973932308},
      {"foobar", -790332482},
      {"a-little-bit-long-string", -985981536},
      {"a-little-bit-longer-string", -1486304829},
      {"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971},
      {"abc", 479470107}};
  for (int32_t partitions : {1, 3, 6, 7, 12}) {
    TestDriver driver(counting_stage(), partitions, text_dead_letter);
    for (const auto& [key, hash] : vectors) {
      EXPECT_EQ(driver.partition_for(key),
                static_cast<int32_t>((static_cast<uint32_t>(hash) & 0x7fffffffU) %
                                     static_cast<uint32_t>(partitions)))
          << key << " over " << partitions;
    }
  }
}

}  // namespace
}  // namespace sharpline::runtime::stream

namespace sharpline::runtime::stream {
namespace {

void emit_text(const InputRecord& raw, int64_t event_time_ms, const std::string& text,
               ProcessorContext& c) {
  c.emit({"test.counts",
          std::string(raw.key.value_or("")),
          {text.begin(), text.end()},
          event_time_ms,
          {},
          -1});
}

// "test.numbers" carries longs as text; the route emits each doubled.
void route_numbers(TopicRouter& router) {
  router.on<long>(
      "test.numbers",
      [](std::span<const uint8_t> b) { return std::stol(std::string(b.begin(), b.end())); },
      [](const TypedRecord<long>& r, ProcessorContext& c) {
        emit_text(r.raw, r.event_time_ms, "number " + std::to_string(r.value * 2), c);
      });
}

TEST(TopicRouter, DecodesPerTopicAndDeadLettersUndecodableRecords) {
  StageDefinition stage = testing::counting_stage();
  stage.inputs = {"test.numbers", "test.words"};
  stage.make_processor = [](int32_t) {
    auto router = std::make_unique<TopicRouter>();
    route_numbers(*router);
    router->on<std::string>(
        "test.words", [](std::span<const uint8_t> b) { return std::string(b.begin(), b.end()); },
        [](const TypedRecord<std::string>& r, ProcessorContext& c) {
          emit_text(r.raw, r.event_time_ms, "word " + r.value, c);
        });
    return router;
  };
  TestDriver driver(stage, 1, testing::text_dead_letter);
  driver.pipe("test.numbers", "a", bytes("21"), 1);
  driver.pipe("test.words", "a", bytes("steam"), 2);
  EXPECT_EQ(driver.pipe("test.numbers", "a", bytes("twenty"), 3), RecordOutcome::kDeadLettered);
  const auto& out = driver.output("test.counts");
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(testing::text(out[0].value), "number 42");
  EXPECT_EQ(testing::text(out[1].value), "word steam");
  EXPECT_EQ(testing::text(driver.output(kDeadLetterTopic)[0].value).rfind("deserialization:", 0),
            0U);
}

// A stage that doubles numbers, decoding text when it gets bytes.
StageDefinition doubling_stage() {
  StageDefinition stage = testing::counting_stage();
  stage.inputs = {"test.numbers"};
  stage.make_processor = [](int32_t) {
    auto router = std::make_unique<TopicRouter>();
    route_numbers(*router);
    return router;
  };
  return stage;
}

TEST(TopicRouter, ReadsValuesHandedOverInProcessWithoutDecoding) {
  TestDriver driver(doubling_stage(), 1, testing::text_dead_letter);
  EXPECT_EQ(driver.pipe_value("test.numbers", "a", InProcessValue::of(21L), 5),
            RecordOutcome::kProcessed);
  driver.pipe("test.numbers", "a", bytes("4"), 6);  // bytes still decode on the same route
  const auto& out = driver.output("test.counts");
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(testing::text(out[0].value), "number 42");
  EXPECT_EQ(out[0].timestamp_ms, 5);
  EXPECT_EQ(testing::text(out[1].value), "number 8");
}

TEST(TopicRouter, AValueOfAnotherTypeIsDeadLetteredNotMisread) {
  TestDriver driver(doubling_stage(), 1, testing::text_dead_letter);
  // An int is not the long the route reads: no bytes to decode either, so a dead letter.
  EXPECT_EQ(driver.pipe_value("test.numbers", "a", InProcessValue::of(21), 1),
            RecordOutcome::kDeadLettered);
  EXPECT_TRUE(driver.output("test.counts").empty());
  ASSERT_EQ(driver.output(kDeadLetterTopic).size(), 1U);
  EXPECT_EQ(testing::text(driver.output(kDeadLetterTopic)[0].value).rfind("deserialization:", 0),
            0U);
}

TEST(InProcessValue, AnswersOnlyForItsOwnType) {
  const auto value = InProcessValue::of(std::string("steam"));
  ASSERT_NE(value.get<std::string>(), nullptr);
  EXPECT_EQ(*value.get<std::string>(), "steam");
  EXPECT_EQ(value.get<long>(), nullptr);
  EXPECT_FALSE(InProcessValue());
  EXPECT_EQ(InProcessValue().get<std::string>(), nullptr);
}

}  // namespace
}  // namespace sharpline::runtime::stream
