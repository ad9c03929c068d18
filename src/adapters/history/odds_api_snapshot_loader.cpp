#include "adapters/history/odds_api_snapshot_loader.hpp"

#include <set>
#include <string>
#include <unordered_set>
#include <utility>

#include "adapters/entities/entity_resolver.hpp"
#include "adapters/history/nflverse_loader.hpp"
#include "adapters/sources/odds_api_snapshots.hpp"
#include "adapters/sources/the_odds_api.hpp"
#include "domain/collect/quote_tracker.hpp"
#include "domain/events/event_linker.hpp"

namespace sharpline::adapters::history {

OddsApiSnapshotHistory load_odds_api_snapshots(const std::filesystem::path& snapshots,
                                               const std::filesystem::path& nflverse_games,
                                               const OddsApiSnapshotOptions& options) {
  OddsApiSnapshotHistory out;
  const auto resolver = entities::EntityResolver::load();
  domain::events::EventLinker linker;
  domain::collect::QuoteTracker tracker;
  sources::SnapshotReader reader(snapshots);
  std::vector<domain::OddsQuote> quotes;
  std::unordered_set<std::string> quoted;
  while (!options.max_polls || out.polls < *options.max_polls) {
    auto snapshot = reader.next();
    if (!snapshot) break;
    ++out.polls;
    auto parsed = sources::parse_odds_response(snapshot->response, snapshot->poll_ms,
                                               sources::OddsFormat::kAmerican, resolver, linker);
    out.quote_items += parsed.quote_items;
    out.rejected_items += parsed.rejected.size();
    std::set<std::string> event_ids;
    for (const auto& event : parsed.events) event_ids.insert(event.event_id);
    auto changes = tracker.apply_poll(parsed.quotes, event_ids, snapshot->poll_ms);
    for (auto& quote : changes.changes) {
      quoted.insert(quote.event_id);
      quotes.push_back(std::move(quote));
    }
  }

  HistoryBatch games = load_nflverse_games(nflverse_games);
  HistoryBatch& batch = out.batch;
  batch.rows_read = games.rows_read;
  batch.skipped = games.skipped;
  batch.rejected = std::move(games.rejected);
  batch.warnings = std::move(games.warnings);
  std::unordered_set<std::string> kept;
  for (auto& event : games.events) {
    if (event.season != options.season || !quoted.contains(event.event_id)) continue;
    kept.insert(event.event_id);
    batch.events.push_back(std::move(event));
  }
  for (auto& result : games.results) {
    if (kept.contains(result.event_id)) batch.results.push_back(std::move(result));
  }
  for (auto& report : games.weather) {
    if (kept.contains(report.event_id)) batch.weather.push_back(std::move(report));
  }
  for (auto& quote : quotes) {
    if (kept.contains(quote.event_id)) {
      batch.quotes.push_back(std::move(quote));
    } else {
      ++out.unmatched_quotes;
    }
  }
  return out;
}

}  // namespace sharpline::adapters::history
