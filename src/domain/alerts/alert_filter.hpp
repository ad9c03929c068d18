// Which alerts a webhook subscriber gets: its filters (sports, kinds, minimum expected value,
// minimum severity) and the expiry rule. Pure, so the rules are tested without a broker or a
// network and read the same in the docs as in the code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sharpline::domain::alerts {

// The alert's "tier", lowest to highest. The schema allows new values; they have no rank.
enum class Severity { kInfo = 0, kNotice = 1, kHigh = 2 };

// "info" | "notice" | "high"; nullopt for anything else.
std::optional<Severity> parse_severity(std::string_view text);
std::string_view to_string(Severity severity);

// The fields of an Alert the rules look at.
struct AlertFacts {
  std::string sport;
  std::string kind;
  std::string severity;
  std::optional<double> expected_value;
  std::optional<int64_t> expires_ms;
};

// Empty lists and unset minimums accept everything.
struct AlertFilter {
  std::vector<std::string> sports;
  std::vector<std::string> kinds;
  std::optional<double> min_ev;
  std::optional<Severity> min_severity;
};

enum class Verdict { kDeliver, kFiltered, kExpired };
std::string_view to_string(Verdict verdict);

struct FilterDecision {
  Verdict verdict = Verdict::kDeliver;
  std::string reason;  // why it is not delivered; empty for kDeliver
};

// Expiry comes first (an expired alert is never delivered, whatever the filters say): an alert
// with expires_ms <= now_ms is kExpired. Then every filter must pass. With min_ev set, an alert
// without an expected value is filtered out (nothing shows it clears the bar); with
// min_severity set, a severity of unknown rank is filtered out for the same reason.
FilterDecision decide(const AlertFilter& filter, const AlertFacts& alert, int64_t now_ms);

}  // namespace sharpline::domain::alerts
