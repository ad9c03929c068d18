#pragma once

// Standard base64 (RFC 4648 section 4, with '=' padding): how Avro bytes/fixed values appear in
// natural JSON. Tiny on purpose; OpenSSL's EVP coder would add line breaks and lenient parsing.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sharpline::serde {

std::string base64_encode(std::span<const uint8_t> bytes);

// Strict: rejects whitespace, a missing or misplaced '=', and non-zero padding bits, so every
// byte string has exactly one accepted spelling. nullopt if `text` is not such base64.
std::optional<std::vector<uint8_t>> base64_decode(std::string_view text);

}  // namespace sharpline::serde
