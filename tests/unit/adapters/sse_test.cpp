#include <gtest/gtest.h>

#include "adapters/http/http_server.hpp"
#include "adapters/http/sse_broadcaster.hpp"
#include "unit/adapters/http_test_support.hpp"

namespace sharpline::adapters::http {
namespace {

using std::chrono::milliseconds;
using testing::eventually;
using testing::RawClient;

HttpServerOptions sse_options(milliseconds heartbeat = milliseconds(60000)) {
  HttpServerOptions options;
  options.port = 0;
  options.sse.heartbeat_interval = heartbeat;
  return options;
}

void subscribe(RawClient& client) {
  client.send("GET /alerts/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n");
}

TEST(SseFormat, SplitsDataIntoOneFieldPerLine) {
  EXPECT_EQ(format_sse_event("alert", "{\"a\":1}"), "event: alert\ndata: {\"a\":1}\n\n");
  EXPECT_EQ(format_sse_event("", "one\ntwo\r\nthree\rfour"),
            "data: one\ndata: two\ndata: three\ndata: four\n\n");
  EXPECT_EQ(format_sse_event("e", ""), "event: e\ndata: \n\n");
  EXPECT_EQ(format_sse_event("e", "x\n"), "event: e\ndata: x\n\n");
  EXPECT_EQ(format_sse_event("bad\nevent: forged", "x"), "event: bad event: forged\ndata: x\n\n");
}

TEST(Sse, RawClientReceivesTwoPublishedEvents) {
  HttpServer server(sse_options());
  auto stream = server.sse("/alerts/stream");
  server.start();
  RawClient client(server.port());
  subscribe(client);
  ASSERT_TRUE(client.read_until("\r\n\r\n"));
  EXPECT_EQ(client.received().rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  EXPECT_NE(client.received().find("Content-Type: text/event-stream\r\n"), std::string::npos);
  ASSERT_TRUE(eventually([&] { return stream->client_count() == 1; }));

  stream->publish("alert", R"({"id":1})");
  stream->publish("alert", R"({"id":2})");
  ASSERT_TRUE(client.read_until("data: {\"id\":2}\n\n"));
  const auto& raw = client.received();
  auto first = raw.find("event: alert\ndata: {\"id\":1}\n\n");
  auto second = raw.find("event: alert\ndata: {\"id\":2}\n\n");
  ASSERT_NE(first, std::string::npos) << raw;
  EXPECT_LT(first, second);
}

TEST(Sse, EveryClientGetsEveryEvent) {
  HttpServer server(sse_options());
  auto stream = server.sse("/alerts/stream");
  server.start();
  RawClient a(server.port());
  RawClient b(server.port());
  subscribe(a);
  subscribe(b);
  ASSERT_TRUE(eventually([&] { return stream->client_count() == 2; }));
  stream->publish("tick", "1");
  EXPECT_TRUE(a.read_until("event: tick\ndata: 1\n\n"));
  EXPECT_TRUE(b.read_until("event: tick\ndata: 1\n\n"));
}

TEST(Sse, IdleStreamGetsHeartbeatComments) {
  HttpServer server(sse_options(milliseconds(30)));
  auto stream = server.sse("/alerts/stream");
  server.start();
  RawClient client(server.port());
  subscribe(client);
  EXPECT_TRUE(client.read_until(": heartbeat\n\n", milliseconds(2000)));
}

TEST(Sse, ClosedClientIsDropped) {
  HttpServer server(sse_options());
  auto stream = server.sse("/alerts/stream");
  server.start();
  {
    RawClient client(server.port());
    subscribe(client);
    ASSERT_TRUE(eventually([&] { return stream->client_count() == 1; }));
  }
  EXPECT_TRUE(eventually([&] { return stream->client_count() == 0; }));
  stream->publish("alert", "nobody listens");  // must not fail
}

TEST(Sse, SlowClientIsDroppedWithoutBlockingThePublisher) {
  auto options = sse_options();
  options.sse.max_queued_bytes = 1024 * 1024;
  HttpServer server(options);
  auto stream = server.sse("/alerts/stream");
  server.start();
  RawClient reader(server.port());
  RawClient stalled(server.port(), 4096);  // subscribes, then never reads
  subscribe(reader);
  subscribe(stalled);
  ASSERT_TRUE(eventually([&] { return stream->client_count() == 2; }));

  // Rounds of 256 KiB: the reader keeps up (the test reads each round), the stalled client's
  // backlog grows until it passes max_queued_bytes.
  const std::string payload(16 * 1024, 'x');
  std::chrono::steady_clock::duration publishing{};
  int rounds = 0;
  for (; rounds < 100 && stream->client_count() == 2; ++rounds) {
    auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 16; ++i) stream->publish("bulk", payload);
    stream->publish("round", std::to_string(rounds));
    publishing += std::chrono::steady_clock::now() - started;
    ASSERT_TRUE(reader.read_until("event: round\ndata: " + std::to_string(rounds) + "\n\n"))
        << "the reading client fell behind in round " << rounds;
    reader.clear();
  }
  EXPECT_TRUE(eventually([&] { return stream->client_count() == 1; }));
  EXPECT_LT(publishing, std::chrono::seconds(1)) << "publish() waited on a client";
  stream->publish("after", "1");
  EXPECT_TRUE(reader.read_until("event: after\ndata: 1\n\n"));
}

TEST(Sse, PublishingBeforeStartAndAfterStopReachesNobodyAndIsSafe) {
  std::shared_ptr<SseBroadcaster> stream;
  {
    HttpServer server(sse_options());
    stream = server.sse("/alerts/stream");
    stream->publish("early", "x");
    server.start();
    RawClient client(server.port());
    subscribe(client);
    ASSERT_TRUE(eventually([&] { return stream->client_count() == 1; }));
    server.stop();
    EXPECT_EQ(stream->client_count(), 0u);
    EXPECT_TRUE(client.wait_for_close(milliseconds(2000)));
  }
  stream->publish("late", "x");
  EXPECT_EQ(stream->client_count(), 0u);
}

}  // namespace
}  // namespace sharpline::adapters::http
