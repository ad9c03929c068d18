#include "cli/replay/season_replay.hpp"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "adapters/history/nflverse_loader.hpp"
#include "adapters/sources/odds_api_snapshots.hpp"
#include "cli/commands/collect_publisher.hpp"
#include "cli/commands/odds_collector.hpp"
#include "cli/commands/stats_collector.hpp"
#include "common/logging.hpp"

namespace sharpline::cli::replay {
namespace {

using HistoryRecord = StatsCollector::HistoryRecord;
using Clock = std::chrono::steady_clock;

// The NFL season a time falls in when the record does not say: a season starts in September
// and ends in February of the next year.
int season_of_ms(int64_t ms) {
  const std::chrono::sys_days day = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(ms)));
  const std::chrono::year_month_day date{day};
  const int year = static_cast<int>(date.year());
  return static_cast<unsigned>(date.month()) >= 3 ? year : year - 1;
}

bool is_result(const HistoryRecord& record) {
  return std::holds_alternative<const domain::GameResult*>(record.record);
}

const char* topic_of(const HistoryRecord& record) {
  return std::visit(
      [](const auto* r) -> const char* {
        using T = std::decay_t<decltype(*r)>;
        if constexpr (std::is_same_v<T, domain::Event>) return kEventsTopic;
        if constexpr (std::is_same_v<T, domain::GameResult>) return kResultsTopic;
        if constexpr (std::is_same_v<T, domain::WeatherReport>) return kWeatherTopic;
        return kOddsTopic;
      },
      record.record);
}

}  // namespace

SeasonReplay::SeasonReplay(BusContext& context, adapters::entities::EntityResolver resolver,
                           SeasonReplayOptions options)
    : context_(context), resolver_(std::move(resolver)), options_(std::move(options)) {}

SeasonReplayTotals SeasonReplay::run(const std::function<void(bool barrier)>& before_step,
                                     const std::function<bool()>& stop) {
  SeasonReplayTotals totals;
  const auto batch = adapters::history::load_nflverse_games(options_.games_file);
  StatsCollector stats(context_, "collector:nflverse");
  OddsCollector odds(context_, resolver_, adapters::sources::OddsFormat::kAmerican);

  // The season of every nflverse record, from its event.
  std::unordered_map<std::string_view, int> season_of_event;
  for (const auto& event : batch.events)
    season_of_event.emplace(event.event_id,
                            event.season ? *event.season : season_of_ms(event.commence_ms));
  const auto season_of = [&](const std::string& event_id, int64_t fallback_ms) {
    const auto it = season_of_event.find(event_id);
    return it != season_of_event.end() ? it->second : season_of_ms(fallback_ms);
  };
  const auto in_slice = [&](int64_t ms) {
    return (!options_.from_ms || ms >= *options_.from_ms) &&
           (!options_.until_ms || ms < *options_.until_ms);
  };
  std::vector<HistoryRecord> earlier;  // results of earlier seasons
  std::vector<HistoryRecord> season;   // the replayed season's events, weather and results
  // nflverse has the weather observed at kickoff. Live, the weather collector publishes the
  // kickoff forecast days ahead; the replay stands the observed values in for that forecast,
  // issued kObservedWeatherAsForecastLeadMs before kickoff, so pre-match features can use it (the
  // forecast error is not simulated: docs/pipeline.md, known limits).
  std::vector<domain::WeatherReport> forecasts;
  forecasts.reserve(batch.weather.size());  // HistoryRecords point into it
  for (const auto& record : StatsCollector::history_order(batch)) {
    std::visit(
        [&](const auto* r) {
          using T = std::decay_t<decltype(*r)>;
          if constexpr (std::is_same_v<T, domain::OddsQuote>) {
            return;  // the odds of the replay come from the snapshots
          } else {
            const int s = season_of(r->event_id, record.timestamp_ms);
            if (s == options_.season) {
              HistoryRecord replayed = record;
              if constexpr (std::is_same_v<T, domain::WeatherReport>) {
                auto& forecast = forecasts.emplace_back(*r);
                forecast.kind = "forecast";
                forecast.observed_ms =
                    r->forecast_for_ms - adapters::history::kObservedWeatherAsForecastLeadMs;
                replayed = {forecast.observed_ms, &forecast};
              }
              if (in_slice(replayed.timestamp_ms)) season.push_back(replayed);
            } else if (s < options_.season && std::is_same_v<T, domain::GameResult>) {
              earlier.push_back(record);
            }
          }
        },
        record.record);
  }
  std::stable_sort(season.begin(), season.end(),
                   [](const auto& a, const auto& b) { return a.timestamp_ms < b.timestamp_ms; });

  const auto flush = [&] {
    stats.flush();
    odds.checkpoint();  // no state file: waits for every delivery
  };
  const auto publish = [&](const HistoryRecord& record) {
    stats.publish_history(record);
    ++totals.published[topic_of(record)];
    ++totals.history_records;
  };

  // 1. Earlier seasons' results, in chunks.
  const std::size_t chunk = std::max<std::size_t>(1, options_.history_chunk);
  for (std::size_t i = 0; i < earlier.size() && !totals.stopped; i += chunk) {
    if (stop()) {
      totals.stopped = true;
      break;
    }
    flush();
    before_step(false);
    for (std::size_t j = i; j < std::min(earlier.size(), i + chunk); ++j) {
      publish(earlier[j]);
      ++totals.earlier_results;
    }
  }
  if (!totals.stopped) stats.history_rejects(batch);

  // 2. The season: history records and polls merged by time.
  adapters::sources::SnapshotReader reader(options_.snapshots_file);
  const auto next_snapshot = [&]() -> std::optional<adapters::sources::Snapshot> {
    while (auto snapshot = reader.next()) {
      if (options_.from_ms && snapshot->poll_ms < *options_.from_ms) continue;
      // Snapshot lines are in time order: nothing after this one is in the slice.
      if (options_.until_ms && snapshot->poll_ms >= *options_.until_ms) return std::nullopt;
      return snapshot;
    }
    return std::nullopt;
  };
  std::optional<adapters::sources::Snapshot> snapshot;
  if (!totals.stopped) snapshot = next_snapshot();
  std::size_t next = 0;
  // Pacing: event time `anchor_ms` was reached at wall time `anchor_wall`.
  std::optional<std::pair<int64_t, Clock::time_point>> anchor;
  const auto pace = [&](int64_t at_ms) {
    if (options_.speed <= 0) return;
    if (!anchor) {
      anchor.emplace(at_ms, Clock::now());
      return;
    }
    const auto target =
        anchor->second + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                             static_cast<double>(at_ms - anchor->first) / 1000.0 / options_.speed));
    for (auto now = Clock::now(); now < target && !totals.stopped; now = Clock::now()) {
      std::this_thread::sleep_for(
          std::min<Clock::duration>(target - now, std::chrono::milliseconds(100)));
      if (stop()) totals.stopped = true;
    }
    // Behind (a long before_step): carry on from here rather than catching up in a burst.
    if (Clock::now() > target) anchor.emplace(at_ms, Clock::now());
  };
  while (!totals.stopped && (next < season.size() || snapshot)) {
    const bool history_first =
        next < season.size() && (!snapshot || season[next].timestamp_ms <= snapshot->poll_ms);
    const int64_t at_ms = history_first ? season[next].timestamp_ms : snapshot->poll_ms;
    if (stop()) {
      totals.stopped = true;
      break;
    }
    pace(at_ms);
    if (totals.stopped) break;
    flush();
    if (!totals.first_ms) totals.first_ms = at_ms;
    totals.last_ms = at_ms;
    if (history_first && is_result(season[next])) {
      before_step(true);
      ++totals.barriers;
      for (; next < season.size() && is_result(season[next]) && season[next].timestamp_ms == at_ms;
           ++next) {
        publish(season[next]);
        ++totals.results;
      }
    } else if (history_first) {
      before_step(false);
      publish(season[next++]);
    } else {
      before_step(false);
      odds.poll(*snapshot);
      snapshot = next_snapshot();
    }
  }
  flush();

  const auto& odds_totals = odds.totals();
  totals.polls = odds_totals.polls;
  totals.published[kOddsTopic] += odds_totals.published + odds_totals.removed;
  totals.published[kEventsTopic] += odds_totals.events;
  totals.deadletter = odds_totals.deadletter + stats.totals().deadletter;
  nlohmann::json published = nlohmann::json::object();
  for (const auto& [topic, count] : totals.published) published[topic] = count;
  log_info("season replayed", {{"season", options_.season},
                               {"published", published},
                               {"polls", totals.polls},
                               {"deadletter", totals.deadletter},
                               {"earlier_results", totals.earlier_results},
                               {"results", totals.results},
                               {"stopped", totals.stopped}});
  return totals;
}

}  // namespace sharpline::cli::replay
