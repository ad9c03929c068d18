#pragma once

// Guards admin routes with a static bearer token (Authorization: Bearer <token>).

#include <string>
#include <string_view>

#include "adapters/http/http_types.hpp"

namespace sharpline::adapters::http {

// Compares without an early exit on the first differing byte or on a length mismatch, so the
// response time does not tell an attacker how much of a guessed token was right.
bool constant_time_equals(std::string_view a, std::string_view b);

// True when the request carries "Authorization: Bearer <expected_token>" (scheme name is
// case-insensitive, as RFC 9110 says).
bool bearer_token_matches(const HttpRequest& request, std::string_view expected_token);

// Wraps `handler` so it runs only for requests with the right token; others get 401 with
// "WWW-Authenticate: Bearer" and a JSON error. Throws std::invalid_argument for an empty token:
// an admin route must never be open because its token was left unset.
HttpHandler require_bearer_token(std::string expected_token, HttpHandler handler);

}  // namespace sharpline::adapters::http
