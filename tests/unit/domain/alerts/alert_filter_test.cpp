#include "domain/alerts/alert_filter.hpp"

#include <gtest/gtest.h>

namespace sharpline::domain::alerts {
namespace {

constexpr int64_t kNow = 1'731'877'150'601;

AlertFacts nfl_value(double ev = 0.049, const std::string& severity = "notice") {
  return {"americanfootball_nfl", "value", severity, ev, kNow + 60'000};
}

TEST(AlertFilter, EmptyFilterDeliversEverythingNotExpired) {
  EXPECT_EQ(decide({}, nfl_value(), kNow).verdict, Verdict::kDeliver);
  AlertFacts steam{"soccer_epl", "steam", "info", std::nullopt, std::nullopt};
  EXPECT_EQ(decide({}, steam, kNow).verdict, Verdict::kDeliver);
}

TEST(AlertFilter, ExpiredAtOrBeforeNowIsExpiredWhateverTheFilters) {
  AlertFacts alert = nfl_value();
  alert.expires_ms = kNow;
  EXPECT_EQ(decide({}, alert, kNow).verdict, Verdict::kExpired);
  AlertFilter other_sport;
  other_sport.sports = {"soccer_epl"};
  EXPECT_EQ(decide(other_sport, alert, kNow).verdict, Verdict::kExpired);
  alert.expires_ms = kNow + 1;
  EXPECT_EQ(decide({}, alert, kNow).verdict, Verdict::kDeliver);
}

TEST(AlertFilter, SportsAndKindsAreAllowLists) {
  AlertFilter filter;
  filter.sports = {"americanfootball_nfl", "basketball_nba"};
  filter.kinds = {"value", "arbitrage"};
  EXPECT_EQ(decide(filter, nfl_value(), kNow).verdict, Verdict::kDeliver);
  AlertFacts epl = nfl_value();
  epl.sport = "soccer_epl";
  const auto decision = decide(filter, epl, kNow);
  EXPECT_EQ(decision.verdict, Verdict::kFiltered);
  EXPECT_EQ(decision.reason, "sport soccer_epl");
  AlertFacts steam = nfl_value();
  steam.kind = "steam";
  EXPECT_EQ(decide(filter, steam, kNow).reason, "kind steam");
}

TEST(AlertFilter, MinEvIsInclusiveAndFiltersAlertsWithoutEv) {
  AlertFilter filter;
  filter.min_ev = 0.03;
  EXPECT_EQ(decide(filter, nfl_value(0.03), kNow).verdict, Verdict::kDeliver);
  EXPECT_EQ(decide(filter, nfl_value(0.0299), kNow).verdict, Verdict::kFiltered);
  AlertFacts no_ev = nfl_value();
  no_ev.expected_value.reset();
  EXPECT_EQ(decide(filter, no_ev, kNow).reason, "no expected_value");
}

TEST(AlertFilter, MinSeverityRanksInfoNoticeHighAndRejectsUnknownTiers) {
  AlertFilter filter;
  filter.min_severity = Severity::kNotice;
  EXPECT_EQ(decide(filter, nfl_value(0.05, "info"), kNow).verdict, Verdict::kFiltered);
  EXPECT_EQ(decide(filter, nfl_value(0.05, "notice"), kNow).verdict, Verdict::kDeliver);
  EXPECT_EQ(decide(filter, nfl_value(0.05, "high"), kNow).verdict, Verdict::kDeliver);
  EXPECT_EQ(decide(filter, nfl_value(0.05, "critical"), kNow).reason,
            "severity critical has no rank");
  // Without a min_severity, unknown tiers (the schema allows new values) pass.
  EXPECT_EQ(decide({}, nfl_value(0.05, "critical"), kNow).verdict, Verdict::kDeliver);
}

TEST(AlertFilter, ParsesSeverityNames) {
  EXPECT_EQ(parse_severity("info"), Severity::kInfo);
  EXPECT_EQ(parse_severity("high"), Severity::kHigh);
  EXPECT_FALSE(parse_severity("High").has_value());
  EXPECT_EQ(to_string(Severity::kNotice), "notice");
}

}  // namespace
}  // namespace sharpline::domain::alerts
