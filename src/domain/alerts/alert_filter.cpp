#include "domain/alerts/alert_filter.hpp"

#include <algorithm>
#include <utility>

namespace sharpline::domain::alerts {
namespace {

bool listed(const std::vector<std::string>& allowed, const std::string& value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

FilterDecision filtered(std::string reason) {
  return {Verdict::kFiltered, std::move(reason)};
}

}  // namespace

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "info") return Severity::kInfo;
  if (text == "notice") return Severity::kNotice;
  if (text == "high") return Severity::kHigh;
  return std::nullopt;
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kNotice:
      return "notice";
    case Severity::kHigh:
      return "high";
  }
  return "unknown";
}

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kDeliver:
      return "deliver";
    case Verdict::kFiltered:
      return "filtered";
    case Verdict::kExpired:
      return "expired";
  }
  return "unknown";
}

FilterDecision decide(const AlertFilter& filter, const AlertFacts& alert, int64_t now_ms) {
  if (alert.expires_ms && *alert.expires_ms <= now_ms) {
    return {Verdict::kExpired, "expired at " + std::to_string(*alert.expires_ms)};
  }
  if (!listed(filter.sports, alert.sport)) return filtered("sport " + alert.sport);
  if (!listed(filter.kinds, alert.kind)) return filtered("kind " + alert.kind);
  if (filter.min_ev) {
    if (!alert.expected_value) return filtered("no expected_value");
    if (*alert.expected_value < *filter.min_ev) return filtered("expected_value below min_ev");
  }
  if (filter.min_severity) {
    const auto rank = parse_severity(alert.severity);
    if (!rank) return filtered("severity " + alert.severity + " has no rank");
    if (static_cast<int>(*rank) < static_cast<int>(*filter.min_severity)) {
      return filtered("severity " + alert.severity + " below min_severity");
    }
  }
  return {Verdict::kDeliver, ""};
}

}  // namespace sharpline::domain::alerts
