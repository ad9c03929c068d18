#include "adapters/http/json_response.hpp"

namespace sharpline::adapters::http {

HttpResponse json_response(int status, const nlohmann::json& body, std::string_view content_type) {
  HttpResponse response;
  response.status = status;
  response.content_type = std::string(content_type);
  // Replace invalid UTF-8 instead of throwing: a reply must always be producible.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

HttpResponse json_error(int status, int error_code, std::string_view message,
                        std::string_view content_type) {
  return json_response(status, {{"error_code", error_code}, {"message", message}}, content_type);
}

}  // namespace sharpline::adapters::http
