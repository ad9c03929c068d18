#include "cli/stage_host.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "adapters/http/http_client.hpp"
#include "runtime/kafka/consumer.hpp"
#include "runtime/kafka/producer.hpp"
#include "serde/base64.hpp"
#include "unit/runtime/stream/counting_stage.hpp"

namespace sharpline::cli {
namespace {

using namespace std::chrono_literals;

TEST(StageHost, ServesRunnerStateAndWritesAvroDeadLetters) {
  Config config = Config::defaults();
  config.set("http.listen", "127.0.0.1:0", ConfigSource::kFlag, "test");
  config.set("stage.commit.interval.ms", "20", ConfigSource::kFlag, "test");
  auto context = BusContext::open(config);
  for (const char* topic :
       {"test.input", "test.counts", "test.ticks", "sharpline-counting-counts-changelog"}) {
    context->bus().embedded_broker()->create_topic(topic, 2, 1);
  }
  const std::string address = context->start_http();
  adapters::http::HttpClient client;
  EXPECT_EQ(client.get("http://" + address + "/ready").status, 503);  // no stage yet

  {
    runtime::kafka::Producer producer(context->bus().client_properties());
    const std::string poison = "poison";
    runtime::kafka::OutgoingRecord record;
    record.topic = "test.input";
    record.key = "k";
    record.value = std::span(reinterpret_cast<const uint8_t*>(poison.data()), poison.size());
    producer.send(record);
    producer.flush();
  }

  std::atomic<bool> stop{false};
  int code = -1;
  std::thread host([&] {
    code = host_stage(runtime::stream::testing::counting_stage(), *context,
                      [&] { return stop.load(); });
  });
  bool ready = false;
  for (int i = 0; i < 300 && !ready; ++i) {
    ready = client.get("http://" + address + "/ready").status == 200;
    if (!ready) std::this_thread::sleep_for(100ms);
  }
  EXPECT_TRUE(ready);
  const auto health = nlohmann::json::parse(client.get("http://" + address + "/health").body);
  EXPECT_EQ(health["state"], "running");
  EXPECT_NE(client.get("http://" + address + "/metrics").body.find("sharpline_stage_commits_total"),
            std::string::npos);

  // The poison record arrives as an Avro DeadLetter that names its source and keeps its bytes.
  runtime::kafka::Consumer consumer(context->bus().client_properties());
  consumer.assign_all({"sharpline.deadletter.v1"}, runtime::kafka::StartAt::kBeginning);
  runtime::kafka::MessagePtr message;
  for (int i = 0; i < 200 && !message; ++i) message = consumer.poll(100);
  stop = true;
  host.join();
  EXPECT_EQ(code, 0);
  ASSERT_TRUE(message);
  const auto letter =
      context->serde().decode({static_cast<const uint8_t*>(message->payload), message->len});
  EXPECT_EQ(letter["source_topic"], "test.input");
  EXPECT_EQ(letter["error_kind"], "validation");
  EXPECT_EQ(letter["stage"], "counting");
  EXPECT_NE(letter["reason"].get<std::string>().find("value says poison"), std::string::npos);
  const auto original = serde::base64_decode(letter["value"].get<std::string>());
  ASSERT_TRUE(original);
  EXPECT_EQ(std::string(original->begin(), original->end()), "poison");
}

}  // namespace
}  // namespace sharpline::cli
