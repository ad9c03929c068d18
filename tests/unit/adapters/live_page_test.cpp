#include "adapters/http/live_page.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "adapters/http/http_client.hpp"
#include "adapters/http/http_server.hpp"
#include "adapters/http/json_response.hpp"
#include "unit/adapters/http_test_support.hpp"

namespace sharpline::adapters::http {
namespace {

using nlohmann::json;
using testing::eventually;
using testing::RawClient;

class LivePageRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    HttpServerOptions options;
    options.port = 0;
    server_ = std::make_unique<HttpServer>(options);
    LivePageSources sources;
    sources.opportunities = [this] { return opportunities_; };
    sources.alerts = [] { return json::array({{{"alert_id", "a2"}}, {{"alert_id", "a1"}}}); };
    stream_ = add_live_page_routes(*server_, std::move(sources));
    server_->start();
    base_ = "http://" + server_->address();
  }

  json opportunities_ = json::array({{{"opportunity_id", "o1"}, {"expected_value", 0.05}}});
  std::unique_ptr<HttpServer> server_;
  std::shared_ptr<SseBroadcaster> stream_;
  std::string base_;
  HttpClient client_;
};

TEST_F(LivePageRoutes, PageIsHtmlWithStrictCspAndNoExternalResources) {
  auto response = client_.get(base_ + "/");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(response.header("Content-Security-Policy"), std::string(kLivePageCsp));
  EXPECT_EQ(response.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.body, live_page_html());
  // Scripts and styles come from this origin only, and no inline script exists for the CSP to
  // block.
  EXPECT_NE(response.body.find("<script src=\"/live.js\""), std::string::npos);
  EXPECT_EQ(response.body.find("<script>"), std::string::npos);
  EXPECT_EQ(response.body.find("<style"), std::string::npos);
  for (auto part : {live_page_html(), live_page_script(), live_page_style()}) {
    EXPECT_FALSE(std::regex_search(std::string(part), std::regex("https?://|@import|url\\(")))
        << part.substr(0, 80);
  }
  EXPECT_EQ(kLivePageCsp.find("unsafe"), std::string_view::npos);
}

TEST_F(LivePageRoutes, ScriptAndStyleAreServedWithTheirTypes) {
  auto script = client_.get(base_ + "/live.js");
  ASSERT_EQ(script.status, 200);
  EXPECT_EQ(script.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(script.body, live_page_script());
  auto style = client_.get(base_ + "/live.css");
  ASSERT_EQ(style.status, 200);
  EXPECT_EQ(style.header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(style.body, live_page_style());
}

TEST_F(LivePageRoutes, ScriptNeverWritesMarkup) {
  // Alerts are untrusted text: the script builds nodes and sets textContent only.
  const std::string script(live_page_script());
  for (const char* sink :
       {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("}) {
    EXPECT_EQ(script.find(sink), std::string::npos) << sink;
  }
  EXPECT_NE(script.find("textContent"), std::string::npos);
  EXPECT_NE(script.find("new EventSource(\"/alerts/stream\")"), std::string::npos);
}

TEST_F(LivePageRoutes, SnapshotsAreJsonFromTheSources) {
  auto opportunities = client_.get(base_ + "/api/opportunities");
  ASSERT_EQ(opportunities.status, 200);
  EXPECT_EQ(opportunities.header("Content-Type"), "application/json");
  EXPECT_EQ(opportunities.header("Cache-Control"), "no-store");
  EXPECT_EQ(json::parse(opportunities.body), opportunities_);
  opportunities_ = json::array();  // read on every request, not once
  EXPECT_EQ(json::parse(client_.get(base_ + "/api/opportunities").body), json::array());
  auto alerts = client_.get(base_ + "/api/alerts");
  ASSERT_EQ(alerts.status, 200);
  EXPECT_EQ(json::parse(alerts.body)[0]["alert_id"], "a2");
}

TEST_F(LivePageRoutes, StreamCarriesPublishedAlerts) {
  RawClient client(server_->port());
  client.send("GET /alerts/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n");
  ASSERT_TRUE(client.read_until("\r\n\r\n"));
  EXPECT_NE(client.received().find("Content-Type: text/event-stream"), std::string::npos);
  ASSERT_TRUE(eventually([&] { return stream_->client_count() == 1; }));
  stream_->publish("alert", R"({"alert_id":"a3"})");
  EXPECT_TRUE(client.read_until("event: alert\ndata: {\"alert_id\":\"a3\"}\n\n"));
}

TEST_F(LivePageRoutes, WithoutFallbackEveryClientGetsThePage) {
  EXPECT_EQ(client_.get(base_ + "/").body, live_page_html());
  EXPECT_EQ(client_.get(base_ + "/", {{"Accept", "application/json"}}).body, live_page_html());
}

TEST(LivePageRoot, NonBrowsersGetTheFallback) {
  HttpServerOptions options;
  options.port = 0;
  HttpServer server(options);
  LivePageSources sources;
  sources.non_html_root = [](const HttpRequest&) { return json_response(200, json::object()); };
  add_live_page_routes(server, std::move(sources));
  server.start();
  HttpClient client;
  const std::string url = "http://" + server.address() + "/";
  EXPECT_EQ(client.get(url).body, "{}");
  EXPECT_EQ(client.get(url, {{"Accept", "application/json"}}).body, "{}");
  // What Chromium sends for a navigation.
  auto page = client.get(url, {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}});
  EXPECT_EQ(page.body, live_page_html());
}

TEST(LivePageSnapshots, MissingSourceIsAnEmptyArray) {
  HttpServerOptions options;
  options.port = 0;
  HttpServer server(options);
  add_live_page_routes(server, {});
  server.start();
  HttpClient client;
  EXPECT_EQ(client.get("http://" + server.address() + "/api/alerts").body, "[]");
}

}  // namespace
}  // namespace sharpline::adapters::http
