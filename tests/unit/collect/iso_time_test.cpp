#include "adapters/sources/iso_time.hpp"

#include <gtest/gtest.h>

namespace sharpline::adapters::sources {
namespace {

TEST(IsoTime, ParsesTheFeedsSpellings) {
  // 2025-09-12T00:16:00Z: 20343 days after the epoch (date -u -d ... +%s gives 1757636160).
  EXPECT_EQ(parse_iso8601_ms("2025-09-12T00:16:00Z"), 1757636160000);
  EXPECT_EQ(parse_iso8601_ms("2025-09-12T00:16:00+00:00"), 1757636160000);
  EXPECT_EQ(parse_iso8601_ms("2025-09-12T02:16:00+02:00"), 1757636160000);
  EXPECT_EQ(parse_iso8601_ms("2025-09-11T19:16:00-05:00"), 1757636160000);
  EXPECT_EQ(parse_iso8601_ms("2025-09-12T00:16:00.25Z"), 1757636160250);
  EXPECT_EQ(parse_iso8601_ms("2025-09-12T00:16:00.123456Z"), 1757636160123);
  EXPECT_EQ(parse_iso8601_ms("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_iso8601_ms("2024-02-29T12:00:00Z"), 1709208000000);
}

TEST(IsoTime, RejectsAnythingElse) {
  for (const char* bad :
       {"", "2025-09-12", "2025-09-12 00:16:00Z", "2025-09-12T00:16:00", "2025-13-01T00:00:00Z",
        "2025-02-29T00:00:00Z", "2025-09-12T24:00:00Z", "2025-09-12T00:60:00Z",
        "2025-09-12T00:16:00.Z", "2025-09-12T00:16:00+0000", "2025-09-12T00:16:00Zjunk",
        "2025-9-12T00:16:00Z", "abcd-09-12T00:16:00Z"}) {
    EXPECT_FALSE(parse_iso8601_ms(bad).has_value()) << bad;
  }
}

TEST(IsoTime, FormatsBack) {
  EXPECT_EQ(format_iso8601_ms(1757636160250), "2025-09-12T00:16:00.250Z");
  EXPECT_EQ(parse_iso8601_ms(format_iso8601_ms(1709208000001)), 1709208000001);
}

}  // namespace
}  // namespace sharpline::adapters::sources
