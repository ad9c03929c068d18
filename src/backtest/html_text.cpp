#include "backtest/html_text.hpp"

#include <cmath>

#include "domain/number_text.hpp"

namespace sharpline::backtest::html {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::optional<double> number_at(const nlohmann::json& obj, std::string_view key) {
  if (!obj.is_object()) return std::nullopt;
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_number()) return std::nullopt;
  const double value = it->get<double>();
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::string> text_at(const nlohmann::json& obj, std::string_view key) {
  if (!obj.is_object()) return std::nullopt;
  const auto it = obj.find(key);
  if (it == obj.end()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  if (it->is_number()) return domain::short_text(it->get<double>());
  if (it->is_boolean()) return it->get<bool>() ? "true" : "false";
  return std::nullopt;
}

const nlohmann::json& array_at(const nlohmann::json& obj, std::string_view key) {
  static const nlohmann::json empty = nlohmann::json::array();
  if (!obj.is_object()) return empty;
  const auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? *it : empty;
}

const nlohmann::json& object_at(const nlohmann::json& obj, std::string_view key) {
  static const nlohmann::json empty = nlohmann::json::object();
  if (!obj.is_object()) return empty;
  const auto it = obj.find(key);
  return it != obj.end() && it->is_object() ? *it : empty;
}

std::string fixed(double value, int digits, bool show_plus) {
  std::string text = domain::fixed_text(value, digits, show_plus);
  // Rounding a tiny negative gives "-0.00", which reads as a loss; show it as zero.
  if (text.find_first_not_of("-+0.") == std::string::npos) {
    text = domain::fixed_text(0.0, digits, show_plus);
  }
  if (!text.empty() && text[0] == '-') text = "\xE2\x88\x92" + text.substr(1);  // minus sign
  return text;
}

std::string percent(double value, int digits, bool show_plus) {
  return fixed(value * 100.0, digits, show_plus) + "%";
}

std::string fixed_or_dash(std::optional<double> value, int digits, bool show_plus) {
  return value ? fixed(*value, digits, show_plus) : std::string(kMissing);
}

std::string percent_or_dash(std::optional<double> value, int digits, bool show_plus) {
  return value ? percent(*value, digits, show_plus) : std::string(kMissing);
}

std::string count_or_dash(std::optional<double> value) {
  if (!value) return std::string(kMissing);
  const std::string digits = fixed(std::round(*value), 0);
  // Group thousands with a thin space so large counts stay readable in any locale.
  const std::size_t start = digits.starts_with("\xE2\x88\x92") ? 3 : 0;
  std::string out = digits.substr(0, start);
  const std::string body = digits.substr(start);
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (i > 0 && (body.size() - i) % 3 == 0) out += "\xE2\x80\x89";
    out += body[i];
  }
  return out;
}

std::string text_or_dash(const std::optional<std::string>& value) {
  return value && !value->empty() ? html_escape(*value) : std::string(kMissing);
}

std::string list_or_dash(const nlohmann::json& obj, std::string_view key) {
  std::string out;
  for (const auto& item : array_at(obj, key)) {
    std::string part;
    if (item.is_string()) {
      part = item.get<std::string>();
    } else if (item.is_number()) {
      part = domain::short_text(item.get<double>());
    } else {
      continue;
    }
    if (!out.empty()) out += ", ";
    out += html_escape(part);
  }
  return out.empty() ? std::string(kMissing) : out;
}

}  // namespace sharpline::backtest::html
