#include "common/logging.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>
#include <string>
#include <vector>

namespace sharpline {
namespace {

class LoggingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LogSettings settings;
    settings.stage = "features";
    settings.instance = "host-42";
    init_logging(settings, std::make_shared<spdlog::sinks::ostream_sink_mt>(out_));
  }
  void TearDown() override { init_logging(LogSettings{}); }

  std::vector<nlohmann::json> lines() {
    spdlog::default_logger()->flush();
    std::vector<nlohmann::json> parsed;
    std::istringstream in(out_.str());
    for (std::string line; std::getline(in, line);) parsed.push_back(nlohmann::json::parse(line));
    return parsed;
  }

  std::ostringstream out_;
};

TEST_F(LoggingTest, EveryLineIsOneJsonObjectWithTheStableFields) {
  log_info("record dead-lettered", {{"event_id", "nfl-2025-kc-buf"}, {"offset", 17}});
  log_warn("second line");
  const auto parsed = lines();
  ASSERT_EQ(parsed.size(), 2u);
  const auto& first = parsed[0];
  EXPECT_EQ(first["msg"], "record dead-lettered");
  EXPECT_EQ(first["level"], "info");
  EXPECT_EQ(first["stage"], "features");
  EXPECT_EQ(first["instance"], "host-42");
  EXPECT_EQ(first["event_id"], "nfl-2025-kc-buf");
  EXPECT_EQ(first["offset"], 17);
  // UTC ISO-8601 with milliseconds: 2026-11-21T15:28:33.123Z
  const std::string time = first["time"];
  ASSERT_EQ(time.size(), 24u) << time;
  EXPECT_EQ(time[10], 'T');
  EXPECT_EQ(time[19], '.');
  EXPECT_EQ(time.back(), 'Z');
  EXPECT_EQ(parsed[1]["level"], "warning");
}

TEST_F(LoggingTest, CallerFieldsCannotReplaceTimeLevelOrInstanceButMayNameTheStage) {
  log_info(
      "hosted",
      {{"time", "yesterday"}, {"level", "fatal"}, {"instance", "spoofed"}, {"stage", "grading"}});
  const auto line = lines().at(0);
  EXPECT_NE(line["time"], "yesterday");
  EXPECT_EQ(line["level"], "info");
  EXPECT_EQ(line["instance"], "host-42");
  EXPECT_EQ(line["stage"], "grading");
}

TEST_F(LoggingTest, FieldsNamedLikeSecretsAreRedactedAtAnyDepth) {
  log_info("connecting", {{"dsn", "postgresql://sink:hunter2@db/sharpline"},
                          {"subscriber", {{"id", "ops"}, {"secret", "s3cr3t"}}},
                          {"headers", {{{"Authorization", "Bearer abc"}}}},
                          {"api_key_present", true},
                          {"url", "https://api.example.com/v4/odds?apiKey=***"}});
  const std::string text = out_.str();
  EXPECT_EQ(text.find("hunter2"), std::string::npos) << text;
  EXPECT_EQ(text.find("s3cr3t"), std::string::npos) << text;
  EXPECT_EQ(text.find("Bearer abc"), std::string::npos) << text;
  const auto line = lines().at(0);
  EXPECT_EQ(line["dsn"], "***");
  EXPECT_EQ(line["subscriber"]["id"], "ops");
  EXPECT_EQ(line["subscriber"]["secret"], "***");
  EXPECT_EQ(line["headers"][0]["Authorization"], "***");
  EXPECT_EQ(line["url"], "https://api.example.com/v4/odds?apiKey=***");
}

TEST_F(LoggingTest, LevelChangesAtRunTimeAndUnknownLevelsAreRefused) {
  log_debug("hidden");
  set_log_level("debug");
  EXPECT_EQ(log_level(), "debug");
  log_debug("shown");
  EXPECT_THROW(set_log_level("loud"), std::invalid_argument);
  EXPECT_EQ(log_level(), "debug");
  const auto parsed = lines();
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0]["msg"], "shown");
}

}  // namespace
}  // namespace sharpline
