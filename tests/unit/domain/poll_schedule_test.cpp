#include "domain/collect/poll_schedule.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sharpline::domain::collect {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

constexpr int64_t kStart = 1'786'000'000'000;  // any epoch ms
constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;

SportPollInterval sport(std::string key, minutes interval = minutes(10),
                        minutes near = minutes(2)) {
  return {std::move(key), interval, near};
}

TEST(PollSchedule, EverySportIsDueAtStartInListOrder) {
  PollSchedule schedule({sport("baseball_mlb"), sport("americanfootball_nfl")}, kStart);
  auto due = schedule.next_due();
  EXPECT_EQ(due.sport, "baseball_mlb");
  EXPECT_EQ(due.at_ms, kStart);
  schedule.record_poll("baseball_mlb", kStart);
  due = schedule.next_due();
  EXPECT_EQ(due.sport, "americanfootball_nfl");
  EXPECT_EQ(due.at_ms, kStart);
}

TEST(PollSchedule, WithoutUpcomingEventsASportWaitsItsBaseInterval) {
  PollSchedule schedule({sport("baseball_mlb", minutes(10))}, kStart);
  schedule.record_poll("baseball_mlb", kStart);
  EXPECT_EQ(schedule.next_due().at_ms, kStart + 10 * kMinute);
  // Events far away (beyond the 3 h window, opening after the base interval) change nothing.
  schedule.set_commence_times("baseball_mlb", {kStart + 5 * kHour});
  EXPECT_EQ(schedule.schedule_due("baseball_mlb"), kStart + 10 * kMinute);
  EXPECT_FALSE(schedule.is_near("baseball_mlb", kStart));
}

TEST(PollSchedule, AnEventStartingWithinThreeHoursUsesTheNearInterval) {
  PollSchedule schedule({sport("baseball_mlb", minutes(10), minutes(2))}, kStart);
  schedule.set_commence_times("baseball_mlb", {kStart + 3 * kHour});  // window edge included
  schedule.record_poll("baseball_mlb", kStart);
  EXPECT_TRUE(schedule.is_near("baseball_mlb", kStart));
  EXPECT_EQ(schedule.next_due().at_ms, kStart + 2 * kMinute);
}

TEST(PollSchedule, SpeedsUpWhenTheWindowOpensBetweenBasePolls) {
  PollSchedule schedule({sport("baseball_mlb", minutes(60), minutes(2))}, kStart);
  // The window of a 3 h 20 min start opens 20 min after the poll, before the base hour ends.
  schedule.set_commence_times("baseball_mlb", {kStart + 3 * kHour + 20 * kMinute});
  schedule.record_poll("baseball_mlb", kStart);
  EXPECT_FALSE(schedule.is_near("baseball_mlb", kStart));
  EXPECT_EQ(schedule.next_due().at_ms, kStart + 20 * kMinute);
  // A window opening sooner than the near interval still waits the near interval.
  schedule.set_commence_times("baseball_mlb", {kStart + 3 * kHour + kMinute / 2});
  EXPECT_EQ(schedule.next_due().at_ms, kStart + 2 * kMinute);
}

TEST(PollSchedule, EventsThatAlreadyStartedDoNotCount) {
  PollSchedule schedule({sport("baseball_mlb")}, kStart);
  schedule.set_commence_times("baseball_mlb", {kStart - kMinute, kStart});
  schedule.record_poll("baseball_mlb", kStart);
  EXPECT_FALSE(schedule.is_near("baseball_mlb", kStart));
  EXPECT_EQ(schedule.next_due().at_ms, kStart + 10 * kMinute);
}

TEST(PollSchedule, QuotaDelayWinsWhenLongerThanTheSchedule) {
  PollSchedule schedule({sport("baseball_mlb", minutes(10), minutes(2))}, kStart);
  schedule.set_commence_times("baseball_mlb", {kStart + kHour});
  schedule.record_poll("baseball_mlb", kStart);
  schedule.set_quota_delay(minutes(7));
  EXPECT_EQ(schedule.next_due().at_ms, kStart + 7 * kMinute);  // max(2 min, 7 min)
  schedule.set_quota_delay(minutes(1));
  EXPECT_EQ(schedule.next_due().at_ms, kStart + 2 * kMinute);  // max(2 min, 1 min)
  schedule.set_quota_delay(milliseconds(-5));                  // treated as none
  EXPECT_EQ(schedule.quota_delay(), milliseconds(0));
}

TEST(PollSchedule, QuotaDelayGatesEveryRequestWhateverTheSport) {
  PollSchedule schedule({sport("a"), sport("b"), sport("c")}, kStart);
  schedule.set_quota_delay(minutes(5));
  std::vector<std::string> order;
  std::vector<int64_t> times;
  for (int i = 0; i < 3; ++i) {
    const auto due = schedule.next_due();
    order.push_back(due.sport);
    times.push_back(due.at_ms);
    schedule.record_poll(due.sport, due.at_ms);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(times, (std::vector<int64_t>{kStart, kStart + 5 * kMinute, kStart + 10 * kMinute}));
}

TEST(PollSchedule, RoundRobinKeepsEverySportPolledWhenTheQuotaIsTheBottleneck) {
  // a is near (2 min), b is not (10 min), but only one request per 15 min is allowed: they
  // alternate instead of a starving b.
  PollSchedule schedule({sport("a"), sport("b")}, kStart);
  schedule.set_commence_times("a", {kStart + 10 * kHour});
  schedule.set_quota_delay(minutes(15));
  std::vector<std::string> order;
  int64_t now = kStart;
  for (int i = 0; i < 6; ++i) {
    const auto due = schedule.next_due();
    EXPECT_GE(due.at_ms, now);
    now = due.at_ms;
    order.push_back(due.sport);
    schedule.record_poll(due.sport, now);
    schedule.set_commence_times(
        due.sport, due.sport == "a" ? std::vector<int64_t>{now + kHour} : std::vector<int64_t>{});
  }
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "a", "b", "a", "b"}));
}

TEST(PollSchedule, EarliestScheduleGoesFirstAndEqualTimesRotate) {
  PollSchedule schedule({sport("a", minutes(10)), sport("b", minutes(4))}, kStart);
  schedule.record_poll("a", kStart);
  schedule.record_poll("b", kStart);
  auto due = schedule.next_due();
  EXPECT_EQ(due.sport, "b");
  EXPECT_EQ(due.at_ms, kStart + 4 * kMinute);
  schedule.record_poll("b", due.at_ms);
  due = schedule.next_due();
  EXPECT_EQ(due.sport, "b");  // 8 min < 10 min
  EXPECT_EQ(due.at_ms, kStart + 8 * kMinute);
  schedule.record_poll("b", due.at_ms);
  due = schedule.next_due();  // a at 10, b at 12
  EXPECT_EQ(due.sport, "a");
  EXPECT_EQ(due.at_ms, kStart + 10 * kMinute);

  // Same due time: the sport after the one polled last goes first.
  PollSchedule same({sport("x"), sport("y"), sport("z")}, kStart);
  same.record_poll("x", kStart);
  same.record_poll("y", kStart);
  same.record_poll("z", kStart);
  EXPECT_EQ(same.next_due().sport, "x");
  same.record_poll("x", kStart + 10 * kMinute);
  EXPECT_EQ(same.next_due().sport, "y");
}

TEST(PollSchedule, AFailedPollCountsAsAPoll) {
  // record_poll is called for failures too, so a failing sport is retried on its interval, not
  // in a tight loop.
  PollSchedule schedule({sport("a", minutes(3))}, kStart);
  schedule.record_poll("a", kStart + 1000);
  EXPECT_EQ(schedule.next_due().at_ms, kStart + 1000 + 3 * kMinute);
}

TEST(PollSchedule, RejectsBadConfiguration) {
  EXPECT_THROW(PollSchedule({}, kStart), std::invalid_argument);
  EXPECT_THROW(PollSchedule({sport("a"), sport("a")}, kStart), std::invalid_argument);
  EXPECT_THROW(PollSchedule({sport("")}, kStart), std::invalid_argument);
  EXPECT_THROW(PollSchedule({sport("a", minutes(0))}, kStart), std::invalid_argument);
  EXPECT_THROW(PollSchedule({sport("a", minutes(10), minutes(0))}, kStart), std::invalid_argument);
  PollSchedule schedule({sport("a")}, kStart);
  EXPECT_THROW(schedule.record_poll("b", kStart), std::invalid_argument);
  EXPECT_THROW(schedule.set_commence_times("b", {}), std::invalid_argument);
}

}  // namespace
}  // namespace sharpline::domain::collect
