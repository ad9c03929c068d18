#include "cli/live_feed.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "adapters/http/http_client.hpp"
#include "cli/bus_context.hpp"
#include "runtime/kafka/embedded_broker.hpp"
#include "runtime/kafka/producer.hpp"
#include "serde/embedded_schema_registry.hpp"
#include "serde/schema_dir.hpp"
#include "unit/adapters/http_test_support.hpp"

namespace sharpline::cli {
namespace {

using nlohmann::json;
using testing::eventually;

constexpr int64_t kNow = 1'800'000'000'000;

json example(const std::string& name) {
  std::ifstream in(serde::find_schemas_dir() / "examples" / (name + ".json"));
  return json::parse(in);
}

json opportunity(const std::string& id, const std::string& state, double ev,
                 int64_t as_of = kNow - 1000) {
  json record = example("opportunity");
  record["opportunity_id"] = id;
  record["state"] = state;
  record["expected_value"] = ev;
  record["commence_ms"] = kNow + 3'600'000;
  record["as_of_ms"] = as_of;
  if (state == "CLOSED") record["closed_reason"] = "price_moved";
  return record;
}

json alert(const std::string& id, int64_t created) {
  json record = example("alert");
  record["alert_id"] = id;
  record["title"] = "title " + id;
  record["created_ms"] = created;
  return record;
}

std::vector<std::string> ids(const json& records, const char* field) {
  std::vector<std::string> out;
  for (const auto& record : records) out.push_back(record[field]);
  return out;
}

TEST(LiveFeedState, OpportunitiesOpenUpdateAndCloseSortedByEv) {
  LiveFeedState state(10, 10);
  EXPECT_EQ(state.apply_opportunity(opportunity("a", "OPEN", 0.02), kNow).size(), 1U);
  state.apply_opportunity(opportunity("b", "OPEN", 0.05), kNow);
  state.apply_opportunity(opportunity("c", "OPEN", 0.03), kNow);
  EXPECT_EQ(ids(state.open_opportunities(), "opportunity_id"),
            (std::vector<std::string>{"b", "c", "a"}));

  // An update replaces the record (and can reorder); a close removes it.
  state.apply_opportunity(opportunity("a", "UPDATED", 0.09), kNow);
  EXPECT_EQ(ids(state.open_opportunities(), "opportunity_id"),
            (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(state.open_opportunities()[0]["state"], "UPDATED");
  auto closed = state.apply_opportunity(opportunity("b", "CLOSED", 0.05), kNow);
  ASSERT_EQ(closed.size(), 1U);
  EXPECT_EQ(closed[0]["state"], "CLOSED");  // published so pages drop it
  EXPECT_EQ(ids(state.open_opportunities(), "opportunity_id"),
            (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(state.open_count(), 2U);
}

TEST(LiveFeedState, NullEvSortsLastAndBadRecordsAreIgnored) {
  LiveFeedState state(10, 10);
  json no_ev = opportunity("x", "OPEN", 0.0);
  no_ev["expected_value"] = nullptr;
  state.apply_opportunity(no_ev, kNow);
  state.apply_opportunity(opportunity("y", "OPEN", -0.01), kNow);
  EXPECT_EQ(ids(state.open_opportunities(), "opportunity_id"),
            (std::vector<std::string>{"y", "x"}));
  EXPECT_TRUE(state.apply_opportunity(json{{"state", "OPEN"}}, kNow).empty());
  EXPECT_FALSE(state.add_alert(json{{"title", "no id"}}));
}

TEST(LiveFeedState, StartedEventsExpire) {
  LiveFeedState state(10, 10);
  json soon = opportunity("soon", "OPEN", 0.04);
  soon["commence_ms"] = kNow + 500;
  state.apply_opportunity(soon, kNow);
  json unknown_start = opportunity("tbd", "OPEN", 0.01);
  unknown_start["commence_ms"] = nullptr;  // no kickoff known: never expires by time
  state.apply_opportunity(unknown_start, kNow);
  EXPECT_TRUE(state.expire(kNow).empty());
  auto expired = state.expire(kNow + 500);
  ASSERT_EQ(expired.size(), 1U);
  EXPECT_EQ(expired[0]["opportunity_id"], "soon");
  EXPECT_EQ(expired[0]["state"], "CLOSED");
  EXPECT_EQ(expired[0]["closed_reason"], "event_started");
  EXPECT_EQ(ids(state.open_opportunities(), "opportunity_id"), (std::vector<std::string>{"tbd"}));

  // Read back after kickoff: never shown as open.
  json late = opportunity("late", "OPEN", 0.2);
  late["commence_ms"] = kNow - 1;
  auto changes = state.apply_opportunity(late, kNow);
  ASSERT_EQ(changes.size(), 1U);
  EXPECT_EQ(changes[0]["state"], "CLOSED");
  EXPECT_EQ(state.open_count(), 1U);
}

TEST(LiveFeedState, OpenSetIsBoundedByDroppingTheStalest) {
  LiveFeedState state(10, 2);
  state.apply_opportunity(opportunity("old", "OPEN", 0.5, kNow - 9000), kNow);
  state.apply_opportunity(opportunity("mid", "OPEN", 0.1, kNow - 5000), kNow);
  auto changes = state.apply_opportunity(opportunity("new", "OPEN", 0.2, kNow - 1000), kNow);
  ASSERT_EQ(changes.size(), 2U);
  EXPECT_EQ(changes[1]["opportunity_id"], "old");
  EXPECT_EQ(changes[1]["state"], "CLOSED");
  EXPECT_EQ(changes[1]["closed_reason"], "evicted");
  EXPECT_EQ(ids(state.open_opportunities(), "opportunity_id"),
            (std::vector<std::string>{"new", "mid"}));
}

TEST(LiveFeedState, AlertRingKeepsTheNewestNewestFirst) {
  LiveFeedState state(3, 10);
  EXPECT_TRUE(state.add_alert(alert("a1", 100)));
  EXPECT_TRUE(state.add_alert(alert("a3", 300)));
  EXPECT_TRUE(state.add_alert(alert("a2", 200)));   // partitions interleave: order by created_ms
  EXPECT_FALSE(state.add_alert(alert("a2", 200)));  // duplicate id
  EXPECT_EQ(ids(state.recent_alerts(), "alert_id"), (std::vector<std::string>{"a3", "a2", "a1"}));
  EXPECT_TRUE(state.add_alert(alert("a4", 400)));
  EXPECT_EQ(ids(state.recent_alerts(), "alert_id"), (std::vector<std::string>{"a4", "a3", "a2"}));
  EXPECT_FALSE(state.add_alert(alert("a0", 50)));  // older than everything kept
  EXPECT_EQ(state.recent_alerts().size(), 3U);
}

// End to end on the embedded broker: a process's start_http() serves the page; records produced
// to the topics show up in the JSON snapshots and on the SSE stream.
class LiveFeedBus : public ::testing::Test {
 protected:
  void SetUp() override {
    Config config = Config::defaults();
    config.set("http.listen", "127.0.0.1:0", ConfigSource::kFlag, "test");
    config.set("http.live.alerts", "2", ConfigSource::kFlag, "test");
    context_ = BusContext::open(config);
    producer_ = std::make_unique<runtime::kafka::Producer>(context_->bus().client_properties());
  }

  void produce(const std::string& topic, const json& record) {
    std::vector<uint8_t> bytes;
    context_->serde().encode(topic, record, bytes);
    runtime::kafka::OutgoingRecord out;
    out.topic = topic;
    out.key = record["event_id"].get<std::string>();
    out.value = bytes;
    producer_->send(out);
    producer_->flush(10000);
  }

  json get(const std::string& path) {
    auto response = client_.get("http://" + address_ + path);
    EXPECT_EQ(response.status, 200) << path;
    return json::parse(response.body);
  }

  std::unique_ptr<BusContext> context_;
  std::unique_ptr<runtime::kafka::Producer> producer_;
  adapters::http::HttpClient client_;
  std::string address_;
};

TEST_F(LiveFeedBus, ReadsBackHistoryThenStreamsNewRecords) {
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  // Before the process starts its page: three alerts (only the newest two are kept) and an
  // opportunity that opened and closed, plus one still open.
  for (int i = 1; i <= 3; ++i) produce(kLiveAlertsTopic, alert("old" + std::to_string(i), now + i));
  json gone = opportunity("gone", "OPEN", 0.04);
  gone["commence_ms"] = now + 3'600'000;
  produce(kLiveOpportunitiesTopic, gone);
  gone["state"] = "CLOSED";
  gone["closed_reason"] = "price_moved";
  produce(kLiveOpportunitiesTopic, gone);
  json open = opportunity("open", "OPEN", 0.03);
  open["commence_ms"] = now + 3'600'000;
  produce(kLiveOpportunitiesTopic, open);

  address_ = context_->start_http();
  ASSERT_TRUE(eventually(
      [&] { return get("/api/alerts").size() == 2 && get("/api/opportunities").size() == 1; },
      std::chrono::milliseconds(10000)));
  EXPECT_EQ(ids(get("/api/alerts"), "alert_id"), (std::vector<std::string>{"old3", "old2"}));
  EXPECT_EQ(get("/api/opportunities")[0]["opportunity_id"], "open");
  // GET / is the page for browsers; other clients still get the embedded registry's root.
  auto page = client_.get("http://" + address_ + "/", {{"Accept", "text/html,*/*;q=0.8"}});
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<title>sharpline live</title>"), std::string::npos);
  auto root = client_.get("http://" + address_ + "/");
  EXPECT_EQ(root.header("Content-Type"), "application/vnd.schemaregistry.v1+json");
  EXPECT_EQ(root.body, "{}");

  // A page connected now gets new alerts and opportunity changes as events.
  testing::RawClient stream(context_->http()->port());
  stream.send("GET /alerts/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n");
  ASSERT_TRUE(stream.read_until("\r\n\r\n"));
  produce(kLiveAlertsTopic, alert("new1", now + 10));
  ASSERT_TRUE(stream.read_until("\"alert_id\":\"new1\"", std::chrono::milliseconds(10000)))
      << stream.received();
  EXPECT_NE(stream.received().find("event: alert\ndata: {"), std::string::npos);
  open["state"] = "CLOSED";
  open["closed_reason"] = "edge_below_threshold";
  produce(kLiveOpportunitiesTopic, open);
  ASSERT_TRUE(stream.read_until("\"state\":\"CLOSED\"", std::chrono::milliseconds(10000)))
      << stream.received();
  EXPECT_NE(stream.received().find("event: opportunity\ndata: {"), std::string::npos);
  EXPECT_TRUE(get("/api/opportunities").empty());
  EXPECT_EQ(ids(get("/api/alerts"), "alert_id"), (std::vector<std::string>{"new1", "old3"}));
}

TEST(LiveFeedTopics, WaitsQuietlyForMissingTopicsThenFollowsThem) {
  runtime::kafka::EmbeddedBroker broker(1);  // a bare cluster: no topics yet
  auto make_serde = [] {
    return std::make_unique<serde::TopicSerde>(std::make_shared<serde::EmbeddedSchemaRegistry>(),
                                               std::map<std::string, serde::AvroSchema>{});
  };
  auto state = std::make_shared<LiveFeedState>(10, 10);
  LiveFeedOptions options;
  options.retry = std::chrono::milliseconds(100);
  LiveFeed feed({{"bootstrap.servers", broker.bootstrap()}}, make_serde, state,
                std::make_shared<adapters::http::SseBroadcaster>(), options);
  feed.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  EXPECT_FALSE(feed.following());
  broker.create_topic(kLiveAlertsTopic, 3, 1);
  broker.create_topic(kLiveOpportunitiesTopic, 6, 1);
  EXPECT_TRUE(eventually([&] { return feed.following(); }, std::chrono::milliseconds(10000)));
  const auto before = std::chrono::steady_clock::now();
  feed.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(3));
}

TEST(LiveFeedConfig, DisabledServesNoPageAndBadValuesAreRefused) {
  Config config = Config::defaults();
  config.set("http.listen", "127.0.0.1:0", ConfigSource::kFlag, "test");
  config.set("http.live.enabled", "false", ConfigSource::kFlag, "test");
  auto context = BusContext::open(config);
  const std::string address = context->start_http();
  adapters::http::HttpClient client;
  EXPECT_EQ(client.get("http://" + address + "/api/alerts").status, 404);
  EXPECT_EQ(client.get("http://" + address + "/alerts/stream").status, 404);
  // GET / is the schema registry's root again, whatever the client accepts.
  auto root = client.get("http://" + address + "/", {{"Accept", "text/html"}});
  EXPECT_EQ(root.status, 200);
  EXPECT_EQ(root.body, "{}");

  Config bad = Config::defaults();
  bad.set("http.listen", "127.0.0.1:0", ConfigSource::kFlag, "test");
  bad.set("http.live.alerts", "0", ConfigSource::kFlag, "test");
  auto other = BusContext::open(bad);
  EXPECT_THROW(other->start_http(), std::invalid_argument);
}

}  // namespace
}  // namespace sharpline::cli
