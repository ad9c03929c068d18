#include "runtime/stream/window_store.hpp"

#include <cstdio>
#include <stdexcept>

namespace sharpline::runtime::stream {

void WindowSpec::validate() const {
  if (size_ms <= 0 || advance_ms <= 0 || advance_ms > size_ms || grace_ms < 0) {
    throw std::invalid_argument(
        "window spec needs size > 0, 0 < advance <= size, grace >= 0 (got size " +
        std::to_string(size_ms) + ", advance " + std::to_string(advance_ms) + ", grace " +
        std::to_string(grace_ms) + ")");
  }
}

std::vector<int64_t> WindowSpec::windows_containing(int64_t t) const {
  validate();
  // The latest window start at or before t, aligned to the epoch like Kafka Streams.
  auto floor_div = [](int64_t a, int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
  };
  const int64_t last_start = floor_div(t, advance_ms) * advance_ms;
  std::vector<int64_t> starts;
  for (int64_t start = last_start; start > t - size_ms; start -= advance_ms)
    starts.push_back(start);
  return {starts.rbegin(), starts.rend()};
}

std::string window_key(std::string_view key, int64_t window_start_ms) {
  char digits[24];
  const auto shifted = static_cast<uint64_t>(window_start_ms) ^ (uint64_t{1} << 63);
  std::snprintf(digits, sizeof digits, "%020llu", static_cast<unsigned long long>(shifted));
  std::string encoded(key);
  encoded.push_back('\0');
  encoded += digits;
  return encoded;
}

std::pair<std::string, int64_t> split_window_key(std::string_view encoded) {
  const auto zero = encoded.rfind('\0');
  if (zero == std::string_view::npos || encoded.size() - zero != 21) {
    throw std::invalid_argument("not a window key");
  }
  const unsigned long long shifted = std::stoull(std::string(encoded.substr(zero + 1)));
  return {std::string(encoded.substr(0, zero)),
          static_cast<int64_t>(static_cast<uint64_t>(shifted) ^ (uint64_t{1} << 63))};
}

}  // namespace sharpline::runtime::stream
