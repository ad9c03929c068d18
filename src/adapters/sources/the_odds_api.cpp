#include "adapters/sources/the_odds_api.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

#include "adapters/sources/iso_time.hpp"
#include "adapters/sources/json_depth.hpp"
#include "domain/errors.hpp"
#include "domain/odds/formats.hpp"

namespace sharpline::adapters::sources {
namespace {

using nlohmann::json;

// Times outside this window are corrupt payloads, not real games or book updates.
constexpr int64_t kEarliestMs = 946684800000LL;  // 2000-01-01
constexpr int64_t kLatestMs = 4102444800000LL;   // 2100-01-01
// A book cannot have updated after we fetched it; allow for clock skew between the two.
constexpr int64_t kFutureSkewMs = 60LL * 60 * 1000;

// Thrown inside the parser for one item; caught at that item's level.
struct Invalid {
  std::string reason;
};

const json& require(const json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) throw Invalid{std::string("missing ") + name};
  return *it;
}

std::string require_string(const json& object, const char* name) {
  const json& value = require(object, name);
  if (!value.is_string() || value.get_ref<const std::string&>().empty())
    throw Invalid{std::string(name) + " must be a non-empty string, got " + value.dump()};
  return value.get<std::string>();
}

int64_t parse_time(const json& value, const char* name) {
  if (!value.is_string())
    throw Invalid{std::string(name) + " must be a string, got " + value.dump()};
  const auto ms = parse_iso8601_ms(value.get_ref<const std::string&>());
  if (!ms) throw Invalid{std::string(name) + " is not an ISO-8601 UTC time: " + value.dump()};
  if (*ms < kEarliestMs || *ms >= kLatestMs)
    throw Invalid{std::string(name) + " is outside 2000..2100: " + value.dump()};
  return *ms;
}

std::optional<int64_t> optional_book_time(const json& object, int64_t poll_ms) {
  const auto it = object.find("last_update");
  if (it == object.end() || it->is_null()) return std::nullopt;
  const int64_t ms = parse_time(*it, "last_update");
  if (ms > poll_ms + kFutureSkewMs)
    throw Invalid{"last_update " + it->dump() + " is after the poll time " +
                  format_iso8601_ms(poll_ms)};
  return ms;
}

double decimal_price(const json& value, OddsFormat format) {
  if (!value.is_number()) throw Invalid{"price must be a number, got " + value.dump()};
  const double price = value.get<double>();
  if (format == OddsFormat::kAmerican) {
    if (const auto problem = domain::odds::american_odds_problem(price))
      throw Invalid{"American price " + value.dump() + ": " + std::string(*problem)};
    const double decimal = domain::odds::american_to_decimal(price);
    if (!std::isfinite(decimal) || decimal <= 1.0)
      throw Invalid{"American price " + value.dump() + " gives no decimal price > 1"};
    return decimal;
  }
  if (const auto problem = domain::odds::decimal_odds_problem(price))
    throw Invalid{"decimal price " + value.dump() + ": " + std::string(*problem)};
  return price;
}

std::string team(const entities::EntityResolver& resolver, const std::string& sport,
                 const std::string& name) {
  const auto canonical = resolver.resolve_team(sport, name);
  if (!canonical) throw Invalid{"unknown team '" + name + "' for " + sport};
  return *canonical;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// Over/Under/Draw are market sides, not teams; any other name must be one of the event's two
// teams (a known team of another game is as wrong as an unknown one).
std::string outcome_name(const entities::EntityResolver& resolver, const domain::Event& event,
                         const std::string& name) {
  for (const char* side : {"Over", "Under", "Draw"})
    if (equals_ignoring_case(name, side)) return side;
  std::string canonical = team(resolver, event.sport, name);
  if (canonical != event.home_team && canonical != event.away_team)
    throw Invalid{"outcome '" + name + "' is neither " + event.home_team + " nor " +
                  event.away_team};
  return canonical;
}

std::size_t outcome_count(const json& market) {
  const auto it = market.find("outcomes");
  return it != market.end() && it->is_array() ? it->size() : 0;
}

std::size_t outcome_count_of_bookmaker(const json& bookmaker) {
  std::size_t count = 0;
  const auto it = bookmaker.find("markets");
  if (it == bookmaker.end() || !it->is_array()) return 0;
  for (const auto& market : *it)
    if (market.is_object()) count += outcome_count(market);
  return count;
}

std::size_t outcome_count_of_event(const json& event) {
  std::size_t count = 0;
  const auto it = event.find("bookmakers");
  if (it == event.end() || !it->is_array()) return 0;
  for (const auto& bookmaker : *it)
    if (bookmaker.is_object()) count += outcome_count_of_bookmaker(bookmaker);
  return count;
}

// A valid event nests 7 levels (event, bookmakers, bookmaker, markets, market, outcomes,
// outcome); a deeper item is rejected before anything dumps it (json_depth.hpp).
constexpr std::size_t kMaxItemDepth = kMaxJsonDepth;

class Parser {
 public:
  Parser(int64_t poll_ms, OddsFormat format, const entities::EntityResolver& resolver,
         domain::events::EventLinker& linker)
      : poll_ms_(poll_ms), format_(format), resolver_(resolver), linker_(linker) {}

  ParsedResponse run(const json& response) {
    if (!response.is_array())
      throw std::invalid_argument("an /odds response must be a JSON array, got " +
                                  std::string(response.type_name()));
    for (std::size_t i = 0; i < response.size(); ++i) event(response[i], i);
    return std::move(out_);
  }

 private:
  void reject(const std::string& event_id, const std::string& where, const std::string& reason,
              const json& raw, std::size_t quote_items) {
    out_.rejected.push_back({event_id, where + ": " + reason, raw.dump(), quote_items});
  }

  void event(const json& item, std::size_t index) {
    const std::size_t items = item.is_object() ? outcome_count_of_event(item) : 0;
    out_.quote_items += items;
    if (nested_deeper_than(item, kMaxItemDepth)) {
      out_.rejected.push_back({"",
                               "response[" + std::to_string(index) + "]: nested deeper than " +
                                   std::to_string(kMaxItemDepth) + " levels (item not kept)",
                               "null", items});
      return;
    }
    std::string id;
    domain::Event e;
    try {
      if (!item.is_object()) throw Invalid{"expected an object, got " + item.dump()};
      id = require_string(item, "id");
      e.sport = require_string(item, "sport_key");
      if (const auto title = item.find("sport_title"); title != item.end() && title->is_string())
        e.league = title->get<std::string>();
      e.commence_ms = parse_time(require(item, "commence_time"), "commence_time");
      e.home_team = team(resolver_, e.sport, require_string(item, "home_team"));
      e.away_team = team(resolver_, e.sport, require_string(item, "away_team"));
      if (e.home_team == e.away_team) throw Invalid{"home and away are both " + e.home_team};
      if (!require(item, "bookmakers").is_array()) throw Invalid{"bookmakers must be an array"};
      e.event_id = linker_.link(
          kTheOddsApiSource, id,
          {e.sport, e.home_team, e.away_team, domain::events::game_day_of(e.sport, e.commence_ms)});
    } catch (const domain::InvalidInput& invalid) {
      reject(id, "response[" + std::to_string(index) + "] event " + id, invalid.what(), item,
             items);
      return;
    } catch (const Invalid& invalid) {
      reject(id, "response[" + std::to_string(index) + "]" + (id.empty() ? "" : " event " + id),
             invalid.reason, item, items);
      return;
    }
    // Started games stay in the feed with in-play prices.
    e.status = e.commence_ms <= poll_ms_ ? "in_progress" : "scheduled";
    e.source = kTheOddsApiSource;
    e.updated_ms = poll_ms_;
    e.external_ids[kTheOddsApiSource] = id;
    for (const auto& bookmaker : item.at("bookmakers")) this->bookmaker(e, bookmaker);
    out_.events.push_back(std::move(e));
  }

  void bookmaker(const domain::Event& e, const json& item) {
    std::string key;
    std::optional<int64_t> updated;
    const std::string where = "event " + e.event_id;
    try {
      if (!item.is_object()) throw Invalid{"bookmaker must be an object, got " + item.dump()};
      const std::string raw_key = require_string(item, "key");
      auto canonical = resolver_.resolve_bookmaker(raw_key);
      if (!canonical) {
        if (const auto title = item.find("title"); title != item.end() && title->is_string())
          canonical = resolver_.resolve_bookmaker(title->get<std::string>());
      }
      if (!canonical) throw Invalid{"unknown bookmaker '" + raw_key + "'"};
      key = *canonical;
      updated = optional_book_time(item, poll_ms_);
      if (!require(item, "markets").is_array()) throw Invalid{"markets must be an array"};
    } catch (const Invalid& invalid) {
      reject(e.event_id, where + " bookmaker" + (key.empty() ? "" : " " + key), invalid.reason,
             item, item.is_object() ? outcome_count_of_bookmaker(item) : 0);
      return;
    }
    for (const auto& market : item.at("markets")) this->market(e, key, updated, market);
  }

  void market(const domain::Event& e, const std::string& book, std::optional<int64_t> book_time,
              const json& item) {
    std::string key;
    std::optional<int64_t> updated;
    const std::string where = "event " + e.event_id + " bookmaker " + book + " market";
    try {
      if (!item.is_object()) throw Invalid{"market must be an object, got " + item.dump()};
      key = require_string(item, "key");
      updated = optional_book_time(item, poll_ms_);
      if (!require(item, "outcomes").is_array()) throw Invalid{"outcomes must be an array"};
    } catch (const Invalid& invalid) {
      reject(e.event_id, where + (key.empty() ? "" : " " + key), invalid.reason, item,
             item.is_object() ? outcome_count(item) : 0);
      return;
    }
    if (!updated) updated = book_time;
    const auto& outcomes = item.at("outcomes");
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      try {
        out_.quotes.push_back(outcome(e, book, key, updated, outcomes[i]));
      } catch (const Invalid& invalid) {
        reject(e.event_id, where + " " + key + " outcomes[" + std::to_string(i) + "]",
               invalid.reason, outcomes[i], 1);
      }
    }
  }

  domain::OddsQuote outcome(const domain::Event& e, const std::string& book,
                            const std::string& market, std::optional<int64_t> updated,
                            const json& item) const {
    if (!item.is_object()) throw Invalid{"outcome must be an object, got " + item.dump()};
    domain::OddsQuote q;
    q.event_id = e.event_id;
    q.sport = e.sport;
    q.commence_ms = e.commence_ms;
    q.bookmaker = book;
    q.market = market;
    q.outcome = outcome_name(resolver_, e, require_string(item, "name"));
    q.price = decimal_price(require(item, "price"), format_);
    if (const auto point = item.find("point"); point != item.end() && !point->is_null()) {
      if (!point->is_number() || !std::isfinite(point->get<double>()))
        throw Invalid{"point must be a finite number, got " + point->dump()};
      q.point = point->get<double>();
    } else if (market == "spreads" || market == "totals") {
      throw Invalid{"missing point for a " + market + " outcome"};
    }
    q.book_updated_ms = updated;
    q.observed_ms = poll_ms_;
    q.source = kTheOddsApiSource;
    return q;
  }

  int64_t poll_ms_;
  OddsFormat format_;
  const entities::EntityResolver& resolver_;
  domain::events::EventLinker& linker_;
  ParsedResponse out_;
};

}  // namespace

std::optional<OddsFormat> parse_odds_format(std::string_view text) {
  if (text == "american") return OddsFormat::kAmerican;
  if (text == "decimal") return OddsFormat::kDecimal;
  return std::nullopt;
}

ParsedResponse parse_odds_response(const json& response, int64_t poll_ms, OddsFormat format,
                                   const entities::EntityResolver& resolver,
                                   domain::events::EventLinker& linker) {
  return Parser(poll_ms, format, resolver, linker).run(response);
}

ParsedResponse parse_odds_response(const json& response, int64_t poll_ms, OddsFormat format,
                                   const entities::EntityResolver& resolver) {
  domain::events::EventLinker linker;
  return parse_odds_response(response, poll_ms, format, resolver, linker);
}

}  // namespace sharpline::adapters::sources
