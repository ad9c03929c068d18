#pragma once

// Maps (method, path) to a handler or an SSE stream. Patterns are literal segments and {param}
// segments ("/subjects/{subject}/versions/{version}"); a {param} matches one non-empty segment
// and its value reaches the handler percent-decoded, so "/subjects/a%2Fb" gives subject "a/b".

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/http/http_types.hpp"

namespace sharpline::adapters::http {

class SseBroadcaster;

class RoutePattern {
 public:
  // Throws std::invalid_argument unless the pattern starts with '/' and its {params} are named
  // and unique.
  explicit RoutePattern(std::string_view pattern);

  // Matches a still-encoded path; on success `params` holds the decoded {param} values.
  bool match(std::string_view path, std::map<std::string, std::string>& params) const;
  int literal_segment_count() const;
  const std::string& text() const { return text_; }

 private:
  struct Segment {
    std::string text;  // literal text, or the parameter name
    bool is_param = false;
  };
  std::string text_;
  std::vector<Segment> segments_;
};

struct RouteMatch {
  enum class Kind { Handler, Sse, NotFound, MethodNotAllowed };
  Kind kind = Kind::NotFound;
  const HttpHandler* handler = nullptr;  // Kind::Handler; owned by the Router
  std::shared_ptr<SseBroadcaster> sse;   // Kind::Sse
  std::map<std::string, std::string> params;
  std::vector<HttpMethod> allowed;  // Kind::MethodNotAllowed: what the path does accept
};

class Router {
 public:
  // Throws std::logic_error when the same method and pattern are registered twice.
  void add(HttpMethod method, std::string_view pattern, HttpHandler handler);
  // An SSE stream answers GET only.
  void add_sse(std::string_view pattern, std::shared_ptr<SseBroadcaster> broadcaster);

  // When several patterns match, the one with the most literal segments wins (so ".../latest"
  // beats ".../{version}" whatever the registration order); ties go to the first registered.
  // HEAD falls back to the GET route of the same path.
  RouteMatch match(HttpMethod method, std::string_view path) const;
  // Methods registered for a path, for 405 answers and their Allow header.
  std::vector<HttpMethod> allowed_methods(std::string_view path) const;

 private:
  struct Route {
    HttpMethod method;
    RoutePattern pattern;
    HttpHandler handler;
    std::shared_ptr<SseBroadcaster> sse;
  };
  const Route* best_match(HttpMethod method, std::string_view path,
                          std::map<std::string, std::string>& params) const;
  void add_route(Route route);

  std::vector<Route> routes_;
};

}  // namespace sharpline::adapters::http
