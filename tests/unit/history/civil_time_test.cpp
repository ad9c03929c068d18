#include "adapters/history/civil_time.hpp"

#include <gtest/gtest.h>

namespace sharpline::adapters::history {
namespace {

constexpr int64_t kHour = 3600LL * 1000;

TEST(CivilTime, DaysFromCivilAndWeekday) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(weekday(1970, 1, 1), 4);
  EXPECT_EQ(weekday(2022, 10, 30), 0);
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2100, 2), 28);
}

TEST(CivilTime, SundaysOfMonth) {
  EXPECT_EQ(sunday_of_month(2022, 3, 0), 27);   // last Sunday of March 2022
  EXPECT_EQ(sunday_of_month(2022, 10, 0), 30);  // last Sunday of October 2022
  EXPECT_EQ(sunday_of_month(2024, 3, 2), 10);   // second Sunday of March 2024
  EXPECT_EQ(sunday_of_month(2024, 11, 1), 3);   // first Sunday of November 2024
  EXPECT_EQ(sunday_of_month(2006, 4, 1), 2);
}

TEST(CivilTime, UkBstBoundaries) {
  // 2022-03-27: clocks go forward at 01:00 UTC.
  const int64_t spring = days_from_civil(2022, 3, 27) * 24 * kHour + 1 * kHour;
  EXPECT_EQ(uk_local_to_utc_ms({2022, 3, 27, 0, 59}), spring - 60'000);  // GMT
  EXPECT_EQ(uk_local_to_utc_ms({2022, 3, 27, 2, 0}), spring);            // BST
  EXPECT_EQ(uk_local_to_utc_ms({2022, 3, 26, 15, 0}),
            days_from_civil(2022, 3, 26) * 24 * kHour + 15 * kHour);
  // 2022-10-30: clocks go back at 01:00 UTC; 01:30 local happens twice, the first is BST.
  const int64_t autumn = days_from_civil(2022, 10, 30) * 24 * kHour + 1 * kHour;
  EXPECT_EQ(uk_local_to_utc_ms({2022, 10, 30, 1, 30}), autumn - 30 * 60'000);
  EXPECT_EQ(uk_local_to_utc_ms({2022, 10, 30, 2, 0}), autumn + kHour);
  EXPECT_EQ(uk_local_to_utc_ms({2022, 10, 29, 15, 0}),
            days_from_civil(2022, 10, 29) * 24 * kHour + 14 * kHour);
  EXPECT_EQ(uk_local_to_utc_ms({2022, 10, 30, 14, 0}),
            days_from_civil(2022, 10, 30) * 24 * kHour + 14 * kHour);
}

TEST(CivilTime, UsEasternDstBoundaries2007Rules) {
  // 2024-03-10 02:00 EST -> 03:00 EDT (07:00 UTC); 2024-11-03 02:00 EDT -> 01:00 EST (06:00 UTC).
  const int64_t mar10 = days_from_civil(2024, 3, 10) * 24 * kHour;
  EXPECT_EQ(us_eastern_to_utc_ms({2024, 3, 10, 1, 59}), mar10 + 6 * kHour + 59 * 60'000);
  EXPECT_EQ(us_eastern_to_utc_ms({2024, 3, 10, 3, 0}), mar10 + 7 * kHour);
  const int64_t nov3 = days_from_civil(2024, 11, 3) * 24 * kHour;
  EXPECT_EQ(us_eastern_to_utc_ms({2024, 11, 3, 1, 30}), nov3 + 5 * kHour + 30 * 60'000);
  EXPECT_EQ(us_eastern_to_utc_ms({2024, 11, 3, 13, 0}), nov3 + 18 * kHour);  // EST
  EXPECT_EQ(us_eastern_to_utc_ms({2024, 11, 2, 13, 0}),
            days_from_civil(2024, 11, 2) * 24 * kHour + 17 * kHour);  // EDT
}

TEST(CivilTime, UsEasternPre2007Rules) {
  // 2005: DST ended on the last Sunday of October (30th), so a 1 pm game that day was EST.
  EXPECT_EQ(us_eastern_to_utc_ms({2005, 10, 30, 13, 0}),
            days_from_civil(2005, 10, 30) * 24 * kHour + 18 * kHour);
  EXPECT_EQ(us_eastern_to_utc_ms({2005, 10, 23, 13, 0}),
            days_from_civil(2005, 10, 23) * 24 * kHour + 17 * kHour);
  // ... and a 6 November 2005 game was EST although the 2007 rules would say EDT.
  EXPECT_EQ(us_eastern_to_utc_ms({2005, 11, 6, 13, 0}),
            days_from_civil(2005, 11, 6) * 24 * kHour + 18 * kHour);
}

}  // namespace
}  // namespace sharpline::adapters::history
