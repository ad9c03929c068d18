#pragma once

// UTF-8 validation. Avro strings must be UTF-8, and nlohmann::json throws when it dumps a string
// that is not, far from where the bad bytes came in; checking at the codec boundary puts the
// error on the right field.

#include <string_view>

namespace sharpline::serde {

// True if `text` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept;

}  // namespace sharpline::serde
