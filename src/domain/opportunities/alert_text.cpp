#include "domain/opportunities/alert_text.hpp"

#include "domain/events/civil_days.hpp"
#include "domain/number_text.hpp"

namespace sharpline::domain::opportunities {
namespace {

std::string percent(double ratio) {
  return fixed_text(ratio * 100.0, 1, true) + "%";
}

std::string price(double decimal) {
  return fixed_text(decimal, 2);
}

std::string line_of(const std::string& market, const Leg& leg) {
  std::string text = leg.outcome;
  if (leg.point) {
    text += " " + short_text(*leg.point, market != "totals");
  } else {
    text += " ML";
  }
  return text;
}

std::string headline(const Opportunity& o) {
  const std::string tier = o.tier ? "[" + *o.tier + "] " : "";
  if (o.kind == "arbitrage") {
    return tier + "arbitrage " + percent(o.arbitrage_return.value_or(0.0)) + " guaranteed, " +
           std::to_string(o.legs.size()) + " legs";
  }
  if (o.kind == "middle" && o.legs.size() == 2) {
    return tier + "middle " + short_text(o.middle_gap.value_or(0.0)) +
           " pts: " + line_of(o.market, o.legs[0]) + " / " + line_of(o.market, o.legs[1]);
  }
  if (o.legs.empty()) return tier + o.kind;
  const Leg& leg = o.legs.front();
  return tier + o.kind + " " + percent(o.expected_value.value_or(0.0)) +
         " EV: " + line_of(o.market, leg) + " @ " + price(leg.price) + " (" + leg.bookmaker + ")";
}

}  // namespace

std::string utc_minutes(int64_t epoch_ms) {
  int64_t seconds = epoch_ms / 1000;
  if (epoch_ms % 1000 < 0) --seconds;
  int64_t days = seconds / 86400;
  int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  const auto date = events::civil_from_days(days);
  return padded_text(date.year, 4) + "-" + padded_text(date.month, 2) + "-" +
         padded_text(date.day, 2) + " " + padded_text(rest / 3600, 2) + ":" +
         padded_text(rest % 3600 / 60, 2) + "Z";
}

std::optional<Alert> alert_for(const Opportunity& o) {
  if (o.state == OpportunityState::kUpdated) return std::nullopt;
  const bool open = o.state == OpportunityState::kOpen;
  Alert alert;
  // An opportunity can close and open again with the same id: the time makes each alert unique.
  alert.alert_id = o.opportunity_id + (open ? ":open:" : ":closed:") + std::to_string(o.as_of_ms);
  alert.opportunity_id = o.opportunity_id;
  alert.event_id = o.event_id;
  alert.sport = o.sport;
  alert.kind = open ? o.kind : "closed";
  const std::string tier = o.tier.value_or("D");
  alert.severity = !open ? "info" : tier == "A" ? "high" : tier == "B" ? "notice" : "info";
  alert.title =
      open ? headline(o) : "closed (" + o.closed_reason.value_or("closed") + "): " + headline(o);
  std::string message = o.event_id + " " + o.market;
  if (o.commence_ms) message += ", kickoff " + utc_minutes(*o.commence_ms);
  for (const auto& leg : o.legs) {
    message += "\n  " + line_of(o.market, leg) + " @ " + price(leg.price) + " at " + leg.bookmaker;
    message += ", stake " + fixed_text(leg.stake * 100.0, 2) + "% of bankroll";
    if (leg.fair_probability && *leg.fair_probability > 0.0) {
      message += ", fair " + price(1.0 / *leg.fair_probability);
    }
  }
  alert.message = message;
  alert.expected_value = o.expected_value;
  alert.created_ms = o.as_of_ms;
  alert.expires_ms = o.commence_ms;
  return alert;
}

std::string alert_line(const Alert& alert) {
  std::string line = utc_minutes(alert.created_ms) + "  " + alert.title + "  " + alert.event_id;
  return line;
}

}  // namespace sharpline::domain::opportunities
