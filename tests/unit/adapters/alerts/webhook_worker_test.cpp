// One subscriber's loop on the embedded broker: decoded alerts are filtered, POSTed and
// committed; a rejected alert and undecodable bytes become dead letters of stage webhook/<id>;
// a stop request ends the loop.
#include "adapters/alerts/webhook_worker.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "adapters/alerts/hmac_signer.hpp"
#include "adapters/http/http_server.hpp"
#include "cli/bus_context.hpp"
#include "cli/stage_host.hpp"
#include "runtime/kafka/consumer.hpp"
#include "serde/base64.hpp"

namespace sharpline::adapters::alerts {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

json alert(const std::string& id, const std::string& sport) {
  return {{"alert_id", id},
          {"opportunity_id", nullptr},
          {"event_id", "evt-" + id},
          {"sport", sport},
          {"kind", "value"},
          {"severity", "notice"},
          {"title", "t"},
          {"message", "m"},
          {"expected_value", 0.05},
          {"created_ms", 1},
          {"expires_ms", nullptr},
          {"url", nullptr}};
}

void send(runtime::kafka::Producer& producer, const std::string& key,
          const std::vector<uint8_t>& bytes) {
  runtime::kafka::OutgoingRecord record;
  record.topic = kAlertsTopic;
  record.key = key;
  record.partition = 0;  // one partition: the order below is the order of delivery
  record.value = bytes;
  producer.send(record);
}

TEST(WebhookWorker, DeliversFiltersAndDeadLettersThenStopsOnRequest) {
  http::HttpServerOptions server_options;
  server_options.port = 0;
  http::HttpServer receiver(server_options);
  std::mutex mutex;
  std::vector<std::string> accepted;
  receiver.route(http::HttpMethod::Post, "/hook", [&](const http::HttpRequest& request) {
    if (!verify_signature("sec", request.body, request.header(kSignatureHeader).value_or(""))) {
      return http::HttpResponse::text(401, "bad signature");
    }
    const auto id = request.header(kAlertIdHeader).value_or("");
    if (id == "rejected") return http::HttpResponse::text(400, "no");
    std::lock_guard lock(mutex);
    accepted.push_back(id);
    return http::HttpResponse::text(200, "ok");
  });
  receiver.start();

  Config config = Config::defaults();
  auto context = cli::BusContext::open(config);
  {
    runtime::kafka::Producer producer(context->bus().client_properties());
    std::vector<uint8_t> bytes;
    context->serde().encode(kAlertsTopic, alert("rejected", "americanfootball_nfl"), bytes);
    send(producer, "evt-rejected", bytes);
    send(producer, "evt-garbage", {0x00, 0x00, 0x00, 0x00, 0x01, 0xff});
    bytes.clear();  // encode() appends
    context->serde().encode(kAlertsTopic, alert("epl", "soccer_epl"), bytes);
    send(producer, "evt-epl", bytes);
    bytes.clear();
    context->serde().encode(kAlertsTopic, alert("good", "americanfootball_nfl"), bytes);
    send(producer, "evt-good", bytes);
    producer.flush();
  }

  Subscriber subscriber;
  subscriber.id = "unit";
  subscriber.url = "http://" + receiver.address() + "/hook";
  subscriber.secret = "sec";
  subscriber.filter.sports = {"americanfootball_nfl"};
  subscriber.max_attempts = 2;
  subscriber.backoff_initial = 1ms;
  subscriber.backoff_max = 1ms;
  WebhookWorkerOptions options;
  options.kafka = context->bus().client_properties();
  options.instance_id = "unit-test";
  auto serde = context->make_serde();
  MetricsRegistry metrics;
  WebhookWorker worker(subscriber, options, *serde, cli::dead_letter_encoder(*serde), metrics);
  std::jthread thread([&worker](std::stop_token stop) { worker.run(stop); });

  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (std::chrono::steady_clock::now() < deadline &&
         worker.stats().delivered + worker.stats().dead_lettered + worker.stats().filtered < 4) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(worker.ready());
  const auto stop_requested = std::chrono::steady_clock::now();
  thread.request_stop();
  thread.join();
  EXPECT_LT(std::chrono::steady_clock::now() - stop_requested, 2s);

  EXPECT_EQ(worker.stats().delivered, 1u);
  EXPECT_EQ(worker.stats().dead_lettered, 2u);
  EXPECT_EQ(worker.stats().filtered, 1u);
  EXPECT_EQ(accepted, std::vector<std::string>{"good"});
  EXPECT_EQ(delivery_counter(metrics, "unit", "dead_letter").value(), 2);

  runtime::kafka::Consumer consumer(context->bus().client_properties());
  consumer.assign_all({runtime::stream::kDeadLetterTopic}, runtime::kafka::StartAt::kBeginning);
  std::map<std::string, json> letters;  // by error kind
  for (int i = 0; i < 100 && letters.size() < 2; ++i) {
    auto message = consumer.poll(100);
    if (!message) continue;
    const auto letter =
        context->serde().decode({static_cast<const uint8_t*>(message->payload), message->len});
    letters[letter["error_kind"].get<std::string>()] = letter;
  }
  ASSERT_EQ(letters.size(), 2u);
  const auto& delivery = letters["delivery"];
  EXPECT_EQ(delivery["stage"], "webhook/unit");
  EXPECT_EQ(delivery["source_topic"], kAlertsTopic);
  EXPECT_EQ(delivery["reason"], "WebhookDeliveryFailed: HTTP 400, not retried");
  const auto original = serde::base64_decode(delivery["value"].get<std::string>());
  ASSERT_TRUE(original);
  EXPECT_EQ(serde->decode(*original)["alert_id"], "rejected");
  const auto& garbage = letters["deserialization"];
  EXPECT_EQ(garbage["stage"], "webhook/unit");
  EXPECT_EQ(serde::base64_decode(garbage["key"].get<std::string>()),
            (std::vector<uint8_t>{'e', 'v', 't', '-', 'g', 'a', 'r', 'b', 'a', 'g', 'e'}));
}

}  // namespace
}  // namespace sharpline::adapters::alerts
