#include "adapters/sources/odds_api_client.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <mutex>
#include <sstream>

#include "adapters/http/http_server.hpp"
#include "adapters/sources/iso_time.hpp"
#include "unit/collect/collect_test_support.hpp"
#include "unit/http_fixture/fixture_server.hpp"

namespace sharpline::adapters::sources {
namespace {

using sharpline::testing::FakeClock;
using sharpline::testing::FixtureServer;
using sharpline::testing::ScriptedResponse;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Waits = std::vector<milliseconds>;

constexpr const char* kKey = "sk-test-0123456789abcdef";
constexpr const char* kMlbPath = "/v4/sports/baseball_mlb/odds";
constexpr const char* kMlbFile = "mlb_2026-08-08T1915Z.json";
constexpr const char* kMlbPoll = "2026-08-08T19:15:00Z";  // the file's poll time (its name)

const entities::EntityResolver& resolver() {
  static const entities::EntityResolver loaded = entities::EntityResolver::load();
  return loaded;
}

// Every log line written while it lives (the process's default spdlog logger is swapped).
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(lines_);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::trace);
    logger->set_pattern("%l %v");
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  std::string text() {
    spdlog::default_logger()->flush();
    return lines_.str();
  }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream lines_;
};

std::uint16_t closed_port() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

class OddsApiClientTest : public ::testing::Test {
 protected:
  OddsApiClientTest() {
    http_options_.retry.max_attempts = 3;
    http_options_.retry.base_delay = milliseconds(100);
    http_options_.breaker.failure_threshold = 100;  // out of the way unless a test lowers it
    // The recorded payload's poll time, so its last_update stamps are not "in the future".
    clock_.advance(std::chrono::duration_cast<milliseconds>(
        std::chrono::system_clock::time_point{milliseconds(*parse_iso8601_ms(kMlbPoll))} -
        clock_.wall_now()));
    options_.api_key = kKey;
    options_.odds_format = OddsFormat::kAmerican;
  }

  // Builds the HTTP client and the API client against `base` (default: the fixture server).
  OddsApiClient& client(const std::string& base = "") {
    http_ = std::make_unique<http::ResilientHttpClient>(http::HttpClient{}, http_options_, metrics_,
                                                        clock_.clock());
    options_.base_url = base.empty() ? server_.url("") : base;
    client_ = std::make_unique<OddsApiClient>(*http_, quota_, options_, clock_.clock().wall_now);
    return *client_;
  }
  double gauge(const std::string& name) {
    return metrics_.gauge(name, "", {{"provider", "the-odds-api"}}).value();
  }
  static int64_t ms(const char* iso) { return *parse_iso8601_ms(iso); }

  FixtureServer server_;
  FakeClock clock_;
  MetricsRegistry metrics_;
  http::ResilientHttpClientOptions http_options_;
  http::QuotaTracker quota_{milliseconds(0), "the-odds-api", metrics_};
  OddsApiOptions options_;
  std::unique_ptr<http::ResilientHttpClient> http_;
  std::unique_ptr<OddsApiClient> client_;
};

TEST_F(OddsApiClientTest, RecordedPayloadParsesIntoTheSameQuotesAsTheFilePath) {
  SHARPLINE_REQUIRE_DATA();
  server_.script(kMlbPath, {ScriptedResponse::recorded("odds_api_v4/" + std::string(kMlbFile))
                                .with_header("x-requests-remaining", "19412")
                                .with_header("x-requests-used", "588")
                                .with_header("x-requests-last", "3")});
  server_.start();
  const auto result = client().fetch("baseball_mlb");
  ASSERT_TRUE(result.ok()) << result.failure().message;
  EXPECT_EQ(result.sport, "baseball_mlb");
  const Snapshot& live = result.snapshot();
  EXPECT_EQ(live.poll_ms, ms(kMlbPoll));  // when the response arrived (fake wall clock)
  EXPECT_TRUE(clock_.sleeps().empty());

  const auto file = read_single_response(collect_test::odds_api_file(kMlbFile), ms(kMlbPoll));
  const auto from_api =
      parse_odds_response(live.response, live.poll_ms, OddsFormat::kAmerican, resolver());
  const auto from_file =
      parse_odds_response(file.response, file.poll_ms, OddsFormat::kAmerican, resolver());
  EXPECT_EQ(from_api.events.size(), 25U);
  EXPECT_GT(from_api.quotes.size(), 100U);
  EXPECT_TRUE(from_api.rejected.empty());
  EXPECT_EQ(from_api.quotes, from_file.quotes);
  EXPECT_EQ(from_api.events, from_file.events);

  // The quota headers reached the tracker and its gauges.
  EXPECT_EQ(quota_.remaining(), 19412);
  EXPECT_EQ(quota_.used(), 588);
  EXPECT_EQ(quota_.last_cost(), 3);
  EXPECT_EQ(gauge("sharpline_odds_api_requests_remaining"), 19412);
  EXPECT_EQ(gauge("sharpline_odds_api_requests_used"), 588);
  EXPECT_EQ(gauge("sharpline_odds_api_requests_last"), 3);
}

TEST_F(OddsApiClientTest, RequestCarriesKeyRegionsMarketsFormatAndBookmakers) {
  // A capturing server: FixtureServer does not show the request.
  http::HttpServerOptions server_options;
  server_options.port = 0;
  http::HttpServer capture(server_options);
  std::mutex mutex;
  std::vector<http::HttpRequest> seen;
  capture.route(http::HttpMethod::Get, "/v4/sports/{sport}/odds",
                [&](const http::HttpRequest& request) {
                  std::lock_guard lock(mutex);
                  seen.push_back(request);
                  http::HttpResponse response = http::HttpResponse::text(200, "[]");
                  response.content_type = "application/json";
                  response.headers = {{"x-requests-remaining", "500"}};
                  return response;
                });
  capture.start();
  options_.regions = "us,uk";
  options_.bookmakers = "fanduel, draftkings";
  auto& odds = client("http://" + capture.address() + "/");  // a trailing slash is fine
  const auto result = odds.fetch("baseball_mlb");
  capture.stop();
  ASSERT_TRUE(result.ok()) << result.failure().message;
  EXPECT_TRUE(result.snapshot().response.empty());
  ASSERT_EQ(seen.size(), 1U);
  const auto& request = seen[0];
  EXPECT_EQ(request.path_param("sport"), "baseball_mlb");
  EXPECT_EQ(request.query_param("apiKey"), kKey);
  EXPECT_EQ(request.query_param("regions"), "us,uk");
  EXPECT_EQ(request.query_param("markets"), "h2h,spreads,totals");
  EXPECT_EQ(request.query_param("oddsFormat"), "american");
  EXPECT_EQ(request.query_param("dateFormat"), "iso");
  EXPECT_EQ(request.query_param("bookmakers"), "fanduel,draftkings");
  EXPECT_EQ(quota_.remaining(), 500);

  EXPECT_EQ(odds.request_url("baseball_mlb"),
            "http://" + capture.address() + "/v4/sports/baseball_mlb/odds?apiKey=" + kKey +
                "&regions=us,uk&markets=h2h,spreads,totals&oddsFormat=american&dateFormat=iso"
                "&bookmakers=fanduel,draftkings");
  const auto redacted = odds.redacted_url("baseball_mlb");
  EXPECT_EQ(redacted.find(kKey), std::string::npos);
  EXPECT_NE(redacted.find("apiKey=***"), std::string::npos);
}

TEST_F(OddsApiClientTest, DecimalIsTheDefaultFormatAndBookmakersAreOptional) {
  OddsApiOptions options;
  options.api_key = "k";
  options.base_url = "https://api.the-odds-api.com";
  http::ResilientHttpClient http(http::HttpClient{}, {}, metrics_, clock_.clock());
  OddsApiClient odds(http, quota_, options);
  EXPECT_EQ(odds.request_url("americanfootball_nfl"),
            "https://api.the-odds-api.com/v4/sports/americanfootball_nfl/odds?apiKey=k"
            "&regions=us&markets=h2h,spreads,totals&oddsFormat=decimal&dateFormat=iso");
  options.api_key = "";
  EXPECT_THROW(OddsApiClient(http, quota_, options), std::invalid_argument);
  options.api_key = "k";
  options.base_url = "ftp://example.com";
  EXPECT_THROW(OddsApiClient(http, quota_, options), std::invalid_argument);
  options.base_url = "https://example.com/?apiKey=x";
  EXPECT_THROW(OddsApiClient(http, quota_, options), std::invalid_argument);
}

TEST_F(OddsApiClientTest, TooManyRequestsWaitsExactlyRetryAfterThenSucceeds) {
  server_.script(kMlbPath,
                 {ScriptedResponse::too_many_requests("7"),
                  ScriptedResponse::json("[]").with_header("x-requests-remaining", "42")});
  server_.start();
  const auto result = client().fetch("baseball_mlb");
  ASSERT_TRUE(result.ok()) << result.failure().message;
  EXPECT_EQ(clock_.sleeps(), (Waits{seconds(7)}));
  EXPECT_EQ(server_.hits(kMlbPath), 2);
  // Arrival time is after the wait.
  EXPECT_EQ(result.snapshot().poll_ms, ms(kMlbPoll) + 7000);
  EXPECT_EQ(quota_.remaining(), 42);
}

TEST_F(OddsApiClientTest, ServerErrorIsRetriedThenSucceeds) {
  server_.script(kMlbPath, {ScriptedResponse::server_error(500), ScriptedResponse::json("[]")});
  server_.start();
  clock_.set_random(0.5);
  const auto result = client().fetch("baseball_mlb");
  ASSERT_TRUE(result.ok()) << result.failure().message;
  EXPECT_EQ(server_.hits(kMlbPath), 2);
  EXPECT_EQ(clock_.sleeps(), (Waits{milliseconds(50)}));  // half of the 100 ms ceiling
}

TEST_F(OddsApiClientTest, ServerErrorForeverIsAFailureResultNotAnException) {
  server_.script(kMlbPath,
                 {ScriptedResponse::server_error(500).with_header("x-requests-remaining", "77")});
  server_.start();
  OddsFetchResult result;
  ASSERT_NO_THROW(result = client().fetch("baseball_mlb"));
  ASSERT_FALSE(result.ok());
  const auto& failure = result.failure();
  EXPECT_EQ(failure.kind, OddsFetchErrorKind::kHttpStatus);
  EXPECT_EQ(failure.status, 500);
  EXPECT_NE(failure.message.find("HTTP 500"), std::string::npos) << failure.message;
  EXPECT_NE(failure.message.find("upstream failure"), std::string::npos) << failure.message;
  EXPECT_EQ(server_.hits(kMlbPath), 3);  // max_attempts
  EXPECT_EQ(quota_.remaining(), 77);     // error responses carry the quota too
}

TEST_F(OddsApiClientTest, UnauthorizedIsNotRetriedAndShowsTheApiMessage) {
  server_.script(kMlbPath,
                 {ScriptedResponse::json(
                     R"({"message":"API key is not valid","error_code":"INVALID_KEY"})", 401)});
  server_.start();
  const auto result = client().fetch("baseball_mlb");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().kind, OddsFetchErrorKind::kHttpStatus);
  EXPECT_EQ(result.failure().status, 401);
  EXPECT_NE(result.failure().message.find("API key is not valid"), std::string::npos);
  EXPECT_EQ(server_.hits(kMlbPath), 1);
}

TEST_F(OddsApiClientTest, TruncatedJsonIsANotJsonFailureKeepingTheBody) {
  server_.script(kMlbPath, {ScriptedResponse::truncated_json()});
  server_.start();
  const auto result = client().fetch("baseball_mlb");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().kind, OddsFetchErrorKind::kNotJson);
  EXPECT_EQ(result.failure().status, 200);
  EXPECT_NE(result.failure().message.find("not JSON"), std::string::npos);
  EXPECT_EQ(result.failure().body, ScriptedResponse::truncated_json().body);
  EXPECT_EQ(server_.hits(kMlbPath), 1);  // a 200 is not retried
}

TEST_F(OddsApiClientTest, JsonObjectInsteadOfTheArrayIsANotArrayFailure) {
  server_.script("/v4/sports/a/odds", {ScriptedResponse::wrong_types()});
  server_.script("/v4/sports/b/odds",
                 {ScriptedResponse::json(R"({"message":"Unknown sport","error_code":"X"})")});
  server_.start();
  auto& odds = client();
  const auto a = odds.fetch("a");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.failure().kind, OddsFetchErrorKind::kNotArray);
  EXPECT_NE(a.failure().message.find("not an array"), std::string::npos) << a.failure().message;
  EXPECT_NE(a.failure().message.find("object"), std::string::npos) << a.failure().message;
  EXPECT_EQ(a.failure().body, ScriptedResponse::wrong_types().body);
  const auto b = odds.fetch("b");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.failure().kind, OddsFetchErrorKind::kNotArray);
  EXPECT_NE(b.failure().message.find("Unknown sport"), std::string::npos) << b.failure().message;
}

TEST_F(OddsApiClientTest, ArrayOfMistypedEventsParsesWithRejectedItems) {
  SHARPLINE_REQUIRE_DATA();
  auto events = nlohmann::json::parse(
      sharpline::testing::read_text_file(collect_test::odds_api_file(kMlbFile).string()));
  nlohmann::json body = nlohmann::json::array(
      {events[0], "not an event", {{"id", 42}, {"commence_time", true}, {"bookmakers", "none"}}});
  server_.script(kMlbPath, {ScriptedResponse::json(body.dump())});
  server_.start();
  const auto result = client().fetch("baseball_mlb");
  ASSERT_TRUE(result.ok()) << result.failure().message;
  const auto parsed = parse_odds_response(result.snapshot().response, result.snapshot().poll_ms,
                                          OddsFormat::kAmerican, resolver());
  EXPECT_EQ(parsed.events.size(), 1U);
  EXPECT_EQ(parsed.rejected.size(), 2U);
  EXPECT_FALSE(parsed.quotes.empty());
}

TEST_F(OddsApiClientTest, SlowResponseBeyondTheTimeoutFailsAfterRetries) {
  server_.script(kMlbPath, {ScriptedResponse::slow(milliseconds(700), "[]")});
  server_.start();
  http_options_.retry.max_attempts = 2;
  options_.timeout = milliseconds(100);
  const auto started = std::chrono::steady_clock::now();
  const auto result = client().fetch("baseball_mlb");
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().kind, OddsFetchErrorKind::kTransport);
  EXPECT_NE(result.failure().message.find("timed out"), std::string::npos)
      << result.failure().message;
  EXPECT_EQ(clock_.sleeps().size(), 1U);  // one retry, waited on the fake clock
  EXPECT_LT(took, seconds(2));            // each attempt was cut at 100 ms
}

TEST_F(OddsApiClientTest, ConnectionRefusedIsATransportFailure) {
  http_options_.retry.max_attempts = 1;
  const auto result =
      client("http://127.0.0.1:" + std::to_string(closed_port())).fetch("baseball_mlb");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().kind, OddsFetchErrorKind::kTransport);
  EXPECT_EQ(result.failure().status, 0);
}

TEST_F(OddsApiClientTest, OpenCircuitIsANotSentFailureWithRetryIn) {
  server_.script(kMlbPath, {ScriptedResponse::server_error(503)});
  server_.start();
  http_options_.retry.max_attempts = 1;
  http_options_.breaker = {1, seconds(30)};
  auto& odds = client();
  EXPECT_EQ(odds.fetch("baseball_mlb").failure().kind, OddsFetchErrorKind::kHttpStatus);
  const auto result = odds.fetch("baseball_mlb");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().kind, OddsFetchErrorKind::kNotSent);
  ASSERT_TRUE(result.failure().retry_in);
  EXPECT_EQ(*result.failure().retry_in, seconds(30));
  EXPECT_EQ(server_.hits(kMlbPath), 1);
}

TEST_F(OddsApiClientTest, TheApiKeyNeverAppearsInFailuresOrLogs) {
  // A body that echoes the key, retried errors (logged by the HTTP client), a bad body, a
  // timeout, an open circuit and a refused connection: every text that leaves the client.
  const std::string echo = std::string(R"({"message":"key )") + kKey + R"( is not valid"})";
  server_.script("/v4/sports/echo/odds", {ScriptedResponse::json(echo, 401)});
  server_.script("/v4/sports/echo200/odds", {ScriptedResponse::json(echo)});
  server_.script("/v4/sports/down/odds", {ScriptedResponse::server_error(500)});
  server_.script("/v4/sports/cut/odds", {ScriptedResponse::truncated_json()});
  server_.script("/v4/sports/slow/odds", {ScriptedResponse::slow(milliseconds(500), "[]")});
  server_.start();
  http_options_.retry.max_attempts = 2;
  http_options_.breaker = {6, seconds(30)};  // opens during the "down" polls below
  options_.timeout = milliseconds(100);
  LogCapture logs;
  auto& odds = client();
  std::vector<OddsFetchResult> results;
  for (const char* sport : {"echo", "echo200", "cut", "slow", "down", "down", "down"})
    results.push_back(odds.fetch(sport));
  results.push_back(
      client("http://127.0.0.1:" + std::to_string(closed_port())).fetch("baseball_mlb"));

  std::vector<OddsFetchErrorKind> kinds;
  for (const auto& result : results) {
    ASSERT_FALSE(result.ok()) << result.sport;
    kinds.push_back(result.failure().kind);
    EXPECT_EQ(result.failure().message.find(kKey), std::string::npos) << result.failure().message;
    EXPECT_EQ(result.failure().body.find(kKey), std::string::npos) << result.failure().body;
  }
  using K = OddsFetchErrorKind;
  EXPECT_EQ(kinds, (std::vector<K>{K::kHttpStatus, K::kNotArray, K::kNotJson, K::kTransport,
                                   K::kHttpStatus, K::kHttpStatus, K::kNotSent, K::kTransport}));
  EXPECT_NE(results[0].failure().message.find("key *** is not valid"), std::string::npos)
      << results[0].failure().message;
  const std::string text = logs.text();
  EXPECT_NE(text.find("odds api poll failed"), std::string::npos) << text;
  EXPECT_NE(text.find("http request retry"), std::string::npos) << text;  // the client's own
  EXPECT_NE(text.find("apiKey=***"), std::string::npos) << text;
  EXPECT_EQ(text.find(kKey), std::string::npos) << text;
}

}  // namespace
}  // namespace sharpline::adapters::sources
