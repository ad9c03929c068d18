#include "domain/errors.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace sharpline::domain {

std::string format_value(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::array<char, 32> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  if (ec != std::errc{}) return "?";
  return std::string(buffer.data(), end);
}

void throw_invalid(std::string_view what, double value, std::size_t index) {
  std::string message(what);
  message += ", got ";
  message += format_value(value);
  if (index != std::string_view::npos) {
    message += " (outcome ";
    message += std::to_string(index);
    message += ')';
  }
  throw InvalidInput(message);
}

}  // namespace sharpline::domain
