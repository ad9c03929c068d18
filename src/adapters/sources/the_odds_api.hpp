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
#include "adapters/sources/rejected_item.hpp"
#include "domain/events/event_linker.hpp"
#include "domain/records/records.hpp"

namespace sharpline::adapters::sources {

inline constexpr const char* kTheOddsApiSource = "the-odds-api";

enum class OddsFormat { kDecimal, kAmerican };

// "american" or "decimal" (the API's oddsFormat values); nullopt otherwise.
std::optional<OddsFormat> parse_odds_format(std::string_view text);

struct ParsedResponse {
  std::vector<domain::Event> events;      // accepted events, also those without bookmakers
  std::vector<domain::OddsQuote> quotes;  // accepted outcomes
  std::vector<RejectedItem> rejected;
  std::size_t quote_items = 0;  // outcome items in the payload, accepted or not
};

// poll_ms: when the response was fetched (observed_ms of every quote, updated_ms of events).
// Event ids are canonical (domain/events/canonical_event_id.hpp), linked through `linker` so a
// doubleheader's second game gets ":g2" and an event keeps its id across polls; the API's own id
// is external_ids["the-odds-api"]. A collector keeps one linker for its lifetime; the overload
// without one links within this response only.
// A response that is not a JSON array throws std::invalid_argument: there is no item to keep.
ParsedResponse parse_odds_response(const nlohmann::json& response, int64_t poll_ms,
                                   OddsFormat format, const entities::EntityResolver& resolver,
                                   domain::events::EventLinker& linker);
ParsedResponse parse_odds_response(const nlohmann::json& response, int64_t poll_ms,
                                   OddsFormat format, const entities::EntityResolver& resolver);

}  // namespace sharpline::adapters::sources
