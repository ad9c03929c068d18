#include "adapters/http/resilient_http_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <thread>
#include <vector>

#include "unit/http_fixture/fixture_server.hpp"

namespace sharpline::adapters::http {
namespace {

using sharpline::testing::FakeClock;
using sharpline::testing::FixtureServer;
using sharpline::testing::ScriptedResponse;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Waits = std::vector<milliseconds>;

std::uint16_t closed_port() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

class ResilientHttpClientTest : public ::testing::Test {
 protected:
  ResilientHttpClientTest() {
    options_.retry.max_attempts = 4;
    options_.retry.base_delay = milliseconds(100);
    options_.retry.max_delay = seconds(10);
    options_.breaker.failure_threshold = 100;  // out of the way unless a test lowers it
  }

  ResilientHttpClient make_client() { return {HttpClient{}, options_, metrics_, clock_.clock()}; }
  double counter(const std::string& name, const Labels& labels) {
    return metrics_.counter(name, "", labels).value();
  }

  FixtureServer server_;
  FakeClock clock_;
  MetricsRegistry metrics_;
  ResilientHttpClientOptions options_;
};

TEST_F(ResilientHttpClientTest, ServesARecordedPayloadWithoutWaiting) {
  auto recorded = ScriptedResponse::recorded("odds_api_v4/wncaab_small_with_empty_bookmakers.json");
  server_.script("/odds", {recorded});
  server_.start();
  auto client = make_client();
  auto response = client.get(server_.url("/odds"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, recorded.body);
  EXPECT_TRUE(clock_.sleeps().empty());
  EXPECT_EQ(counter("sharpline_http_client_requests_total", {{"host", server_.host_port()}}), 1);
}

TEST_F(ResilientHttpClientTest, RetriesServerErrorsWithJitteredExponentialBackoff) {
  server_.script("/flaky",
                 {ScriptedResponse::server_error(500), ScriptedResponse::server_error(502),
                  ScriptedResponse::json(R"({"ok":true})")});
  server_.start();
  clock_.set_random(0.5);
  auto client = make_client();
  auto response = client.get(server_.url("/flaky"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(server_.hits("/flaky"), 3);
  // Half of 100 ms, then half of 200 ms.
  EXPECT_EQ(clock_.sleeps(), (Waits{milliseconds(50), milliseconds(100)}));
  auto host = server_.host_port();
  EXPECT_EQ(counter("sharpline_http_client_requests_total", {{"host", host}}), 3);
  EXPECT_EQ(counter("sharpline_http_client_retries_total", {{"host", host}}), 2);
  EXPECT_EQ(
      counter("sharpline_http_client_failures_total", {{"host", host}, {"reason", "status_5xx"}}),
      2);
}

TEST_F(ResilientHttpClientTest, ReturnsTheLastServerErrorWhenAttemptsRunOut) {
  server_.script("/down", {ScriptedResponse::server_error(500)});
  server_.start();
  clock_.set_random(0.0);
  auto client = make_client();
  auto response = client.get(server_.url("/down"));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(server_.hits("/down"), 4);
  EXPECT_EQ(clock_.sleeps().size(), 3u);
}

TEST_F(ResilientHttpClientTest, DoesNotRetryClientErrors) {
  server_.script("/bad", {ScriptedResponse::json(R"({"message":"bad key"})", 401)});
  server_.script("/gone", {ScriptedResponse::json(R"({"message":"no"})", 404)});
  server_.start();
  auto client = make_client();
  EXPECT_EQ(client.get(server_.url("/bad")).status, 401);
  EXPECT_EQ(client.get(server_.url("/gone")).status, 404);
  EXPECT_EQ(server_.hits("/bad"), 1);
  EXPECT_EQ(server_.hits("/gone"), 1);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(ResilientHttpClientTest, HonoursRetryAfterSecondsOn429) {
  server_.script("/limited",
                 {ScriptedResponse::too_many_requests("3"), ScriptedResponse::json("{}")});
  server_.start();
  auto client = make_client();
  EXPECT_EQ(client.get(server_.url("/limited")).status, 200);
  EXPECT_EQ(clock_.sleeps(), (Waits{seconds(3)}));
  EXPECT_EQ(server_.hits("/limited"), 2);
}

TEST_F(ResilientHttpClientTest, HonoursRetryAfterHttpDateOn503) {
  // The fake wall clock is 2026-03-04T12:00:00Z.
  server_.script("/maintenance", {ScriptedResponse::server_error(503).with_header(
                                      "Retry-After", "Wed, 04 Mar 2026 12:00:07 GMT"),
                                  ScriptedResponse::json("{}")});
  server_.start();
  auto client = make_client();
  EXPECT_EQ(client.get(server_.url("/maintenance")).status, 200);
  EXPECT_EQ(clock_.sleeps(), (Waits{seconds(7)}));
}

TEST_F(ResilientHttpClientTest, GivesUpAtOnceWhenRetryAfterExceedsTheCap) {
  options_.retry.max_retry_after = seconds(60);
  server_.script("/quota",
                 {ScriptedResponse::too_many_requests("3600"), ScriptedResponse::json("{}")});
  server_.start();
  auto client = make_client();
  EXPECT_EQ(client.get(server_.url("/quota")).status, 429);
  EXPECT_EQ(server_.hits("/quota"), 1);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(ResilientHttpClientTest, RetriesASlowResponseThatTimesOut) {
  options_.retry.max_attempts = 2;
  server_.script("/slow", {ScriptedResponse::slow(milliseconds(400))});
  server_.start();
  auto client = make_client();
  EXPECT_THROW(client.get(server_.url("/slow"), {}, milliseconds(100)), HttpError);
  EXPECT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_EQ(counter("sharpline_http_client_failures_total",
                    {{"host", server_.host_port()}, {"reason", "transport"}}),
            2);
}

TEST_F(ResilientHttpClientTest, RetriesTransportErrorsForGetButNotForPost) {
  server_.start();
  auto client = make_client();
  auto url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/odds?apiKey=s3cret";
  try {
    client.get(url);
    FAIL() << "expected HttpError";
  } catch (const HttpError& error) {
    EXPECT_EQ(std::string(error.what()).find("s3cret"), std::string::npos) << error.what();
  }
  EXPECT_EQ(clock_.sleeps().size(), 3u);
  EXPECT_THROW(client.request(HttpMethod::Post, url, "{}"), HttpError);
  EXPECT_EQ(clock_.sleeps().size(), 3u);  // POST may have taken effect: no retry
}

TEST_F(ResilientHttpClientTest, BreakerOpensFailsFastAndRecoversThroughOneTrial) {
  options_.retry.max_attempts = 1;
  options_.breaker = {3, seconds(30)};
  server_.script("/api", {ScriptedResponse::server_error(500)});
  server_.start();
  auto client = make_client();
  auto host = server_.host_port();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(client.get(server_.url("/api")).status, 500);
  EXPECT_EQ(client.breaker_state(host), BreakerState::Open);
  EXPECT_EQ(metrics_.gauge("sharpline_http_client_breaker_state", "", {{"host", host}}).value(), 1);
  try {
    client.get(server_.url("/api"));
    FAIL() << "expected CircuitOpenError";
  } catch (const CircuitOpenError& error) {
    EXPECT_EQ(error.host(), host);
    EXPECT_EQ(error.retry_in(), seconds(30));
    EXPECT_NE(std::string(error.what()).find("circuit breaker open"), std::string::npos);
  }
  EXPECT_EQ(server_.hits("/api"), 3);  // nothing sent while open

  clock_.advance(seconds(30));
  EXPECT_EQ(client.breaker_state(host), BreakerState::HalfOpen);
  EXPECT_EQ(client.get(server_.url("/api")).status, 500);  // the trial fails: open again
  EXPECT_THROW(client.get(server_.url("/api")), CircuitOpenError);
  EXPECT_EQ(server_.hits("/api"), 4);

  clock_.advance(seconds(30));
  server_.script("/api", {ScriptedResponse::json("{}")});
  EXPECT_EQ(client.get(server_.url("/api")).status, 200);
  EXPECT_EQ(client.breaker_state(host), BreakerState::Closed);
  EXPECT_EQ(metrics_.gauge("sharpline_http_client_breaker_state", "", {{"host", host}}).value(), 0);
  EXPECT_EQ(
      counter("sharpline_http_client_failures_total", {{"host", host}, {"reason", "circuit_open"}}),
      2);
}

TEST_F(ResilientHttpClientTest, BreakerIgnores429AndClientErrors) {
  options_.retry.max_attempts = 1;
  options_.breaker = {2, seconds(30)};
  server_.script("/limited", {ScriptedResponse::too_many_requests("1")});
  server_.script("/missing", {ScriptedResponse::json("{}", 404)});
  server_.start();
  auto client = make_client();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(client.get(server_.url("/limited")).status, 429);
    EXPECT_EQ(client.get(server_.url("/missing")).status, 404);
  }
  EXPECT_EQ(client.breaker_state(server_.host_port()), BreakerState::Closed);
}

TEST_F(ResilientHttpClientTest, BudgetRefusesWithoutSendingAndRefillsAfterTheWindow) {
  options_.budget = {2, seconds(60)};
  server_.script("/odds", {ScriptedResponse::json("[]")});
  server_.start();
  auto client = make_client();
  EXPECT_EQ(client.get(server_.url("/odds")).status, 200);
  clock_.advance(seconds(15));
  EXPECT_EQ(client.get(server_.url("/odds")).status, 200);
  try {
    client.get(server_.url("/odds"));
    FAIL() << "expected BudgetExceededError";
  } catch (const BudgetExceededError& error) {
    EXPECT_EQ(error.retry_in(), seconds(45));
    EXPECT_NE(std::string(error.what()).find("request budget"), std::string::npos);
  }
  EXPECT_EQ(server_.hits("/odds"), 2);
  clock_.advance(seconds(45));
  EXPECT_EQ(client.get(server_.url("/odds")).status, 200);
  EXPECT_EQ(server_.hits("/odds"), 3);
}

TEST_F(ResilientHttpClientTest, RetriesCountAgainstTheBudget) {
  options_.budget = {2, seconds(60)};
  server_.script("/flaky", {ScriptedResponse::server_error(500)});
  server_.start();
  auto client = make_client();
  // Attempt 1 and 2 are sent; attempt 3 would exceed the budget.
  EXPECT_THROW(client.get(server_.url("/flaky")), BudgetExceededError);
  EXPECT_EQ(server_.hits("/flaky"), 2);
}

TEST_F(ResilientHttpClientTest, ConcurrentCallersNeverExceedTheBudget) {
  options_.budget = {5, seconds(60)};
  server_.script("/odds", {ScriptedResponse::json("[]")});
  server_.start();
  auto client = make_client();
  std::atomic<int> sent{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> callers;
  callers.reserve(12);
  for (int i = 0; i < 12; ++i) {
    callers.emplace_back([&] {
      try {
        if (client.get(server_.url("/odds")).status == 200) ++sent;
      } catch (const BudgetExceededError&) {
        ++refused;
      }
    });
  }
  for (auto& caller : callers) caller.join();
  EXPECT_EQ(sent.load(), 5);
  EXPECT_EQ(refused.load(), 7);
  EXPECT_EQ(server_.hits("/odds"), 5);
}

TEST_F(ResilientHttpClientTest, AnInvalidArgumentDoesNotStrandTheHalfOpenTrial) {
  options_.retry.max_attempts = 1;
  options_.breaker = {1, seconds(30)};
  server_.script("/api", {ScriptedResponse::server_error(500), ScriptedResponse::json("{}")});
  server_.start();
  auto client = make_client();
  EXPECT_EQ(client.get(server_.url("/api")).status, 500);
  clock_.advance(seconds(30));
  EXPECT_THROW(client.get(server_.url("/api"), {}, milliseconds(0)), std::invalid_argument);
  EXPECT_EQ(client.breaker_state(server_.host_port()), BreakerState::HalfOpen);
  EXPECT_EQ(client.get(server_.url("/api")).status, 200);  // the trial slot is free again
  EXPECT_EQ(client.breaker_state(server_.host_port()), BreakerState::Closed);
}

}  // namespace
}  // namespace sharpline::adapters::http
