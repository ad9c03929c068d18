// Numbers as text without C stdio (the domain does no I/O): fixed decimals, zero-padded
// integers and fixed-width hex, via std::to_chars (locale-independent, no allocation beyond the
// returned string).
#pragma once

#include <charconv>
#include <cstdint>
#include <string>

namespace sharpline::domain {

// 2.5 with 2 digits -> "2.50"; sign only for negatives unless show_plus.
inline std::string fixed_text(double value, int digits, bool show_plus = false) {
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, digits);
  std::string text(buffer, result.ptr);
  if (show_plus && value >= 0) text.insert(text.begin(), '+');
  return text;
}

// Shortest text that reads back as the same double ("%g"-like: 3.5, -2, 0.25).
inline std::string short_text(double value, bool show_plus = false) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, result.ptr);
  if (show_plus && value >= 0) text.insert(text.begin(), '+');
  return text;
}

inline std::string padded_text(int64_t value, int width) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, result.ptr);
  if (static_cast<int>(text.size()) < width)
    text.insert(0, static_cast<std::size_t>(width) - text.size(), '0');
  return text;
}

inline std::string hex64_text(uint64_t value) {
  char buffer[17];
  const auto result = std::to_chars(buffer, buffer + 16, value, 16);
  std::string text(buffer, result.ptr);
  text.insert(0, 16 - text.size(), '0');
  return text;
}

}  // namespace sharpline::domain
