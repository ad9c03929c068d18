#include "adapters/http/retry_policy.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string>
#include <vector>

namespace sharpline::adapters::http {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<int> month_index(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] == name) return static_cast<int>(i) + 1;
  }
  return std::nullopt;
}

// "HH:MM:SS" -> seconds since midnight.
std::optional<int> parse_clock(std::string_view text) {
  if (text.size() != 8 || text[2] != ':' || text[5] != ':') return std::nullopt;
  auto h = parse_int(text.substr(0, 2));
  auto m = parse_int(text.substr(3, 2));
  auto s = parse_int(text.substr(6, 2));
  if (!h || !m || !s || *h > 23 || *m > 59 || *s > 60) return std::nullopt;
  return *h * 3600 + *m * 60 + *s;
}

std::optional<std::chrono::system_clock::time_point> make_time(int year, int month, int day,
                                                               int seconds) {
  using namespace std::chrono;
  year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                      std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  return sys_days{date} + std::chrono::seconds{seconds};
}

std::vector<std::string_view> split_spaces(std::string_view text) {
  std::vector<std::string_view> parts;
  while (!text.empty()) {
    auto start = text.find_first_not_of(' ');
    if (start == std::string_view::npos) break;
    text.remove_prefix(start);
    auto end = text.find(' ');
    parts.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end);
  }
  return parts;
}

}  // namespace

bool is_retryable_status(int status) {
  return status == 429 || (status >= 500 && status <= 599);
}

bool is_idempotent(HttpMethod method) {
  return method != HttpMethod::Post && method != HttpMethod::Patch;
}

std::chrono::milliseconds backoff_ceiling(const RetryPolicy& policy, int retry) {
  auto ceiling = policy.base_delay;
  for (int i = 0; i < retry && ceiling < policy.max_delay; ++i) ceiling *= 2;
  return std::min(ceiling, policy.max_delay);
}

std::chrono::milliseconds jittered_backoff(const RetryPolicy& policy, int retry, double unit) {
  unit = std::clamp(unit, 0.0, 1.0);
  auto ceiling = backoff_ceiling(policy, retry);
  return std::chrono::milliseconds{
      static_cast<std::chrono::milliseconds::rep>(static_cast<double>(ceiling.count()) * unit)};
}

std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) {
  auto parts = split_spaces(trim(text));
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
  if (parts.size() == 6 && parts[0].size() == 4 && parts[0].back() == ',' && parts[5] == "GMT") {
    auto day = parse_int(parts[1]);
    auto month = month_index(parts[2]);
    auto year = parse_int(parts[3]);
    auto clock = parse_clock(parts[4]);
    if (!day || !month || !year || !clock) return std::nullopt;
    return make_time(*year, *month, *day, *clock);
  }
  // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"; two-digit years within 50 years (RFC 9110 §5.6.7).
  if (parts.size() == 4 && parts[0].back() == ',' && parts[3] == "GMT" && parts[1].size() == 9) {
    auto day = parse_int(parts[1].substr(0, 2));
    auto month = month_index(parts[1].substr(3, 3));
    auto year = parse_int(parts[1].substr(7, 2));
    auto clock = parse_clock(parts[2]);
    if (!day || !month || !year || !clock) return std::nullopt;
    int full_year = *year < 70 ? 2000 + *year : 1900 + *year;
    return make_time(full_year, *month, *day, *clock);
  }
  // asctime: "Sun Nov  6 08:49:37 1994"
  if (parts.size() == 5 && parts[0].size() == 3) {
    auto month = month_index(parts[1]);
    auto day = parse_int(parts[2]);
    auto clock = parse_clock(parts[3]);
    auto year = parse_int(parts[4]);
    if (!day || !month || !year || !clock) return std::nullopt;
    return make_time(*year, *month, *day, *clock);
  }
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now) {
  value = trim(value);
  if (!value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
      })) {
    // Saturate absurd values instead of overflowing; the caller caps the wait anyway.
    if (value.size() > 9) return std::chrono::milliseconds{std::chrono::hours(24 * 365)};
    return std::chrono::seconds{*parse_int(value)};
  }
  auto date = parse_http_date(value);
  if (!date) return std::nullopt;
  if (*date <= now) return std::chrono::milliseconds{0};
  return std::chrono::ceil<std::chrono::milliseconds>(*date - now);
}

}  // namespace sharpline::adapters::http
