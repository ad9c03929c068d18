// The Odds API /odds response parser. Every input is parsed twice (decimal and american odds,
// two poll times). Documented error: std::invalid_argument, only for a document that is not an
// array; an array never throws, whatever its items hold (bad items become rejected items).
#include <nlohmann/json.hpp>

#include "adapters/entities/entity_resolver.hpp"
#include "adapters/sources/the_odds_api.hpp"
#include "fuzz_support.hpp"

namespace {

using sharpline::adapters::entities::EntityResolver;
using namespace sharpline::adapters::sources;

const EntityResolver& resolver() {
  static const EntityResolver instance = EntityResolver::load();
  return instance;
}

void check(const ParsedResponse& parsed, int64_t poll_ms) {
  // The reconciliation the collector reports: nothing is lost or counted twice.
  std::size_t rejected_quote_items = 0;
  for (const auto& item : parsed.rejected) {
    SHARPLINE_FUZZ_CHECK(!item.reason.empty());
    rejected_quote_items += item.quote_items;
  }
  SHARPLINE_FUZZ_CHECK(parsed.quotes.size() + rejected_quote_items == parsed.quote_items);
  for (const auto& quote : parsed.quotes) {
    SHARPLINE_FUZZ_CHECK(std::isfinite(quote.price) && quote.price > 1.0);
    SHARPLINE_FUZZ_CHECK(!quote.point || std::isfinite(*quote.point));
    SHARPLINE_FUZZ_CHECK(quote.observed_ms == poll_ms);
    SHARPLINE_FUZZ_CHECK(!quote.event_id.empty() && !quote.bookmaker.empty());
    SHARPLINE_FUZZ_CHECK(!quote.market.empty() && !quote.outcome.empty());
  }
  for (const auto& event : parsed.events) {
    SHARPLINE_FUZZ_CHECK(!event.event_id.empty() && event.home_team != event.away_team);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const nlohmann::json doc = nlohmann::json::parse(data, data + size, nullptr, false);
  if (doc.is_discarded()) return 0;  // not JSON: the collector never gets that far
  static const EntityResolver& names = resolver();
  constexpr struct {
    OddsFormat format;
    int64_t poll_ms;
  } kRuns[] = {{OddsFormat::kDecimal, 1757483819000},    // 2025-09-10T05:56:59Z
               {OddsFormat::kAmerican, 1893456000000}};  // 2030-01-01T00:00:00Z
  for (const auto& run : kRuns) {
    if (!doc.is_array()) {
      try {
        (void)parse_odds_response(doc, run.poll_ms, run.format, names);
      } catch (const std::invalid_argument&) {
        continue;
      }
      SHARPLINE_FUZZ_CHECK(!"a response that is not an array was accepted");
    }
    check(parse_odds_response(doc, run.poll_ms, run.format, names), run.poll_ms);
  }
  return 0;
}
