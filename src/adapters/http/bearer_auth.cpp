#include "adapters/http/bearer_auth.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <array>
#include <stdexcept>

#include "adapters/http/json_response.hpp"

namespace sharpline::adapters::http {
namespace {

using Digest = std::array<unsigned char, SHA256_DIGEST_LENGTH>;

// Hashing first gives equal-length inputs to CRYPTO_memcmp, hiding the token length as well.
Digest sha256(std::string_view text) {
  Digest digest{};
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
  return digest;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

bool constant_time_equals(std::string_view a, std::string_view b) {
  auto da = sha256(a);
  auto db = sha256(b);
  return CRYPTO_memcmp(da.data(), db.data(), da.size()) == 0;
}

bool bearer_token_matches(const HttpRequest& request, std::string_view expected_token) {
  if (expected_token.empty()) return false;
  auto header = request.header("Authorization");
  if (!header) return false;
  std::string_view value = trim(*header);
  constexpr std::string_view kScheme = "Bearer";
  if (value.size() <= kScheme.size() || !iequals(value.substr(0, kScheme.size()), kScheme) ||
      (value[kScheme.size()] != ' ' && value[kScheme.size()] != '\t')) {
    return false;
  }
  return constant_time_equals(trim(value.substr(kScheme.size())), expected_token);
}

HttpHandler require_bearer_token(std::string expected_token, HttpHandler handler) {
  if (expected_token.empty()) {
    throw std::invalid_argument("bearer-token guarded route needs a non-empty token");
  }
  return [token = std::move(expected_token),
          handler = std::move(handler)](const HttpRequest& request) {
    if (bearer_token_matches(request, token)) return handler(request);
    auto response = json_error(401, "Unauthorized");
    // RFC 6750 §3: a presented but wrong token is "invalid_token"; no token gets no error code.
    response.headers.emplace_back("WWW-Authenticate",
                                  request.header("Authorization")
                                      ? R"(Bearer realm="sharpline", error="invalid_token")"
                                      : R"(Bearer realm="sharpline")");
    return response;
  };
}

}  // namespace sharpline::adapters::http
