#include "adapters/http/router.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "adapters/http/url.hpp"

namespace sharpline::adapters::http {
namespace {

// "/a/b/" and "/a/b" address the same resource; "/" has no segments.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return segments;
  std::size_t start = 0;
  while (true) {
    auto slash = path.find('/', start);
    segments.push_back(path.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

}  // namespace

RoutePattern::RoutePattern(std::string_view pattern) : text_(pattern) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': '" + text_ + "'");
  }
  std::set<std::string> names;
  for (auto segment : split_path(pattern)) {
    if (segment.size() >= 2 && segment.front() == '{' && segment.back() == '}') {
      std::string name(segment.substr(1, segment.size() - 2));
      if (name.empty() || !names.insert(name).second) {
        throw std::invalid_argument("route pattern has an empty or repeated parameter: '" + text_ +
                                    "'");
      }
      segments_.push_back({std::move(name), true});
    } else {
      segments_.push_back({std::string(segment), false});
    }
  }
}

bool RoutePattern::match(std::string_view path, std::map<std::string, std::string>& params) const {
  auto parts = split_path(path);
  if (parts.size() != segments_.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& segment = segments_[i];
    if (segment.is_param) {
      if (parts[i].empty()) return false;
      found.emplace(segment.text, percent_decode(parts[i]));
    } else if (percent_decode(parts[i]) != segment.text) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

int RoutePattern::literal_segment_count() const {
  return static_cast<int>(
      std::count_if(segments_.begin(), segments_.end(), [](const auto& s) { return !s.is_param; }));
}

void Router::add(HttpMethod method, std::string_view pattern, HttpHandler handler) {
  if (!handler)
    throw std::invalid_argument("empty handler for route '" + std::string(pattern) + "'");
  add_route(Route{method, RoutePattern(pattern), std::move(handler), nullptr});
}

void Router::add_sse(std::string_view pattern, std::shared_ptr<SseBroadcaster> broadcaster) {
  add_route(Route{HttpMethod::Get, RoutePattern(pattern), nullptr, std::move(broadcaster)});
}

void Router::add_route(Route route) {
  for (const auto& existing : routes_) {
    if (existing.method == route.method && existing.pattern.text() == route.pattern.text()) {
      throw std::logic_error("route registered twice: " + std::string(to_string(route.method)) +
                             " " + route.pattern.text());
    }
  }
  routes_.push_back(std::move(route));
}

const Router::Route* Router::best_match(HttpMethod method, std::string_view path,
                                        std::map<std::string, std::string>& params) const {
  const Route* best = nullptr;
  for (const auto& route : routes_) {
    if (route.method != method) continue;
    if (best != nullptr &&
        route.pattern.literal_segment_count() <= best->pattern.literal_segment_count()) {
      continue;
    }
    std::map<std::string, std::string> candidate;
    if (route.pattern.match(path, candidate)) {
      best = &route;
      params = std::move(candidate);
    }
  }
  return best;
}

RouteMatch Router::match(HttpMethod method, std::string_view path) const {
  RouteMatch result;
  const Route* route = best_match(method, path, result.params);
  if (route == nullptr && method == HttpMethod::Head) {
    route = best_match(HttpMethod::Get, path, result.params);
  }
  if (route != nullptr) {
    if (route->sse) {
      result.kind = RouteMatch::Kind::Sse;
      result.sse = route->sse;
    } else {
      result.kind = RouteMatch::Kind::Handler;
      result.handler = &route->handler;
    }
    return result;
  }
  result.allowed = allowed_methods(path);
  result.kind =
      result.allowed.empty() ? RouteMatch::Kind::NotFound : RouteMatch::Kind::MethodNotAllowed;
  return result;
}

std::vector<HttpMethod> Router::allowed_methods(std::string_view path) const {
  std::vector<HttpMethod> allowed;
  std::map<std::string, std::string> ignored;
  for (const auto& route : routes_) {
    if (route.pattern.match(path, ignored) &&
        std::find(allowed.begin(), allowed.end(), route.method) == allowed.end()) {
      allowed.push_back(route.method);
    }
  }
  return allowed;
}

}  // namespace sharpline::adapters::http
