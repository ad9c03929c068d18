// The season replay on a slice of the real NFL 2025 season, on an embedded broker.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "adapters/sources/iso_time.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/collect_publisher.hpp"
#include "cli/replay/consumer_lag.hpp"
#include "cli/replay/season_replay.hpp"
#include "runtime/kafka/consumer.hpp"
#include "unit/collect/collect_test_support.hpp"

namespace sharpline::cli::replay {
namespace {

struct Seen {
  int32_t partition = 0;
  int64_t offset = 0;
  int64_t timestamp_ms = 0;
};

// The first `expected` records of a topic (or what arrived within 10 s).
std::vector<Seen> read_topic(BusContext& context, const std::string& topic, std::size_t expected) {
  runtime::kafka::Consumer consumer(context.bus().client_properties());
  consumer.assign_all({topic}, runtime::kafka::StartAt::kBeginning);
  std::vector<Seen> seen;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (seen.size() < expected && std::chrono::steady_clock::now() < deadline) {
    auto message = consumer.poll(100);
    if (!message) continue;
    rd_kafka_timestamp_type_t type;
    seen.push_back(
        {message->partition, message->offset, rd_kafka_message_timestamp(message.get(), &type)});
  }
  return seen;
}

int64_t ms(const char* iso) {
  return *adapters::sources::parse_iso8601_ms(iso);
}

TEST(SeasonReplayRun, PublishesASliceInEventTimeOrderWithBarriersBeforeResults) {
  SHARPLINE_REQUIRE_DATA();
  auto context = BusContext::open(Config::defaults());
  SeasonReplayOptions options;
  options.games_file = collect_test::data_dir() / "nflverse" / "games_1999_2025.csv.gz";
  options.snapshots_file = collect_test::odds_api_file(collect_test::kSeasonFile);
  // The first two days of snapshots (from 2025-09-10T05:36:59Z), with WAS@GB on Thursday
  // 2025-09-11 20:15 ET (00:15Z): its result is stamped 4 h after kickoff, and polls follow it.
  options.from_ms = ms("2025-09-10T00:00:00Z");
  options.until_ms = ms("2025-09-12T12:00:00Z");
  const int64_t result_ms = ms("2025-09-12T04:15:00Z");
  const int64_t season_start_ms = ms("2025-03-01T00:00:00Z");

  // A group that never commits: its lag is every record on the topic.
  ConsumerLag lag(context->bus().client_properties());
  struct Barrier {
    int64_t odds = 0;
    int64_t results = 0;
  };
  std::vector<Barrier> barriers;
  std::size_t steps = 0;
  SeasonReplay replay(*context, adapters::entities::EntityResolver::load(), options);
  const auto totals = replay.run(
      [&](bool barrier) {
        ++steps;
        if (barrier) {
          barriers.push_back({lag.measure("probe", {{kOddsTopic, false}}).total,
                              lag.measure("probe", {{kResultsTopic, false}}).total});
        }
      },
      [] { return false; });

  EXPECT_FALSE(totals.stopped);
  EXPECT_GT(totals.polls, 5U);
  EXPECT_GT(totals.earlier_results, 6000U);  // 1999-2024
  EXPECT_EQ(totals.results, 1U);
  EXPECT_EQ(totals.barriers, 1U);
  ASSERT_EQ(barriers.size(), 1U);
  ASSERT_TRUE(totals.first_ms && totals.last_ms);
  EXPECT_GE(*totals.first_ms, *options.from_ms);
  EXPECT_LT(*totals.last_ms, *options.until_ms);

  const std::size_t odds_count = totals.published.at(kOddsTopic);
  const std::size_t results_count = totals.published.at(kResultsTopic);
  EXPECT_EQ(results_count, totals.earlier_results + totals.results);
  EXPECT_GT(odds_count, 1000U);
  EXPECT_GT(totals.published.at(kEventsTopic), 0U);

  // Odds: non-decreasing timestamps per partition, all inside the slice.
  const auto odds = read_topic(*context, kOddsTopic, odds_count);
  ASSERT_EQ(odds.size(), odds_count);
  std::map<int32_t, int64_t> last;
  int64_t odds_before_result = 0;
  for (const auto& record : odds) {
    EXPECT_GE(record.timestamp_ms, last[record.partition]) << record.partition;
    last[record.partition] = record.timestamp_ms;
    EXPECT_GE(record.timestamp_ms, *options.from_ms);
    EXPECT_LT(record.timestamp_ms, *options.until_ms);
    if (record.timestamp_ms < result_ms) ++odds_before_result;
  }
  // At the barrier every poll up to the result was on the topic, and none after it.
  EXPECT_EQ(barriers[0].odds, odds_before_result);
  EXPECT_LT(odds_before_result, static_cast<int64_t>(odds_count));  // polls after the result

  // Results: the earlier seasons first (lower offsets than the season's, per partition), the
  // season's result after the barrier.
  const auto results = read_topic(*context, kResultsTopic, results_count);
  ASSERT_EQ(results.size(), results_count);
  std::map<int32_t, int64_t> last_earlier;
  std::map<int32_t, int64_t> first_season;
  std::size_t season_results = 0;
  for (const auto& record : results) {
    if (record.timestamp_ms < season_start_ms) {
      last_earlier[record.partition] = std::max(last_earlier[record.partition], record.offset);
    } else {
      EXPECT_EQ(record.timestamp_ms, result_ms);
      ++season_results;
      if (!first_season.contains(record.partition)) first_season[record.partition] = record.offset;
    }
  }
  EXPECT_EQ(season_results, 1U);
  for (const auto& [partition, offset] : first_season)
    EXPECT_GT(offset, last_earlier[partition]) << partition;
  EXPECT_EQ(barriers[0].results, static_cast<int64_t>(totals.earlier_results));

  // before_step: once per poll, per season record and per chunk of earlier results.
  const std::size_t chunks =
      (totals.earlier_results + options.history_chunk - 1) / options.history_chunk;
  EXPECT_EQ(steps, chunks + totals.polls + (totals.history_records - totals.earlier_results));
}

TEST(SeasonReplayRun, StopEndsTheReplayAndSpeedPacesIt) {
  SHARPLINE_REQUIRE_DATA();
  auto context = BusContext::open(Config::defaults());
  SeasonReplayOptions options;
  options.games_file = collect_test::data_dir() / "nflverse" / "games_1999_2025.csv.gz";
  options.snapshots_file = collect_test::odds_api_file(collect_test::kSeasonFile);
  options.from_ms = ms("2025-09-10T05:00:00Z");
  options.until_ms = ms("2025-09-11T00:00:00Z");
  // Snapshots about 4 h apart: 16 h of event time per second.
  options.speed = 16.0 * 3600.0;
  SeasonReplay replay(*context, adapters::entities::EntityResolver::load(), options);
  const auto start = std::chrono::steady_clock::now();
  const auto totals = replay.run([&](bool) {}, [&] { return false; });
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(totals.first_ms && totals.last_ms);
  const auto event_span = std::chrono::milliseconds(*totals.last_ms - *totals.first_ms);
  EXPECT_GE(elapsed, event_span / (16 * 3600) - std::chrono::milliseconds(50));

  // stop() is asked before every step: stop after the earlier results (one chunk) and two
  // steps of the season.
  options.speed = 0;
  options.history_chunk = 100000;
  std::size_t steps = 0;
  SeasonReplay stopped(*context, adapters::entities::EntityResolver::load(), options);
  const auto partial = stopped.run([&](bool) { ++steps; }, [&] { return steps >= 3; });
  EXPECT_TRUE(partial.stopped);
  EXPECT_EQ(steps, 3U);
  EXPECT_LE(partial.polls, 2U);
  EXPECT_GT(totals.polls, partial.polls);
  EXPECT_EQ(partial.earlier_results, totals.earlier_results);
}

// A measurement, not a check (run with --gtest_also_run_disabled_tests): the whole season with
// no backpressure. The embedded broker drops what exceeds its retention; only publishing counts.
TEST(SeasonReplayRun, DISABLED_FullSeasonPublishTime) {
  SHARPLINE_REQUIRE_DATA();
  auto context = BusContext::open(Config::defaults());
  SeasonReplayOptions options;
  options.games_file = collect_test::data_dir() / "nflverse" / "games_1999_2025.csv.gz";
  options.snapshots_file = collect_test::odds_api_file(collect_test::kSeasonFile);
  SeasonReplay replay(*context, adapters::entities::EntityResolver::load(), options);
  std::size_t steps = 0;
  const auto start = std::chrono::steady_clock::now();
  const auto totals = replay.run([&](bool) { ++steps; }, [] { return false; });
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
  std::printf(
      "full season: %.1f s, %zu steps, %zu polls, %zu barriers, %zu season results, "
      "%zu earlier results, %zu dead letters, first %lld last %lld\n",
      seconds.count(), steps, totals.polls, totals.barriers, totals.results, totals.earlier_results,
      totals.deadletter, static_cast<long long>(totals.first_ms.value_or(0)),
      static_cast<long long>(totals.last_ms.value_or(0)));
  for (const auto& [topic, count] : totals.published)
    std::printf("  %s: %zu\n", topic.c_str(), count);
}

}  // namespace
}  // namespace sharpline::cli::replay
