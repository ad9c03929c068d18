#include "adapters/http/http_types.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace sharpline::adapters::http {
namespace {

constexpr std::array<std::pair<HttpMethod, std::string_view>, 7> kMethodNames{{
    {HttpMethod::Get, "GET"},
    {HttpMethod::Head, "HEAD"},
    {HttpMethod::Post, "POST"},
    {HttpMethod::Put, "PUT"},
    {HttpMethod::Patch, "PATCH"},
    {HttpMethod::Delete, "DELETE"},
    {HttpMethod::Options, "OPTIONS"},
}};

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

}  // namespace

std::string_view to_string(HttpMethod method) {
  for (const auto& [m, name] : kMethodNames) {
    if (m == method) return name;
  }
  return "UNKNOWN";
}

std::optional<HttpMethod> parse_http_method(std::string_view token) {
  for (const auto& [m, name] : kMethodNames) {
    if (name == token) return m;
  }
  return std::nullopt;
}

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return lower(x) < lower(y); });
}

std::optional<std::string> HttpRequest::header(std::string_view name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> HttpRequest::query_param(std::string_view name) const {
  auto it = query_params.find(std::string(name));
  if (it == query_params.end()) return std::nullopt;
  return it->second;
}

const std::string& HttpRequest::path_param(const std::string& name) const {
  return path_params.at(name);
}

HttpResponse HttpResponse::text(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

}  // namespace sharpline::adapters::http
