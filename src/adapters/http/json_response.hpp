#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "adapters/http/http_types.hpp"

namespace sharpline::adapters::http {

inline constexpr std::string_view kJsonContentType = "application/json";

HttpResponse json_response(int status, const nlohmann::json& body,
                           std::string_view content_type = kJsonContentType);

// Every error the HTTP layer generates uses the Confluent error shape
// {"error_code":404,"message":"HTTP 404 Not Found"}, so schema-registry tools and people see one
// shape whatever endpoint failed.
HttpResponse json_error(int status, int error_code, std::string_view message,
                        std::string_view content_type = kJsonContentType);
inline HttpResponse json_error(int status, std::string_view message) {
  return json_error(status, status, message);
}

}  // namespace sharpline::adapters::http
