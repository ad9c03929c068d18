#include "cli/replay/dump_format.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sharpline::cli::replay {
namespace {

DumpRecord sample() {
  DumpRecord record;
  record.topic = "sharpline.odds.v1";
  record.partition = 3;
  record.offset = 42;
  record.timestamp_ms = 1700000000123;
  record.key = "evt-1";
  record.headers = {{"trace", "abc"}, {"origin", "collector:x"}};
  record.value = {{"event_id", "evt-1"}, {"price", 1.91}, {"line", nullptr}};
  return record;
}

TEST(DumpFormatTest, DecodedRecordRoundTrips) {
  const auto record = sample();
  const std::string line = to_dump_line(record);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto json = nlohmann::json::parse(line);
  EXPECT_EQ(json["key"], "evt-1");
  EXPECT_EQ(json["headers"]["trace"], "abc");
  EXPECT_FALSE(json.contains("value_base64"));
  EXPECT_EQ(parse_dump_line(line, "t:1"), record);
}

TEST(DumpFormatTest, TombstoneAndMissingKeyRoundTrip) {
  auto record = sample();
  record.key.reset();
  record.headers.clear();
  record.value = nullptr;
  const std::string line = to_dump_line(record);
  const auto json = nlohmann::json::parse(line);
  EXPECT_TRUE(json["key"].is_null());
  EXPECT_TRUE(json["value"].is_null());
  EXPECT_TRUE(json["headers"].is_object());
  const auto back = parse_dump_line(line, "t:1");
  EXPECT_TRUE(back.tombstone());
  EXPECT_EQ(back, record);
}

TEST(DumpFormatTest, BytesThatAreNotUtf8AreBase64) {
  auto record = sample();
  record.key = std::string("k\xff\xfe", 3);
  record.headers = {{"bin", std::string("\x80\x81", 2)}, {"text", "ok"}};
  record.value = nullptr;
  record.raw_value = std::vector<uint8_t>{0, 0, 0, 0, 7, 0xff};
  const std::string line = to_dump_line(record);
  const auto json = nlohmann::json::parse(line);
  EXPECT_TRUE(json["key"].is_null());
  EXPECT_EQ(json["key_base64"], "a//+");
  EXPECT_EQ(json["headers"]["text"], "ok");
  EXPECT_EQ(json["headers_base64"], nlohmann::json::array({"bin"}));
  EXPECT_TRUE(json["value"].is_null());
  EXPECT_TRUE(json["value_base64"].is_string());
  const auto back = parse_dump_line(line, "t:1");
  EXPECT_FALSE(back.tombstone());
  EXPECT_EQ(back, record);
}

TEST(DumpFormatTest, MalformedLinesNameTheirPlace) {
  const auto error_of = [](const std::string& line) {
    try {
      (void)parse_dump_line(line, "dump/odds.jsonl:7");
    } catch (const DumpFormatError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error_of("{not json"), "dump/odds.jsonl:7: not valid JSON");
  EXPECT_EQ(error_of("[1]"), "dump/odds.jsonl:7: not a JSON object");
  EXPECT_NE(
      error_of(R"({"partition":0,"offset":0,"timestamp_ms":1,"value":null})").find("\"topic\""),
      std::string::npos);
  EXPECT_NE(error_of(R"({"topic":"t","partition":"0","offset":0,"timestamp_ms":1,"value":null})")
                .find("\"partition\""),
            std::string::npos);
  EXPECT_NE(error_of(R"({"topic":"t","partition":0,"offset":-1,"timestamp_ms":1,"value":null})")
                .find("\"offset\""),
            std::string::npos);
  EXPECT_NE(error_of(R"({"topic":"t","partition":0,"offset":0,"timestamp_ms":1})").find("value"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"topic":"t","partition":0,"offset":0,"timestamp_ms":1,"key":5,)"
                     R"("value":null})")
                .find("\"key\""),
            std::string::npos);
  EXPECT_NE(error_of(R"({"topic":"t","partition":0,"offset":0,"timestamp_ms":1,)"
                     R"("value_base64":"@@"})")
                .find("base64"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"topic":"t","partition":0,"offset":0,"timestamp_ms":1,)"
                     R"("headers":{"h":1},"value":null})")
                .find("header \"h\""),
            std::string::npos);
}

TEST(DumpFormatTest, ManifestRoundTripsInTopicOrder) {
  DumpManifest manifest;
  manifest.sharpline_version = "1.2.3";
  manifest.created_ms = 1700000000000;
  manifest.bootstrap = "127.0.0.1:9092";
  manifest.topics = {"sharpline.results.v1", "sharpline.events.v1"};  // not sorted on purpose
  manifest.topic_info["sharpline.results.v1"] = {
      "sharpline.results.v1.jsonl", "game_result", 2, {{0, 1}, {1, 1}}};
  manifest.topic_info["sharpline.events.v1"] = {"sharpline.events.v1.jsonl", "event", 0, {{0, 0}}};
  const auto text = manifest_to_json(manifest).dump(2);
  const auto back = manifest_from_json(nlohmann::ordered_json::parse(text), "m.json");
  EXPECT_EQ(back, manifest);
}

TEST(DumpFormatTest, ManifestErrorsNameTheFile) {
  try {
    (void)manifest_from_json(nlohmann::ordered_json::parse(R"({"topics":{}})"), "d/manifest.json");
    FAIL() << "no error";
  } catch (const DumpFormatError& e) {
    EXPECT_NE(std::string(e.what()).find("d/manifest.json"), std::string::npos);
  }
  try {
    (void)manifest_from_json(
        nlohmann::ordered_json::parse(
            R"({"format":"sharpline-dump-v1","topics":{"t":{"file":"../x","records":1}}})"),
        "d/manifest.json");
    FAIL() << "no error";
  } catch (const DumpFormatError& e) {
    EXPECT_NE(std::string(e.what()).find("topic t"), std::string::npos);
  }
}

}  // namespace
}  // namespace sharpline::cli::replay
