#include "adapters/http/quota_tracker.hpp"

#include <gtest/gtest.h>

#include "adapters/http/resilient_http_client.hpp"
#include "unit/http_fixture/fixture_server.hpp"

namespace sharpline::adapters::http {
namespace {

using sharpline::testing::FakeClock;
using sharpline::testing::FixtureServer;
using sharpline::testing::ScriptedResponse;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

const auto kNow = std::chrono::system_clock::time_point{std::chrono::hours(500000)};

HttpHeaders quota_headers(std::string remaining, std::string used, std::string last = "") {
  HttpHeaders headers{{"x-requests-remaining", std::move(remaining)},
                      {"x-requests-used", std::move(used)}};
  if (!last.empty()) headers["x-requests-last"] = std::move(last);
  return headers;
}

TEST(QuotaTracker, ReadsHeadersFromARecordedOddsResponseIntoGauges) {
  FixtureServer server;
  server.script("/v4/sports/baseball_mlb/odds",
                {ScriptedResponse::recorded("odds_api_v4/mlb_2026-08-08T1915Z.json")
                     .with_header("X-Requests-Remaining", "19412")
                     .with_header("X-Requests-Used", "588")
                     .with_header("X-Requests-Last", "3")});
  server.start();
  FakeClock clock;
  MetricsRegistry metrics;
  ResilientHttpClient client(HttpClient{}, {}, metrics, clock.clock());
  auto response = client.get(server.url("/v4/sports/baseball_mlb/odds?apiKey=k"));
  ASSERT_EQ(response.status, 200);

  QuotaTracker tracker(minutes(1), "the-odds-api", metrics);
  tracker.update(response.headers);  // header names are case-insensitive
  EXPECT_EQ(tracker.remaining(), 19412);
  EXPECT_EQ(tracker.used(), 588);
  EXPECT_EQ(tracker.last_cost(), 3);
  Labels labels{{"provider", "the-odds-api"}};
  EXPECT_EQ(metrics.gauge("sharpline_odds_api_requests_remaining", "", labels).value(), 19412);
  EXPECT_EQ(metrics.gauge("sharpline_odds_api_requests_used", "", labels).value(), 588);
  EXPECT_EQ(metrics.gauge("sharpline_odds_api_requests_last", "", labels).value(), 3);
}

TEST(QuotaTracker, SpreadsRemainingRequestsEvenlyUntilTheDeadline) {
  MetricsRegistry metrics;
  QuotaTracker tracker(minutes(1), "p", metrics);
  tracker.update(quota_headers("100", "400"));
  EXPECT_EQ(tracker.next_poll_delay(kNow, kNow + hours(10)), minutes(6));  // 600 min / 100
}

TEST(QuotaTracker, NeverPollsFasterThanTheMinimumInterval) {
  MetricsRegistry metrics;
  QuotaTracker tracker(minutes(10), "p", metrics);
  tracker.update(quota_headers("100", "400"));
  EXPECT_EQ(tracker.next_poll_delay(kNow, kNow + hours(10)), minutes(10));
}

TEST(QuotaTracker, UsesTheLastRequestCostAsThePriceOfAPoll) {
  MetricsRegistry metrics;
  QuotaTracker tracker(minutes(1), "p", metrics);
  tracker.update(quota_headers("30", "470", "3"));  // 10 polls of 3 credits
  EXPECT_EQ(tracker.next_poll_delay(kNow, kNow + hours(10)), hours(1));
  tracker.update(quota_headers("31", "469", "0"));  // a free request is paced as one credit
  EXPECT_EQ(tracker.next_poll_delay(kNow, kNow + minutes(62)), milliseconds(120000));
}

TEST(QuotaTracker, WaitsForTheResetWhenTheQuotaIsSpent) {
  MetricsRegistry metrics;
  QuotaTracker tracker(minutes(1), "p", metrics);
  tracker.update(quota_headers("2", "498", "3"));
  EXPECT_EQ(tracker.next_poll_delay(kNow, kNow + hours(5)), hours(5));
}

TEST(QuotaTracker, FallsBackToTheMinimumIntervalWithoutQuotaOrDeadline) {
  MetricsRegistry metrics;
  QuotaTracker tracker(minutes(2), "p", metrics);
  EXPECT_EQ(tracker.next_poll_delay(kNow, kNow + hours(5)), minutes(2));  // nothing seen yet
  tracker.update(quota_headers("10", "0"));
  EXPECT_EQ(tracker.next_poll_delay(kNow, kNow - hours(1)), minutes(2));  // deadline past
}

TEST(QuotaTracker, IgnoresMalformedHeadersAndKeepsThePreviousReading) {
  MetricsRegistry metrics;
  QuotaTracker tracker(minutes(1), "p", metrics);
  tracker.update(quota_headers("50", "450"));
  tracker.update(quota_headers("lots", "-3"));
  tracker.update(HttpHeaders{});
  EXPECT_EQ(tracker.remaining(), 50);
  EXPECT_EQ(tracker.used(), 450);
  tracker.update(quota_headers("49.0", "451"));
  EXPECT_EQ(tracker.remaining(), 49);
}

}  // namespace
}  // namespace sharpline::adapters::http
