#include "adapters/http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sharpline::adapters::http {
namespace {

HttpHandler answering(std::string text) {
  return [text](const HttpRequest&) { return HttpResponse::text(200, text); };
}

std::string call(const RouteMatch& match) {
  EXPECT_EQ(match.kind, RouteMatch::Kind::Handler);
  if (match.handler == nullptr) return "";
  return (*match.handler)(HttpRequest{}).body;
}

TEST(RoutePattern, MatchesLiteralAndParamSegments) {
  RoutePattern pattern("/subjects/{subject}/versions/{version}");
  std::map<std::string, std::string> params;
  ASSERT_TRUE(pattern.match("/subjects/odds-value/versions/3", params));
  EXPECT_EQ(params.at("subject"), "odds-value");
  EXPECT_EQ(params.at("version"), "3");
  EXPECT_TRUE(pattern.match("/subjects/a%2Fb/versions/latest/", params));
  EXPECT_EQ(params.at("subject"), "a/b");
  EXPECT_FALSE(pattern.match("/subjects/x/versions", params));
  EXPECT_FALSE(pattern.match("/subjects//versions/1", params));
  EXPECT_FALSE(pattern.match("/subjects/x/versions/1/extra", params));
  EXPECT_EQ(pattern.literal_segment_count(), 2);
}

TEST(RoutePattern, RejectsMalformedPatterns) {
  EXPECT_THROW(RoutePattern("health"), std::invalid_argument);
  EXPECT_THROW(RoutePattern("/a/{}"), std::invalid_argument);
  EXPECT_THROW(RoutePattern("/a/{x}/{x}"), std::invalid_argument);
}

TEST(Router, MoreLiteralSegmentsWinWhateverTheOrder) {
  Router router;
  router.add(HttpMethod::Get, "/subjects/{subject}/versions/{version}", answering("numbered"));
  router.add(HttpMethod::Get, "/subjects/{subject}/versions/latest", answering("latest"));
  EXPECT_EQ(call(router.match(HttpMethod::Get, "/subjects/s/versions/latest")), "latest");
  EXPECT_EQ(call(router.match(HttpMethod::Get, "/subjects/s/versions/2")), "numbered");
}

TEST(Router, ReportsNotFoundMethodNotAllowedAndHeadFallback) {
  Router router;
  router.add(HttpMethod::Get, "/health", answering("get"));
  router.add(HttpMethod::Post, "/health", answering("post"));
  router.add(HttpMethod::Get, "/", answering("root"));

  EXPECT_EQ(router.match(HttpMethod::Get, "/missing").kind, RouteMatch::Kind::NotFound);
  auto wrong = router.match(HttpMethod::Delete, "/health");
  EXPECT_EQ(wrong.kind, RouteMatch::Kind::MethodNotAllowed);
  EXPECT_EQ(wrong.allowed, (std::vector<HttpMethod>{HttpMethod::Get, HttpMethod::Post}));
  EXPECT_EQ(call(router.match(HttpMethod::Head, "/health")), "get");
  EXPECT_EQ(call(router.match(HttpMethod::Get, "/")), "root");
  EXPECT_THROW(router.add(HttpMethod::Get, "/health", answering("again")), std::logic_error);
}

}  // namespace
}  // namespace sharpline::adapters::http
