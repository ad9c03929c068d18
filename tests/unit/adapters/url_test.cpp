#include "adapters/http/url.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "adapters/http/http_error.hpp"

namespace sharpline::adapters::http {
namespace {

TEST(RedactUrl, HidesQueryValuesAndUserinfo) {
  EXPECT_EQ(redact_url("https://api.example.com/v4/odds?apiKey=abc123&regions=eu"),
            "https://api.example.com/v4/odds?apiKey=***&regions=***");
  EXPECT_EQ(redact_url("https://user:pw@host:8081/subjects"), "https://***@host:8081/subjects");
  EXPECT_EQ(redact_url("http://host/p?secret#frag"), "http://host/p?***");
  EXPECT_EQ(redact_url("http://host/p?a=&&b"), "http://host/p?a=***&&***");
  EXPECT_EQ(redact_url("http://host/plain"), "http://host/plain");
  EXPECT_EQ(redact_url("not a url?token=xyz"), "not a url?token=***");
}

TEST(ParseUrl, SplitsSchemeHostPortTargetAndUserinfo) {
  auto url = parse_url("HTTPS://k%3Ay:s%40c@Example.com:8443/a/b?x=1#frag");
  EXPECT_EQ(url.scheme, "https");
  EXPECT_EQ(url.userinfo, "k:y:s@c");
  EXPECT_EQ(url.host, "Example.com");
  EXPECT_EQ(url.port, 8443);
  EXPECT_EQ(url.target, "/a/b?x=1");

  EXPECT_EQ(parse_url("http://127.0.0.1").port, 80);
  EXPECT_EQ(parse_url("http://127.0.0.1").target, "/");
  EXPECT_EQ(parse_url("https://h?q=1").target, "/?q=1");
  auto v6 = parse_url("http://[::1]:9000/x");
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.port, 9000);
}

TEST(ParseUrl, RejectsWhatItCannotFetchWithoutLeakingSecrets) {
  EXPECT_THROW(parse_url("ftp://host/file"), HttpError);
  EXPECT_THROW(parse_url("host:80/path"), HttpError);
  EXPECT_THROW(parse_url("http://:80/"), HttpError);
  EXPECT_THROW(parse_url("http://host:99999/"), HttpError);
  EXPECT_THROW(parse_url("http://host:0/"), HttpError);
  try {
    parse_url("gopher://host/?apiKey=SECRET");
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(std::string(e.what()).find("SECRET"), std::string::npos) << e.what();
  }
}

TEST(PercentCoding, DecodesEscapesAndRoundTripsSegments) {
  EXPECT_EQ(percent_decode("a%2Fb%20c"), "a/b c");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%zz"), "%zz");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_encode("odds-value"), "odds-value");
  EXPECT_EQ(percent_encode("a/b c:d"), "a%2Fb%20c%3Ad");
  EXPECT_EQ(percent_decode(percent_encode("ü/?&=")), "ü/?&=");
}

TEST(ParseQuery, DecodesPairsAndKeepsTheLastRepeat) {
  auto query = parse_query("a=1&b=x%20y&flag&a=2&c=d+e&&");
  EXPECT_EQ(query.at("a"), "2");
  EXPECT_EQ(query.at("b"), "x y");
  EXPECT_EQ(query.at("flag"), "");
  EXPECT_EQ(query.at("c"), "d e");
  EXPECT_EQ(query.size(), 4u);
}

TEST(HostPort, ParsesListenAddresses) {
  auto v4 = parse_host_port("127.0.0.1:8088");
  EXPECT_EQ(v4.host, "127.0.0.1");
  EXPECT_EQ(v4.port, 8088);
  auto any = parse_host_port("localhost:0");
  EXPECT_EQ(any.port, 0);
  auto v6 = parse_host_port("[::1]:9000");
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(format_host_port(v6.host, v6.port), "[::1]:9000");
  EXPECT_EQ(format_host_port("127.0.0.1", 80), "127.0.0.1:80");
  EXPECT_THROW(parse_host_port("127.0.0.1"), std::invalid_argument);
  EXPECT_THROW(parse_host_port(":8088"), std::invalid_argument);
  EXPECT_THROW(parse_host_port("host:http"), std::invalid_argument);
  EXPECT_THROW(parse_host_port("host:70000"), std::invalid_argument);
}

}  // namespace
}  // namespace sharpline::adapters::http
