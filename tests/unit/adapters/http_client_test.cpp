#include "adapters/http/http_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "adapters/http/http_server.hpp"
#include "adapters/http/json_response.hpp"

namespace sharpline::adapters::http {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
namespace asio = boost::asio;

// Echoes what the server received, so the tests see what the client sent.
class HttpClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HttpServerOptions options;
    options.port = 0;
    server_ = std::make_unique<HttpServer>(options);
    for (auto method : {HttpMethod::Get, HttpMethod::Post, HttpMethod::Put, HttpMethod::Delete}) {
      server_->route(method, "/echo", [](const HttpRequest& request) {
        auto response =
            json_response(200, {{"method", to_string(request.method)},
                                {"target", request.target},
                                {"body", request.body},
                                {"content_type", request.header("Content-Type").value_or("")},
                                {"authorization", request.header("Authorization").value_or("")},
                                {"host", request.header("Host").value_or("")},
                                {"custom", request.header("X-Custom").value_or("")}});
        response.headers.emplace_back("X-Reply", "yes");
        return response;
      });
    }
    server_->route(HttpMethod::Get, "/missing-thing",
                   [](const HttpRequest&) { return json_error(404, "gone"); });
    server_->route(HttpMethod::Get, "/big", [](const HttpRequest&) {
      return HttpResponse::text(200, std::string(1000, 'b'));
    });
    server_->start();
  }

  std::string url(const std::string& target) const {
    return "http://" + server_->address() + target;
  }

  std::unique_ptr<HttpServer> server_;
};

// A port with nothing listening: bind one, note it, close it.
std::uint16_t closed_port() {
  asio::io_context ioc;
  asio::ip::tcp::acceptor acceptor(ioc, {asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

TEST_F(HttpClientTest, GetReturnsStatusHeadersAndBody) {
  auto response = HttpClient().get(url("/echo?x=1"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("x-reply"), "yes");
  EXPECT_EQ(response.header("Content-Length"), std::to_string(response.body.size()));
  auto echoed = json::parse(response.body);
  EXPECT_EQ(echoed["method"], "GET");
  EXPECT_EQ(echoed["target"], "/echo?x=1");
  EXPECT_EQ(echoed["host"], server_->address());
}

TEST_F(HttpClientTest, SendsMethodBodyAndHeaders) {
  auto response = HttpClient().request(HttpMethod::Put, url("/echo"), R"({"a":1})",
                                       {{"Content-Type", "application/json"}, {"X-Custom", "v"}});
  auto echoed = json::parse(response.body);
  EXPECT_EQ(echoed["method"], "PUT");
  EXPECT_EQ(echoed["body"], R"({"a":1})");
  EXPECT_EQ(echoed["content_type"], "application/json");
  EXPECT_EQ(echoed["custom"], "v");
}

TEST_F(HttpClientTest, ErrorStatusIsReturnedNotThrown) {
  auto response = HttpClient().get(url("/missing-thing"));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(json::parse(response.body)["message"], "gone");
}

TEST_F(HttpClientTest, UserinfoBecomesBasicAuthorization) {
  auto response = HttpClient().get("http://user:p%40ss@" + server_->address() + "/echo");
  EXPECT_EQ(json::parse(response.body)["authorization"], "Basic dXNlcjpwQHNz");  // user:p@ss
  auto explicit_header = HttpClient().get("http://user:pw@" + server_->address() + "/echo",
                                          {{"Authorization", "Bearer t"}});
  EXPECT_EQ(json::parse(explicit_header.body)["authorization"], "Bearer t");
}

TEST_F(HttpClientTest, ResponseOverTheLimitIsAnError) {
  HttpClientOptions options;
  options.max_response_bytes = 100;
  try {
    HttpClient(options).get(url("/big"));
    FAIL() << "a 1000-byte body passed a 100-byte limit";
  } catch (const HttpError& e) {
    EXPECT_NE(std::string(e.what()).find("larger than 100 bytes"), std::string::npos) << e.what();
  }
  options.max_response_bytes = 1000;
  EXPECT_EQ(HttpClient(options).get(url("/big")).body.size(), 1000u);
}

TEST_F(HttpClientTest, HeaderWithLineBreakIsRefused) {
  EXPECT_THROW(HttpClient().get(url("/echo"), {{"X-Custom", "a\r\nX-Forged: 1"}}), HttpError);
}

TEST(HttpClient, ConnectionRefusedNamesHostAndCauseButNoSecrets) {
  auto port = closed_port();
  try {
    HttpClient().get("http://127.0.0.1:" + std::to_string(port) + "/v4/odds?apiKey=SECRET123");
    FAIL() << "connected to a closed port";
  } catch (const HttpError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("127.0.0.1:" + std::to_string(port)), std::string::npos) << message;
    EXPECT_NE(message.find("refused"), std::string::npos) << message;
    EXPECT_NE(message.find("apiKey=***"), std::string::npos) << message;
    EXPECT_EQ(message.find("SECRET123"), std::string::npos) << message;
  }
}

TEST(HttpClient, SilentServerTimesOut) {
  // Accepted by the kernel's backlog, never answered.
  asio::io_context ioc;
  asio::ip::tcp::acceptor silent(ioc, {asio::ip::make_address("127.0.0.1"), 0});
  auto port = silent.local_endpoint().port();
  auto started = std::chrono::steady_clock::now();
  try {
    HttpClient().get("http://127.0.0.1:" + std::to_string(port) + "/", {}, milliseconds(200));
    FAIL() << "a silent server produced a response";
  } catch (const HttpError& e) {
    EXPECT_NE(std::string(e.what()).find("timed out after 200 ms"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

TEST(HttpClient, RejectsBadUrlsAndSettings) {
  HttpClient client;
  EXPECT_THROW(client.get("ftp://127.0.0.1/"), HttpError);
  EXPECT_THROW(client.get("127.0.0.1:80/"), HttpError);
  EXPECT_THROW(client.get("http://127.0.0.1:1/", {}, milliseconds(0)), std::invalid_argument);
  HttpClientOptions options;
  options.ca_file = "/nonexistent/ca.pem";
  EXPECT_THROW(HttpClient{options}, HttpError);
}

}  // namespace
}  // namespace sharpline::adapters::http
