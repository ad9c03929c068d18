// Webhook signatures: HMAC-SHA256 (RFC 2104, FIPS 180-4) over the exact body bytes with the
// subscriber's secret, via OpenSSL. Receivers recompute it to know the POST came from us and
// was not altered.
#pragma once

#include <string>
#include <string_view>

namespace sharpline::adapters::alerts {

inline constexpr const char* kSignatureHeader = "X-Sharpline-Signature-256";

// Lower-case hex of HMAC-SHA256(key, message): 64 characters.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// The header value: "sha256=<hex>".
std::string signature_header_value(std::string_view secret, std::string_view body);

// True when `header_value` is the signature of `body` under `secret`; compares in constant time
// so a receiver built on it does not leak how many characters matched.
bool verify_signature(std::string_view secret, std::string_view body,
                      std::string_view header_value);

}  // namespace sharpline::adapters::alerts
