#include "adapters/http/http_server.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "adapters/http/http_client.hpp"
#include "adapters/http/json_response.hpp"
#include "unit/adapters/http_test_support.hpp"

namespace sharpline::adapters::http {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using testing::eventually;
using testing::RawClient;

HttpServerOptions loopback_options() {
  HttpServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  return options;
}

std::string url(const HttpServer& server, const std::string& target) {
  return "http://" + server.address() + target;
}

HttpResponse ok_text(const HttpRequest&) {
  return HttpResponse::text(200, "ok");
}

TEST(HttpServer, ServesRouteOnTheFreePortItReports) {
  HttpServer server(loopback_options());
  server.route(HttpMethod::Get, "/health", ok_text);
  server.start();
  ASSERT_NE(server.port(), 0);
  EXPECT_TRUE(server.running());
  EXPECT_EQ(server.address(), "127.0.0.1:" + std::to_string(server.port()));

  auto response = HttpClient().get(url(server, "/health"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "ok");
  EXPECT_EQ(response.header("content-type"), "text/plain; charset=utf-8");
}

TEST(HttpServer, HandlerSeesDecodedPathParamsQueryHeadersAndBody) {
  HttpServer server(loopback_options());
  server.route(HttpMethod::Post, "/items/{name}/parts/{part}", [](const HttpRequest& request) {
    return json_response(200, {{"method", to_string(request.method)},
                               {"path", request.path},
                               {"name", request.path_param("name")},
                               {"part", request.path_param("part")},
                               {"x", request.query_param("x").value_or("-")},
                               {"q", request.query_param("q").value_or("-")},
                               {"header", request.header("x-test").value_or("-")},
                               {"body", request.body}});
  });
  server.start();

  auto response = HttpClient().post(url(server, "/items/a%2Fb/parts/7?x=1&q=hello%20world"),
                                    "payload", {{"X-Test", "value"}});
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.header("Content-Type"), "application/json");
  auto body = json::parse(response.body);
  EXPECT_EQ(body["method"], "POST");
  EXPECT_EQ(body["path"], "/items/a%2Fb/parts/7");
  EXPECT_EQ(body["name"], "a/b");
  EXPECT_EQ(body["part"], "7");
  EXPECT_EQ(body["x"], "1");
  EXPECT_EQ(body["q"], "hello world");
  EXPECT_EQ(body["header"], "value");
  EXPECT_EQ(body["body"], "payload");
}

TEST(HttpServer, ExtraResponseHeadersAreSent) {
  HttpServer server(loopback_options());
  server.route(HttpMethod::Get, "/h", [](const HttpRequest&) {
    auto response = HttpResponse::text(201, "made");
    response.headers.emplace_back("X-Thing", "42");
    response.headers.emplace_back("X-Evil", "a\r\nInjected: yes");  // must be dropped
    return response;
  });
  server.start();
  auto response = HttpClient().get(url(server, "/h"));
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.header("X-Thing"), "42");
  EXPECT_FALSE(response.header("X-Evil").has_value());
  EXPECT_FALSE(response.header("Injected").has_value());
}

TEST(HttpServer, UnknownPathIsJson404) {
  HttpServer server(loopback_options());
  server.route(HttpMethod::Get, "/health", ok_text);
  server.start();
  auto response = HttpClient().get(url(server, "/nope"));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.header("Content-Type"), "application/json");
  EXPECT_EQ(json::parse(response.body),
            json({{"error_code", 404}, {"message", "HTTP 404 Not Found"}}));
}

TEST(HttpServer, WrongMethodIs405WithAllowHeader) {
  HttpServer server(loopback_options());
  server.route(HttpMethod::Get, "/thing", ok_text);
  server.route(HttpMethod::Put, "/thing", ok_text);
  server.start();
  auto response = HttpClient().request(HttpMethod::Delete, url(server, "/thing"));
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.header("Allow"), "GET, PUT");
  EXPECT_EQ(json::parse(response.body)["error_code"], 405);
}

TEST(HttpServer, HandlerExceptionIs500AndTheServerKeepsServing) {
  HttpServer server(loopback_options());
  server.route(HttpMethod::Get, "/boom",
               [](const HttpRequest&) -> HttpResponse { throw std::runtime_error("kaput"); });
  server.route(HttpMethod::Get, "/odd", [](const HttpRequest&) -> HttpResponse { throw 42; });
  server.route(HttpMethod::Get, "/health", ok_text);
  server.start();
  HttpClient client;
  auto response = client.get(url(server, "/boom"));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(json::parse(response.body)["error_code"], 500);
  EXPECT_EQ(client.get(url(server, "/odd")).status, 500);
  EXPECT_EQ(client.get(url(server, "/health")).status, 200);
}

TEST(HttpServer, InvalidStatusFromHandlerBecomes500) {
  HttpServer server(loopback_options());
  server.route(HttpMethod::Get, "/bad",
               [](const HttpRequest&) { return HttpResponse::text(42, ""); });
  server.start();
  EXPECT_EQ(HttpClient().get(url(server, "/bad")).status, 500);
}

TEST(HttpServer, BodyOverTheLimitIs413) {
  auto options = loopback_options();
  options.body_limit = 1024;
  HttpServer server(options);
  server.route(HttpMethod::Post, "/upload", ok_text);
  server.start();

  RawClient client(server.port());
  client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
  ASSERT_TRUE(client.read_until("\r\n\r\n"));
  EXPECT_EQ(client.received().rfind("HTTP/1.1 413", 0), 0u) << client.received();

  auto small = HttpClient().post(url(server, "/upload"), std::string(1024, 'x'));
  EXPECT_EQ(small.status, 200);
}

TEST(HttpServer, MalformedRequestIs400) {
  HttpServer server(loopback_options());
  server.start();
  RawClient client(server.port());
  client.send("this is not http\r\n\r\n");
  ASSERT_TRUE(client.read_until("\r\n\r\n"));
  EXPECT_EQ(client.received().rfind("HTTP/1.1 400", 0), 0u) << client.received();
  EXPECT_TRUE(client.wait_for_close());
}

TEST(HttpServer, KeepAliveServesSeveralRequestsOnOneConnection) {
  HttpServer server(loopback_options());
  server.route(HttpMethod::Get, "/n/{n}", [](const HttpRequest& request) {
    return HttpResponse::text(200, "n=" + request.path_param("n"));
  });
  server.start();
  RawClient client(server.port());
  client.send("GET /n/1 HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(client.read_until("n=1"));
  client.send("GET /n/2 HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(client.read_until("n=2"));
  client.send("GET /n/3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(client.read_until("n=3"));
  EXPECT_TRUE(client.wait_for_close());
}

TEST(HttpServer, IdleKeepAliveConnectionIsClosed) {
  auto options = loopback_options();
  options.idle_timeout = milliseconds(150);
  HttpServer server(options);
  server.start();
  RawClient client(server.port());
  EXPECT_TRUE(client.wait_for_close(milliseconds(2000)));
}

TEST(HttpServer, HeadAnswersLikeGetWithoutBody) {
  HttpServer server(loopback_options());
  server.route(HttpMethod::Get, "/health", ok_text);
  server.start();
  RawClient client(server.port());
  client.send("HEAD /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(client.wait_for_close());
  const auto& raw = client.received();
  EXPECT_EQ(raw.rfind("HTTP/1.1 200", 0), 0u) << raw;
  EXPECT_NE(raw.find("Content-Length: 2\r\n"), std::string::npos) << raw;
  EXPECT_EQ(raw.substr(raw.find("\r\n\r\n") + 4), "");
}

TEST(HttpServer, ExpectContinueGetsAnInterimResponse) {
  HttpServer server(loopback_options());
  server.route(HttpMethod::Post, "/echo",
               [](const HttpRequest& request) { return HttpResponse::text(200, request.body); });
  server.start();
  RawClient client(server.port());
  client.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  ASSERT_TRUE(client.read_until("HTTP/1.1 100 Continue\r\n\r\n"));
  client.send("hello");
  ASSERT_TRUE(client.read_until("hello"));
  EXPECT_NE(client.received().find("HTTP/1.1 200 OK"), std::string::npos);
}

// Two requests must be inside their handlers at the same time; with one worker the first
// handler would wait alone and give up.
TEST(HttpServer, SeveralWorkerThreadsRunHandlersConcurrently) {
  auto options = loopback_options();
  options.threads = 2;
  HttpServer server(options);
  std::mutex mutex;
  std::condition_variable changed;
  int inside = 0;
  server.route(HttpMethod::Get, "/meet", [&](const HttpRequest&) {
    std::unique_lock lock(mutex);
    ++inside;
    changed.notify_all();
    bool met = changed.wait_for(lock, milliseconds(3000), [&] { return inside >= 2; });
    return HttpResponse::text(met ? 200 : 503, "");
  });
  server.start();
  auto first =
      std::async(std::launch::async, [&] { return HttpClient().get(url(server, "/meet")); });
  auto second = HttpClient().get(url(server, "/meet"));
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(first.get().status, 200);
}

TEST(HttpServer, RoutesCannotBeAddedAfterStartOrTwice) {
  HttpServer server(loopback_options());
  server.route(HttpMethod::Get, "/a", ok_text);
  EXPECT_THROW(server.route(HttpMethod::Get, "/a", ok_text), std::logic_error);
  EXPECT_THROW(server.route(HttpMethod::Get, "no-slash", ok_text), std::invalid_argument);
  server.start();
  EXPECT_THROW(server.route(HttpMethod::Get, "/b", ok_text), std::logic_error);
  EXPECT_THROW(server.sse("/stream"), std::logic_error);
  EXPECT_THROW(server.start(), std::logic_error);
}

TEST(HttpServer, PortInUseFailsToStartWithTheAddressInTheMessage) {
  HttpServer first(loopback_options());
  first.start();
  auto options = loopback_options();
  options.port = first.port();
  HttpServer second(options);
  try {
    second.start();
    FAIL() << "second server bound a port that is in use";
  } catch (const HttpError& e) {
    EXPECT_NE(
        std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(first.port())),
        std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(second.running());
}

TEST(HttpServer, StopClosesConnectionsReleasesThePortAndIsIdempotent) {
  auto server = std::make_unique<HttpServer>(loopback_options());
  server->route(HttpMethod::Get, "/health", ok_text);
  server->start();
  auto port = server->port();
  RawClient idle(port);
  RawClient half(port);
  half.send("GET /health HTTP/1.1\r\nHo");  // a request cut off mid-header

  server->stop();
  server->stop();
  EXPECT_FALSE(server->running());
  EXPECT_EQ(server->port(), port);
  EXPECT_TRUE(idle.wait_for_close(milliseconds(2000)));
  EXPECT_TRUE(half.wait_for_close(milliseconds(2000)));
  EXPECT_THROW(HttpClient().get("http://127.0.0.1:" + std::to_string(port) + "/health"), HttpError);
  server.reset();

  auto options = loopback_options();
  options.port = port;
  HttpServer again(options);
  again.route(HttpMethod::Get, "/health", ok_text);
  ASSERT_NO_THROW(again.start());
  EXPECT_EQ(HttpClient().get(url(again, "/health")).status, 200);
}

TEST(HttpServer, DestructorStopsARunningServer) {
  std::uint16_t port = 0;
  {
    HttpServer server(loopback_options());
    server.start();
    port = server.port();
    RawClient connected(port);
  }
  EXPECT_THROW(RawClient{port}, std::runtime_error);
}

}  // namespace
}  // namespace sharpline::adapters::http
