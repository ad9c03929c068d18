#pragma once

// Plain request/response values shared by the HTTP server and client. They carry no Beast types
// so that callers (handlers, registries, CLI) compile without pulling in Boost.Beast.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sharpline::adapters::http {

enum class HttpMethod { Get, Head, Post, Put, Patch, Delete, Options };

std::string_view to_string(HttpMethod method);
// Accepts the upper-case token as it appears on the wire ("GET"); nullopt for anything else.
std::optional<HttpMethod> parse_http_method(std::string_view token);

// Header names are case-insensitive (RFC 9110 §5.1); the map compares them that way.
struct CaseInsensitiveLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const;
};
using HttpHeaders = std::map<std::string, std::string, CaseInsensitiveLess>;

struct HttpRequest {
  HttpMethod method = HttpMethod::Get;
  std::string target;                               // as received: path plus optional "?query"
  std::string path;                                 // still percent-encoded, without the query
  std::map<std::string, std::string> path_params;   // decoded values of {param} segments
  std::map<std::string, std::string> query_params;  // decoded; the last repeated key wins
  HttpHeaders headers;                              // repeated headers are joined with ", "
  std::string body;

  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> query_param(std::string_view name) const;
  // Throws std::out_of_range when the route pattern has no such parameter (a programming error).
  const std::string& path_param(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, sent as given

  static HttpResponse text(int status, std::string body);
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

}  // namespace sharpline::adapters::http
