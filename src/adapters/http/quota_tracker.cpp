#include "adapters/http/quota_tracker.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace sharpline::adapters::http {

namespace {

// Non-negative finite number; the API sends integers, but "12.0" must not break pacing.
std::optional<double> parse_count(const HttpHeaders& headers, std::string_view name) {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  const std::string& text = it->second;
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  while (end && *end == ' ') ++end;
  if (end == text.c_str() || !end || *end != '\0' || !std::isfinite(value) || value < 0) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

QuotaTracker::QuotaTracker(std::chrono::milliseconds min_interval, std::string provider,
                           MetricsRegistry& metrics)
    : min_interval_(min_interval),
      remaining_gauge_(metrics.gauge("sharpline_odds_api_requests_remaining",
                                     "API quota credits left this period (x-requests-remaining)",
                                     {{"provider", provider}})),
      used_gauge_(metrics.gauge("sharpline_odds_api_requests_used",
                                "API quota credits used this period (x-requests-used)",
                                {{"provider", provider}})),
      last_gauge_(metrics.gauge("sharpline_odds_api_requests_last",
                                "API quota credits the last request cost (x-requests-last)",
                                {{"provider", provider}})) {}

void QuotaTracker::update(const HttpHeaders& headers) {
  if (auto value = parse_count(headers, "x-requests-remaining")) {
    remaining_ = value;
    remaining_gauge_.set(*value);
  }
  if (auto value = parse_count(headers, "x-requests-used")) {
    used_ = value;
    used_gauge_.set(*value);
  }
  if (auto value = parse_count(headers, "x-requests-last")) {
    last_cost_ = value;
    last_gauge_.set(*value);
  }
}

std::chrono::milliseconds QuotaTracker::next_poll_delay(
    std::chrono::system_clock::time_point now, std::chrono::system_clock::time_point until) const {
  if (!remaining_ || until <= now) return min_interval_;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - now);
  // A free request (cost 0) would make every poll free; pace it as if it cost one.
  double cost = last_cost_ && *last_cost_ > 0 ? *last_cost_ : 1.0;
  double polls = std::floor(*remaining_ / cost);
  if (polls < 1) return left;
  auto spread = std::chrono::milliseconds{static_cast<std::chrono::milliseconds::rep>(
      std::ceil(static_cast<double>(left.count()) / polls))};
  return std::max(min_interval_, spread);
}

}  // namespace sharpline::adapters::http
