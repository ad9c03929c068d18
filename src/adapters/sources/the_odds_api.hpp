// The Odds API v4 `/odds` responses -> sharpline records.
//
// One response is a JSON array of events; each event lists bookmakers, each bookmaker markets,
// each market outcomes. Every outcome becomes one OddsQuote (change = NEW; the QuoteTracker
// decides what really changed). Validation is per item: a bad event, bookmaker, market or
// outcome becomes one RejectedItem carrying that item's raw JSON and the rest of the payload is
// still read. Team and bookmaker names go through the EntityResolver; an unknown name rejects
// its item (never a silent new team).
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/entities/entity_resolver.hpp"
#include "domain/records/records.hpp"

namespace sharpline::adapters::sources {

inline constexpr const char* kTheOddsApiSource = "the-odds-api";

enum class OddsFormat { kDecimal, kAmerican };

// "american" or "decimal" (the API's oddsFormat values); nullopt otherwise.
std::optional<OddsFormat> parse_odds_format(std::string_view text);

struct RejectedItem {
  std::string event_id;  // empty when the event's own id is missing
  std::string reason;    // where ("event <id> bookmaker <key> market <key> outcomes[1]") and why
  std::string raw;       // the rejected item's JSON, compact
  std::size_t quote_items = 0;  // outcome items lost with it (for reconciliation)
};

struct ParsedResponse {
  std::vector<domain::Event> events;      // accepted events, also those without bookmakers
  std::vector<domain::OddsQuote> quotes;  // accepted outcomes
  std::vector<RejectedItem> rejected;
  std::size_t quote_items = 0;  // outcome items in the payload, accepted or not
};

// poll_ms: when the response was fetched (observed_ms of every quote, updated_ms of events).
// A response that is not a JSON array throws std::invalid_argument: there is no item to keep.
ParsedResponse parse_odds_response(const nlohmann::json& response, int64_t poll_ms,
                                   OddsFormat format, const entities::EntityResolver& resolver);

}  // namespace sharpline::adapters::sources
