#include "adapters/ml/nfl_moneyline_training.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <unordered_map>

#include "adapters/history/nflverse_loader.hpp"
#include "adapters/ml/model_directory.hpp"
#include "adapters/ml/training.hpp"
#include "domain/events/canonical_event_id.hpp"
#include "domain/features/game_calendar.hpp"
#include "domain/features/team_form.hpp"
#include "domain/odds/devig.hpp"
#include "domain/ratings/elo_model.hpp"

namespace sharpline::adapters::ml {
namespace {

struct Moneyline {
  std::optional<double> home;
  std::optional<double> away;
  std::optional<int64_t> observed_ms;
};

std::string game_date(int64_t commence_ms) {
  const auto day = domain::events::game_day_of(kNflSport, commence_ms);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", day.year, day.month, day.day);
  return buffer;
}

bool is_indoors(const std::optional<std::string>& roof) {
  return roof && (*roof == "dome" || *roof == "closed");
}

}  // namespace

std::vector<float> NflTrainingSet::matrix() const {
  std::vector<float> out;
  out.reserve(rows.size() * feature_names.size());
  for (const auto& row : rows) {
    for (const double value : row.features) out.push_back(static_cast<float>(value));
  }
  return out;
}

std::vector<float> NflTrainingSet::labels() const {
  std::vector<float> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(row.label);
  return out;
}

NflTrainingSet build_nfl_moneyline_training_set(const history::HistoryBatch& batch,
                                                int last_season_exclusive) {
  NflTrainingSet set;
  for (const auto name : domain::features::kNflMoneylineFeatureNames) {
    set.feature_names.emplace_back(name);
  }

  std::unordered_map<std::string, const domain::Event*> events;
  for (const auto& event : batch.events) events[event.event_id] = &event;
  std::unordered_map<std::string, const domain::GameResult*> results;
  for (const auto& result : batch.results) {
    if (result.is_final && result.home_score && result.away_score) {
      results[result.event_id] = &result;
    }
  }
  std::unordered_map<std::string, Moneyline> moneylines;
  for (const auto& quote : batch.quotes) {
    if (quote.market != kNflMoneylineMarket || !quote.is_closing) continue;
    const auto event = events.find(quote.event_id);
    if (event == events.end()) continue;
    Moneyline& line = moneylines[quote.event_id];
    if (quote.outcome == event->second->home_team) line.home = quote.price;
    if (quote.outcome == event->second->away_team) line.away = quote.price;
    line.observed_ms = std::max(line.observed_ms.value_or(quote.observed_ms), quote.observed_ms);
  }
  std::unordered_map<std::string, const domain::WeatherReport*> weather;
  for (const auto& report : batch.weather) weather[report.event_id] = &report;

  // Kickoff order; the slugs of the canonical id are the team keys (as live).
  struct Game {
    const domain::Event* event;
    domain::events::ParsedEventId id;
  };
  std::vector<Game> games;
  games.reserve(batch.events.size());
  for (const auto& event : batch.events) {
    auto parsed = domain::events::parse_canonical_event_id(event.event_id);
    if (!parsed) {
      ++set.skipped_bad_id;
      continue;
    }
    games.push_back({&event, std::move(*parsed)});
  }
  std::sort(games.begin(), games.end(), [](const Game& a, const Game& b) {
    if (a.event->commence_ms != b.event->commence_ms) {
      return a.event->commence_ms < b.event->commence_ms;
    }
    return a.event->event_id < b.event->event_id;
  });

  domain::features::TeamForm form(domain::ratings::nfl538());
  for (const auto& game : games) {
    const auto result = results.find(game.event->event_id);
    if (result == results.end()) continue;
    domain::features::FinalScore score;
    score.event_id = game.event->event_id;
    score.home = game.id.home_slug;
    score.away = game.id.away_slug;
    // The nominal kickoff of the game day, as the live features stage has it (results carry no
    // kickoff time): rest days and ordering are then computed identically in both.
    score.commence_ms = domain::features::nominal_kickoff_ms(game.id.day);
    score.result_ms = game.event->commence_ms + kNflResultLagMs;
    score.home_score = *result->second->home_score;
    score.away_score = *result->second->away_score;
    score.season = game.event->season.value_or(0);
    // The live stage cannot tell neutral sites (no venue in the odds): home advantage always.
    score.neutral = false;
    form.add(score);
  }

  for (const auto& game : games) {
    const domain::Event& event = *game.event;
    const int season = event.season.value_or(0);
    if (season >= last_season_exclusive) continue;
    const auto result = results.find(event.event_id);
    if (result == results.end()) {
      ++set.skipped_unplayed;
      continue;
    }
    const int home_score = *result->second->home_score;
    const int away_score = *result->second->away_score;
    if (home_score == away_score) {
      ++set.skipped_ties;
      continue;
    }
    const auto line = moneylines.find(event.event_id);
    if (line == moneylines.end() || !line->second.home || !line->second.away) {
      ++set.skipped_no_odds;
      continue;
    }
    const std::array<double, 2> prices = {*line->second.home, *line->second.away};
    std::array<double, 2> fair{};
    const auto summary = domain::odds::devig_shin(prices, fair);
    if (!summary.valid || !std::isfinite(fair[0])) {
      ++set.skipped_no_odds;
      continue;
    }

    NflTrainingRow row;
    row.event_id = event.event_id;
    row.season = season;
    row.commence_ms = event.commence_ms;
    row.as_of_ms = line->second.observed_ms.value_or(event.commence_ms);
    domain::features::NflMoneylineInputs inputs;
    inputs.consensus_prob_home = fair[0];
    inputs.form =
        form.as_of(game.id.home_slug, game.id.away_slug,
                   domain::features::nominal_kickoff_ms(game.id.day), season, false, row.as_of_ms);
    if (const auto w = weather.find(event.event_id); w != weather.end()) {
      inputs.temperature_c = w->second->temperature_c;
      inputs.wind_speed_kmh = w->second->wind_speed_kmh;
      inputs.indoors = is_indoors(w->second->roof);
    }
    row.features = domain::features::nfl_moneyline_features(inputs);
    row.label = home_score > away_score ? 1.0f : 0.0f;
    set.rows.push_back(std::move(row));
  }
  return set;
}

NflTrainingSet build_nfl_moneyline_training_set(const std::filesystem::path& games_file,
                                                int last_season_exclusive) {
  return build_nfl_moneyline_training_set(history::load_nflverse_games(games_file),
                                          last_season_exclusive);
}

ModelMetadata ensure_nfl_moneyline_model(const std::filesystem::path& model_dir,
                                         const std::filesystem::path& data_dir,
                                         int last_season_exclusive) {
  ModelDirectory directory(model_dir);
  directory.refresh();
  if (const auto champion =
          directory.champion(std::string(kNflSport), std::string(kNflMoneylineMarket))) {
    return champion->metadata;
  }

  const NflTrainingSet set = build_nfl_moneyline_training_set(
      data_dir / "nflverse" / "games_1999_2025.csv.gz", last_season_exclusive);
  if (set.rows.size() < 100) {
    throw ModelFileError("too few NFL training rows (" + std::to_string(set.rows.size()) + ") in " +
                         (data_dir / "nflverse").string());
  }

  TrainingParams params;
  params.output_dir = model_dir;
  params.file_stem = std::string(kNflMoneylineModelStem);
  ModelMetadata& meta = params.metadata;
  meta.name = std::string(kNflMoneylineModelStem);
  meta.role = domain::ModelRole::kChampion;
  meta.sport = std::string(kNflSport);
  meta.market = std::string(kNflMoneylineMarket);
  // The training range is the rows the model was fit on; the holdout comes after it.
  const auto holdout =
      static_cast<std::size_t>(static_cast<double>(set.rows.size()) * params.holdout_fraction);
  const NflTrainingRow& first = set.rows.front();
  const NflTrainingRow& last_fit = set.rows[set.rows.size() - holdout - 1];
  meta.training.first_season = first.season;
  meta.training.last_season = last_fit.season;
  meta.training.first_date = game_date(first.commence_ms);
  meta.training.last_date = game_date(last_fit.commence_ms);

  const std::vector<float> matrix = set.matrix();
  const std::vector<float> labels = set.labels();
  return train_binary_classifier(matrix, labels, set.feature_names, params).metadata;
}

}  // namespace sharpline::adapters::ml
