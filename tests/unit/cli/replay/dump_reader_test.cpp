#include "cli/replay/dump_reader.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace sharpline::cli::replay {
namespace {

namespace fs = std::filesystem;

class DumpReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sharpline-dump-reader-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static DumpRecord record(const std::string& topic, int64_t offset, int64_t timestamp_ms) {
    DumpRecord r;
    r.topic = topic;
    r.offset = offset;
    r.timestamp_ms = timestamp_ms;
    r.key = "k" + std::to_string(offset);
    r.value = {{"n", offset}};
    return r;
  }

  // Writes the topics' records and a manifest listing them in the order given.
  void write(const std::vector<std::pair<std::string, std::vector<DumpRecord>>>& topics) {
    DumpManifest manifest;
    manifest.sharpline_version = "test";
    for (const auto& [topic, records] : topics) {
      std::ofstream file(dir_ / (topic + ".jsonl"));
      for (const auto& r : records) file << to_dump_line(r) << "\n";
      manifest.topics.push_back(topic);
      manifest.topic_info[topic] = {topic + ".jsonl", "x", records.size(), {{0, 0}}};
    }
    std::ofstream(dir_ / "manifest.json") << manifest_to_json(manifest).dump();
  }

  std::string error_of() const {
    try {
      (void)read_dump(dir_);
    } catch (const DumpFormatError& e) {
      return e.what();
    }
    return "no error";
  }

  fs::path dir_;
};

TEST_F(DumpReaderTest, MergesTopicsByTimestampKeepingDumpOrderOnTies) {
  write({{"b", {record("b", 0, 10), record("b", 1, 30)}},
         {"a", {record("a", 0, 10), record("a", 1, 20), record("a", 2, 5)}}});
  const auto dump = read_dump(dir_);
  ASSERT_EQ(dump.records.size(), 5u);
  std::vector<std::pair<std::string, int64_t>> order;
  for (const auto& line : dump.records) order.emplace_back(line.record.topic, line.record.offset);
  const std::vector<std::pair<std::string, int64_t>> expected = {
      {"a", 2}, {"b", 0}, {"a", 0}, {"a", 1}, {"b", 1}};
  EXPECT_EQ(order, expected);
  EXPECT_EQ(dump.records.front().where, (dir_ / "a.jsonl").string() + ":3");
}

TEST_F(DumpReaderTest, MissingDirectoryOrManifestIsAClearError) {
  const auto missing = dir_ / "nope";
  try {
    (void)read_dump(missing);
    FAIL() << "no error";
  } catch (const DumpFormatError& e) {
    EXPECT_NE(std::string(e.what()).find("no such dump directory"), std::string::npos);
  }
  EXPECT_NE(error_of().find("manifest.json: missing"), std::string::npos);
}

TEST_F(DumpReaderTest, MalformedLineNamesFileAndLine) {
  write({{"a", {record("a", 0, 1), record("a", 1, 2)}}});
  {
    std::ofstream file(dir_ / "a.jsonl");
    file << to_dump_line(record("a", 0, 1)) << "\n"
         << "{\"topic\": oops}\n";
  }
  EXPECT_EQ(error_of(), (dir_ / "a.jsonl").string() + ":2: not valid JSON");
}

TEST_F(DumpReaderTest, CountsMustMatchTheManifest) {
  write({{"a", {record("a", 0, 1), record("a", 1, 2)}}});
  std::ofstream(dir_ / "a.jsonl") << to_dump_line(record("a", 0, 1)) << "\n";
  EXPECT_NE(error_of().find("1 records, the manifest says 2"), std::string::npos);
}

TEST_F(DumpReaderTest, RecordOfAnotherTopicIsRejected) {
  write({{"a", {record("b", 0, 1)}}});
  EXPECT_NE(error_of().find("record of topic b in the file of a"), std::string::npos);
}

}  // namespace
}  // namespace sharpline::cli::replay
