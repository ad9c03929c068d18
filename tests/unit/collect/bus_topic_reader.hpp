// What the `sharpline collect` command tests share: a fixture that runs the command in process
// with a private temporary directory, and a reader for what the command published on a broker
// the test owns.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/bus_context.hpp"
#include "cli/commands/collect_command.hpp"
#include "runtime/kafka/consumer.hpp"

namespace sharpline::collect_test {

struct SeenRecord {
  std::string key;
  int64_t timestamp_ms = 0;
  nlohmann::json value;
};

// Every record of a topic as (key, timestamp, decoded value), until the topic is idle 1.5 s.
inline std::vector<SeenRecord> read_topic(cli::BusContext& context, const std::string& topic) {
  runtime::kafka::Consumer consumer(context.bus().client_properties());
  consumer.assign_all({topic}, runtime::kafka::StartAt::kBeginning);
  std::vector<SeenRecord> seen;
  for (int idle = 0; idle < 15;) {
    auto message = consumer.poll(100);
    if (!message) {
      ++idle;
      continue;
    }
    idle = 0;
    SeenRecord record;
    if (message->key != nullptr)
      record.key.assign(static_cast<const char*>(message->key), message->key_len);
    rd_kafka_timestamp_type_t type;
    record.timestamp_ms = rd_kafka_message_timestamp(message.get(), &type);
    record.value =
        context.serde().decode({static_cast<const uint8_t*>(message->payload), message->len});
    seen.push_back(std::move(record));
  }
  return seen;
}

// Runs `sharpline collect ...` in process; dir_ is removed after each test.
class CollectCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sharpline_collect_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  int run(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    return cli::run_collect_command(args, out_, err_);
  }

  std::filesystem::path dir_;
  std::ostringstream out_;
  std::ostringstream err_;
};

}  // namespace sharpline::collect_test
