#include "adapters/sources/odds_api_snapshots.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "adapters/sources/iso_time.hpp"
#include "unit/collect/collect_test_support.hpp"

namespace sharpline::adapters::sources {
namespace {

class SnapshotFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sharpline_snapshots_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path;
  }

  std::filesystem::path dir_;
};

TEST_F(SnapshotFiles, ReadsPollsSkipsBlankLinesAndAcceptsCrlf) {
  const auto path = write("polls.jsonl",
                          "{\"committed_at\":\"2025-09-10T05:36:59+00:00\",\"response\":[]}\r\n"
                          "\n"
                          "{\"committed_at\":\"2025-09-10T08:13:21Z\",\"response\":[{\"id\":1}]}");
  EXPECT_FALSE(is_single_response_file(path));
  SnapshotReader reader(path);
  const auto first = reader.next();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->poll_ms, parse_iso8601_ms("2025-09-10T05:36:59Z"));
  EXPECT_TRUE(first->response.empty());
  const auto second = reader.next();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->line, 3U);
  EXPECT_EQ(second->response.size(), 1U);
  EXPECT_FALSE(reader.next().has_value());
}

TEST_F(SnapshotFiles, MalformedLinesNameFileAndLine) {
  for (const auto& [text, problem] : std::vector<std::pair<std::string, std::string>>{
           {"{\"committed_at\":\"2025-09-10T05:36:59Z\",\"response\":[]}\n{not json", ":2: "},
           {"{\"response\":[]}", "missing committed_at"},
           {"{\"committed_at\":\"yesterday\",\"response\":[]}", "not an ISO-8601"},
           {"{\"committed_at\":\"2025-09-10T05:36:59Z\",\"response\":{}}", "JSON array"}}) {
    SnapshotReader reader(write("bad.jsonl", text));
    try {
      while (reader.next()) {
      }
      ADD_FAILURE() << "accepted: " << text;
    } catch (const SnapshotError& error) {
      EXPECT_NE(std::string(error.what()).find(problem), std::string::npos) << error.what();
    }
  }
}

TEST_F(SnapshotFiles, SingleResponseFiles) {
  const auto array = write("one.json", "  [{\"id\":\"a\"}]");
  EXPECT_TRUE(is_single_response_file(array));
  EXPECT_EQ(read_single_response(array, 42).response.size(), 1U);
  EXPECT_EQ(read_single_response(array, 42).poll_ms, 42);
  EXPECT_THROW(is_single_response_file(write("empty.json", "")), SnapshotError);
  EXPECT_THROW(read_single_response(write("obj.json", "{}"), 1), SnapshotError);
  EXPECT_THROW(SnapshotReader(dir_ / "missing.jsonl"), SnapshotError);
}

TEST(SeasonFile, IsGzipJsonLinesStartingWithTheFirstPoll) {
  SHARPLINE_REQUIRE_DATA();
  const auto path = collect_test::odds_api_file(collect_test::kSeasonFile);
  EXPECT_FALSE(is_single_response_file(path));
  SnapshotReader reader(path);
  const auto first = reader.next();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->line, 1U);
  EXPECT_EQ(first->response.size(), 32U);  // events on line 1
}

}  // namespace
}  // namespace sharpline::adapters::sources
