#pragma once

// URL and address text handling shared by the HTTP server (paths, queries, listen address) and
// the client (request URLs, redaction for logs and error messages).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace sharpline::adapters::http {

struct ParsedUrl {
  std::string scheme;      // "http" or "https", lower-cased
  std::string userinfo;    // decoded "user:password"; empty when the URL has none
  std::string host;        // IPv6 literals without brackets
  std::uint16_t port = 0;  // explicit, else the scheme's default
  std::string target;      // path plus "?query", at least "/"; the fragment is dropped
};

// Throws HttpError for anything but an absolute http(s) URL; the message holds the redacted URL.
ParsedUrl parse_url(std::string_view url);

// Form of a URL that is safe to log: every query value becomes "***" (API keys travel there),
// as does userinfo; the fragment is dropped. Works on malformed input too.
std::string redact_url(std::string_view url);

// "%2F" → "/"; malformed escapes are kept literally. With plus_is_space, '+' decodes to ' ' (the
// form encoding used in query strings).
std::string percent_decode(std::string_view text, bool plus_is_space = false);
// Escapes everything except RFC 3986 unreserved characters, so the result is one path segment.
std::string percent_encode(std::string_view text);

// "a=1&b=x%20y" → {a:"1", b:"x y"}; a key without '=' maps to ""; the last repeated key wins.
std::map<std::string, std::string> parse_query(std::string_view query);

struct HostPort {
  std::string host;  // IPv6 literals without brackets
  std::uint16_t port = 0;
};
// Parses a listen address "HOST:PORT" ("127.0.0.1:8088", "[::1]:0", "localhost:9000").
// Throws std::invalid_argument on a missing host or an invalid port.
HostPort parse_host_port(std::string_view text);
// Inverse of parse_host_port: brackets IPv6 literals.
std::string format_host_port(std::string_view host, std::uint16_t port);

}  // namespace sharpline::adapters::http
