#include "adapters/http/bearer_auth.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "adapters/http/http_client.hpp"
#include "adapters/http/http_server.hpp"

namespace sharpline::adapters::http {
namespace {

HttpRequest with_authorization(const std::string& value) {
  HttpRequest request;
  request.headers.emplace("Authorization", value);
  return request;
}

std::optional<std::string> header_of(const HttpResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

HttpResponse admin_ok(const HttpRequest&) {
  return HttpResponse::text(200, "admin");
}

TEST(ConstantTimeEquals, ComparesWholeContent) {
  EXPECT_TRUE(constant_time_equals("s3cret-token", "s3cret-token"));
  EXPECT_TRUE(constant_time_equals("", ""));
  EXPECT_FALSE(constant_time_equals("s3cret-token", "s3cret-tokeN"));
  EXPECT_FALSE(constant_time_equals("s3cret-token", "s3cret-token-and-more"));
  EXPECT_FALSE(constant_time_equals("s3cret", ""));
}

TEST(BearerToken, MatchesOnlyTheBearerSchemeWithTheExactToken) {
  EXPECT_TRUE(bearer_token_matches(with_authorization("Bearer s3cret"), "s3cret"));
  EXPECT_TRUE(bearer_token_matches(with_authorization("bearer   s3cret "), "s3cret"));
  EXPECT_FALSE(bearer_token_matches(with_authorization("Bearer s3cre"), "s3cret"));
  EXPECT_FALSE(bearer_token_matches(with_authorization("Basic s3cret"), "s3cret"));
  EXPECT_FALSE(bearer_token_matches(with_authorization("Bearers3cret"), "s3cret"));
  EXPECT_FALSE(bearer_token_matches(with_authorization("Bearer "), ""));
  EXPECT_FALSE(bearer_token_matches(HttpRequest{}, "s3cret"));
}

TEST(RequireBearerToken, MissingTokenGets401WithChallenge) {
  auto guarded = require_bearer_token("s3cret", admin_ok);
  auto response = guarded(HttpRequest{});
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(header_of(response, "WWW-Authenticate"), R"(Bearer realm="sharpline")");
  EXPECT_EQ(nlohmann::json::parse(response.body)["error_code"], 401);
}

TEST(RequireBearerToken, WrongTokenGets401InvalidToken) {
  auto guarded = require_bearer_token("s3cret", admin_ok);
  auto response = guarded(with_authorization("Bearer guess"));
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(header_of(response, "WWW-Authenticate"),
            R"(Bearer realm="sharpline", error="invalid_token")");
}

TEST(RequireBearerToken, EmptyTokenIsRefusedAtSetup) {
  EXPECT_THROW(require_bearer_token("", admin_ok), std::invalid_argument);
}

TEST(RequireBearerToken, GuardsARouteOverHttp) {
  HttpServerOptions options;
  options.port = 0;
  HttpServer server(options);
  server.route(HttpMethod::Post, "/admin/reload", require_bearer_token("s3cret", admin_ok));
  server.start();
  auto url = "http://" + server.address() + "/admin/reload";
  HttpClient client;

  auto denied = client.post(url, "");
  EXPECT_EQ(denied.status, 401);
  EXPECT_EQ(denied.header("WWW-Authenticate"), R"(Bearer realm="sharpline")");

  auto allowed = client.post(url, "", {{"Authorization", "Bearer s3cret"}});
  EXPECT_EQ(allowed.status, 200);
  EXPECT_EQ(allowed.body, "admin");
}

}  // namespace
}  // namespace sharpline::adapters::http
