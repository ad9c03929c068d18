#include "runtime/stream/window_store.hpp"

#include <gtest/gtest.h>

#include "counting_stage.hpp"

namespace sharpline::runtime::stream {
namespace {

TEST(WindowSpec, TumblingAndHoppingWindowsContainingATime) {
  EXPECT_EQ(WindowSpec::tumbling(10, 0).windows_containing(25), std::vector<int64_t>{20});
  EXPECT_EQ(WindowSpec::tumbling(10, 0).windows_containing(20), std::vector<int64_t>{20});
  EXPECT_EQ(WindowSpec::hopping(10, 5, 0).windows_containing(12), (std::vector<int64_t>{5, 10}));
  EXPECT_EQ(WindowSpec::tumbling(10, 0).windows_containing(-1), std::vector<int64_t>{-10});
  EXPECT_THROW(WindowSpec::hopping(10, 20, 0).validate(), std::invalid_argument);
}

TEST(WindowKey, RoundTripsAndSortsByTime) {
  const auto [key, start] = split_window_key(window_key("evt", -5));
  EXPECT_EQ(key, "evt");
  EXPECT_EQ(start, -5);
  EXPECT_LT(window_key("k", -5), window_key("k", 3));
  EXPECT_LT(window_key("k", 3), window_key("k", 12));
}

TEST(WindowStore, AggregatesWithinGraceAndRoutesLateRecords) {
  KeyValueStore<long> backing("w", 0, testing::long_codec(), 100);
  WindowStore<long> windows(backing, WindowSpec::tumbling(10, 5));
  std::vector<std::pair<std::string, int64_t>> late;
  std::vector<std::tuple<std::string, int64_t, long>> closed;
  windows.on_late([&](std::string_view key, int64_t t) { late.emplace_back(key, t); });
  windows.on_close([&](std::string_view key, int64_t start, const long& v) {
    closed.emplace_back(key, start, v);
  });
  auto add = [](const long* current, int64_t) { return (current != nullptr ? *current : 0) + 1; };

  windows.update("a", 1, 1, add);
  windows.update("a", 8, 8, add);
  windows.update("a", 3, 14, add);  // window [0,10) closes at 15: still open at stream time 14
  EXPECT_EQ(*windows.get("a", 0), 3);
  windows.update("a", 4, 15, add);  // now it is late
  EXPECT_EQ(windows.late_records(), 1U);
  ASSERT_EQ(late.size(), 1U);
  EXPECT_EQ(late[0].second, 4);
  EXPECT_EQ(*windows.get("a", 0), 3);

  windows.close_windows(15);
  ASSERT_EQ(closed.size(), 1U);
  EXPECT_EQ(closed[0], std::make_tuple(std::string("a"), int64_t{0}, 3L));
  EXPECT_EQ(windows.get("a", 0), nullptr);
}

TEST(WindowStore, HoppingRecordsLandInEveryOverlappingWindow) {
  KeyValueStore<long> backing("w", 0, testing::long_codec(), 100);
  WindowStore<long> windows(backing, WindowSpec::hopping(10, 5, 0));
  auto add = [](const long* current, int64_t) { return (current != nullptr ? *current : 0) + 1; };
  windows.update("a", 12, 12, add);
  EXPECT_EQ(*windows.get("a", 5), 1);
  EXPECT_EQ(*windows.get("a", 10), 1);
  EXPECT_EQ(backing.size(), 2U);
}

}  // namespace
}  // namespace sharpline::runtime::stream
