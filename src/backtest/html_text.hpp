// Text helpers for the HTML backtest report: escaping every string taken from the report JSON,
// null-tolerant field access, and fixed-precision number formatting so the page is byte-for-byte
// deterministic for the same JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace sharpline::backtest::html {

// Shown wherever a value is missing or null (an en dash, UTF-8).
inline constexpr std::string_view kMissing = "\xE2\x80\x93";

// Escapes & < > " ' so any JSON string is safe as HTML text or a quoted attribute value.
std::string html_escape(std::string_view text);

// obj[key] as a finite number; nullopt when obj is not an object, the key is absent, null, not
// a number, or not finite.
std::optional<double> number_at(const nlohmann::json& obj, std::string_view key);
// obj[key] as a string (numbers are rendered in their shortest form); nullopt when absent/null.
std::optional<std::string> text_at(const nlohmann::json& obj, std::string_view key);
// obj[key] when it is an array/object of the wanted kind, else an empty one: callers can iterate
// without checking.
const nlohmann::json& array_at(const nlohmann::json& obj, std::string_view key);
const nlohmann::json& object_at(const nlohmann::json& obj, std::string_view key);

// 1234.5 with 2 digits -> "1234.50"; never "-0.00". show_plus adds "+" to positives.
std::string fixed(double value, int digits, bool show_plus = false);
// 0.0234 with 2 digits -> "2.34%".
std::string percent(double value, int digits, bool show_plus = false);
// The same, or the missing-value dash.
std::string fixed_or_dash(std::optional<double> value, int digits, bool show_plus = false);
std::string percent_or_dash(std::optional<double> value, int digits, bool show_plus = false);
// An integer count with thin grouping ("4 180"); dash when missing.
std::string count_or_dash(std::optional<double> value);
// Escaped text or the dash.
std::string text_or_dash(const std::optional<std::string>& value);
// A JSON array of strings/numbers as "a, b, c" (escaped), or the dash when empty/missing.
std::string list_or_dash(const nlohmann::json& obj, std::string_view key);

}  // namespace sharpline::backtest::html
