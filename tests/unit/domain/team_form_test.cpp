// TeamForm against EloEngine run directly, leakage by result time, rest days, and insertion
// order; nfl_moneyline_features imputation.
#include "domain/features/team_form.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "domain/features/nfl_moneyline_features.hpp"
#include "domain/ratings/elo_engine.hpp"
#include "domain/ratings/elo_model.hpp"

namespace sharpline::domain::features {
namespace {

constexpr int64_t kHour = 3'600'000;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kLag = 4 * kHour;

FinalScore score(std::string home, std::string away, int64_t commence, int hs, int as,
                 int season = 2024, bool neutral = false, int64_t lag = kLag) {
  FinalScore s;
  s.event_id = "americanfootball_nfl:" + std::to_string(commence) + ":" + away + "@" + home;
  s.home = std::move(home);
  s.away = std::move(away);
  s.commence_ms = commence;
  s.result_ms = commence + lag;
  s.home_score = hs;
  s.away_score = as;
  s.season = season;
  s.neutral = neutral;
  return s;
}

// Two seasons of a small league: weekly rounds, a Thursday game, a neutral-site game, a tie.
std::vector<FinalScore> league() {
  const std::vector<std::string> teams = {"a", "b", "c", "d", "e", "f"};
  std::vector<FinalScore> games;
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> points(0, 38);
  for (int season = 2023; season <= 2024; ++season) {
    const int64_t start = (season - 2023) * 365 * kDay;
    for (int week = 0; week < 8; ++week) {
      for (std::size_t g = 0; g < 3; ++g) {
        const std::size_t h = (g + static_cast<std::size_t>(week)) % teams.size();
        const std::size_t a = (g + 3 + static_cast<std::size_t>(week) * 5) % teams.size();
        if (h == a) continue;
        // One game a week on Thursday, the others on Sunday at different slots.
        const int64_t commence = start + week * 7 * kDay + (g == 0 ? -3 * kDay : 3 * kHour * g);
        int hs = points(rng);
        int as = points(rng);
        if (week == 2 && g == 1) as = hs;  // a tie
        games.push_back(score(teams[h], teams[a], commence, hs, as, season, week == 5 && g == 2));
      }
    }
  }
  std::sort(games.begin(), games.end(), [](const FinalScore& x, const FinalScore& y) {
    return std::pair(x.commence_ms, x.event_id) < std::pair(y.commence_ms, y.event_id);
  });
  return games;
}

void expect_same(const TeamFormView& a, const TeamFormView& b) {
  EXPECT_EQ(a.home_elo, b.home_elo);
  EXPECT_EQ(a.away_elo, b.away_elo);
  EXPECT_EQ(a.elo_diff, b.elo_diff);
  EXPECT_EQ(a.elo_prob_home, b.elo_prob_home);
  EXPECT_EQ(a.rest_days_home, b.rest_days_home);
  EXPECT_EQ(a.rest_days_away, b.rest_days_away);
  EXPECT_EQ(a.games_home, b.games_home);
  EXPECT_EQ(a.games_away, b.games_away);
}

TEST(TeamForm, EloMatchesTheEngineRunDirectlyOnTheSameGames) {
  const auto games = league();
  ASSERT_GT(games.size(), 40u);
  TeamForm form(ratings::nfl538());
  for (const auto& g : games) form.add(g);
  ratings::EloEngine engine(ratings::nfl538());
  for (const auto& g : games) {
    // As of kickoff: every earlier game is known (4 h lag, games at least 3 h apart... except
    // the ones in the same Sunday window, which must not count yet).
    const TeamFormView view =
        form.as_of(g.home, g.away, g.commence_ms, g.season, g.neutral, g.commence_ms + 365 * kDay);
    const ratings::GameRating expected = engine.process(
        ratings::Game{g.home, g.away, g.season, g.neutral, g.home_score, g.away_score});
    EXPECT_DOUBLE_EQ(view.home_elo, expected.elo1_pre) << g.event_id;
    EXPECT_DOUBLE_EQ(view.away_elo, expected.elo2_pre) << g.event_id;
    EXPECT_DOUBLE_EQ(view.elo_diff, expected.rating_diff) << g.event_id;
    EXPECT_NEAR(view.elo_prob_home, expected.prob1, 1e-15) << g.event_id;
  }
}

TEST(TeamForm, FirstGameUsesTheInitialRatingAndHomeAdvantage) {
  TeamForm form(ratings::nfl538());
  const auto view = form.as_of("x", "y", 0, 2024, false, 0);
  EXPECT_EQ(view.home_elo, ratings::nfl538().initial_rating);
  EXPECT_EQ(view.elo_diff, ratings::nfl538().home_advantage);
  EXPECT_DOUBLE_EQ(view.elo_prob_home, ratings::elo_win_probability(65.0));
  EXPECT_EQ(form.as_of("x", "y", 0, 2024, true, 0).elo_diff, 0.0);
  EXPECT_EQ(view.games_home, 0);
  EXPECT_EQ(view.rest_days_home, 10.0);
}

TEST(TeamForm, NoResultCountsBeforeItsResultTime) {
  TeamForm form(ratings::nfl538());
  const FinalScore first = score("a", "b", 0, 30, 3);
  form.add(first);
  const int64_t next = 7 * kDay;
  const auto before = form.as_of("a", "c", next, 2024, false, first.result_ms - 1);
  EXPECT_EQ(before.games_home, 0);
  EXPECT_EQ(before.home_elo, ratings::nfl538().initial_rating);
  const auto after = form.as_of("a", "c", next, 2024, false, first.result_ms);
  EXPECT_EQ(after.games_home, 1);
  EXPECT_GT(after.home_elo, ratings::nfl538().initial_rating);
  // Going back in time is answered too (by a rebuild).
  expect_same(form.as_of("a", "c", next, 2024, false, first.result_ms - 1), before);
  // A game never counts for itself or for a game at the same kickoff, whatever as_of is.
  EXPECT_EQ(form.as_of("a", "b", 0, 2024, false, 100 * kDay).games_home, 0);
}

TEST(TeamForm, ALateResultBehindAnEarlierOneIsCountedOnlyOnceKnown) {
  TeamForm form(ratings::nfl538());
  // Game 1 kicks off first but its result arrives after game 2's.
  const FinalScore g1 = score("a", "b", 0, 20, 10, 2024, false, 3 * kDay);
  const FinalScore g2 = score("c", "a", 1 * kDay, 17, 14);
  form.add(g1);
  form.add(g2);
  const int64_t query = 5 * kDay;
  const auto early = form.as_of("a", "d", query, 2024, false, g2.result_ms);
  EXPECT_EQ(early.games_home, 1);  // only game 2
  const auto late = form.as_of("a", "d", query, 2024, false, g1.result_ms);
  EXPECT_EQ(late.games_home, 2);
  TeamForm fresh(ratings::nfl538());
  fresh.add(g2);
  expect_same(fresh.as_of("a", "d", query, 2024, false, g2.result_ms), early);
}

TEST(TeamForm, RestDaysAreKickoffToKickoffInWholeDays) {
  TeamForm form(ratings::nfl538(), 10.0);
  const int64_t sunday = 13 * kHour;
  form.add(score("a", "b", sunday, 21, 17));
  // Monday night game of a following week for b.
  form.add(score("b", "c", sunday + 8 * kDay + 7 * kHour, 10, 13));
  const int64_t next_sunday = sunday + 14 * kDay;
  const auto view = form.as_of("a", "b", next_sunday, 2024, false, next_sunday);
  EXPECT_EQ(view.rest_days_home, 14.0);
  EXPECT_EQ(view.rest_days_away, 6.0);  // 5 days 17 h, rounded
  // A team's previous game in an earlier season gives the default (season opener).
  const auto opener =
      form.as_of("a", "b", next_sunday + 200 * kDay, 2025, false, next_sunday + 200 * kDay);
  EXPECT_EQ(opener.rest_days_home, 10.0);
  EXPECT_EQ(opener.rest_days_away, 10.0);
  EXPECT_EQ(opener.games_home, 1);
}

TEST(TeamForm, OutOfOrderInsertionGivesTheSameAnswersAsInOrder) {
  const auto games = league();
  TeamForm in_order(ratings::nfl538());
  for (const auto& g : games) in_order.add(g);
  auto shuffled = games;
  std::mt19937 rng(11);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  TeamForm out_of_order(ratings::nfl538());
  for (const auto& g : shuffled) out_of_order.add(g);
  // Queries interleaved with late insertions: results that land inside the applied prefix.
  TeamForm interleaved(ratings::nfl538());
  std::size_t next = 0;
  for (std::size_t i = 0; i < games.size(); ++i) {
    const auto& g = games[i];
    const int64_t as_of = g.commence_ms - kHour;
    // Feed the shuffled results a few at a time, some of them far in the past.
    for (std::size_t k = 0; k < 3 && next < shuffled.size(); ++k) interleaved.add(shuffled[next++]);
    if (i + 1 == games.size()) {
      while (next < shuffled.size()) interleaved.add(shuffled[next++]);
    }
    const auto a = in_order.as_of(g.home, g.away, g.commence_ms, g.season, g.neutral, as_of);
    const auto b = out_of_order.as_of(g.home, g.away, g.commence_ms, g.season, g.neutral, as_of);
    expect_same(a, b);
  }
  for (const auto& g : games) {
    const int64_t as_of = g.commence_ms;
    expect_same(in_order.as_of(g.home, g.away, g.commence_ms, g.season, g.neutral, as_of),
                interleaved.as_of(g.home, g.away, g.commence_ms, g.season, g.neutral, as_of));
  }
}

TEST(TeamForm, AddReportsDuplicatesAndCorrectionsChangeTheAnswer) {
  TeamForm form(ratings::nfl538());
  const FinalScore g = score("a", "b", 0, 30, 3);
  EXPECT_TRUE(form.add(g));
  EXPECT_FALSE(form.add(g));
  const auto before = form.as_of("a", "c", 7 * kDay, 2024, false, 7 * kDay);
  FinalScore corrected = g;
  corrected.home_score = 3;
  corrected.away_score = 30;
  EXPECT_TRUE(form.add(corrected));
  EXPECT_EQ(form.size(), 1u);
  const auto after = form.as_of("a", "c", 7 * kDay, 2024, false, 7 * kDay);
  EXPECT_LT(after.home_elo, before.home_elo);
  EXPECT_EQ(after.games_home, 1);
}

TEST(TeamForm, RejectsImpossibleInput) {
  TeamForm form(ratings::nfl538());
  EXPECT_THROW(form.add(score("a", "a", 0, 1, 2)), InvalidInput);
  EXPECT_THROW(form.add(score("a", "b", 0, -1, 2)), InvalidInput);
  EXPECT_THROW(form.as_of("a", "a", 0, 2024, false, 0), InvalidInput);
  EXPECT_THROW(TeamForm(ratings::nfl538(), std::nan("")), InvalidInput);
}

TEST(NflMoneylineFeatures, OrderAndImputation) {
  NflMoneylineInputs in;
  in.consensus_prob_home = 0.6;
  in.form.elo_prob_home = 0.55;
  in.form.elo_diff = 40.0;
  in.form.rest_days_home = 7.0;
  in.form.rest_days_away = 10.0;
  auto f = nfl_moneyline_features(in);
  ASSERT_EQ(f.size(), kNflMoneylineFeatureNames.size());
  EXPECT_EQ(f[0], 0.6);
  EXPECT_EQ(f[1], 0.55);
  EXPECT_EQ(f[2], 40.0);
  EXPECT_EQ(f[3], 7.0);
  EXPECT_EQ(f[4], 10.0);
  EXPECT_EQ(f[5], 15.0);  // unknown temperature
  EXPECT_EQ(f[6], 0.0);   // unknown wind
  EXPECT_EQ(f[7], 0.0);

  in.temperature_c = -5.0;
  in.wind_speed_kmh = 30.0;
  f = nfl_moneyline_features(in);
  EXPECT_EQ(f[5], -5.0);
  EXPECT_EQ(f[6], 30.0);

  in.indoors = true;
  f = nfl_moneyline_features(in);
  EXPECT_EQ(f[5], 15.0);
  EXPECT_EQ(f[6], 0.0);
  EXPECT_EQ(f[7], 1.0);

  in.indoors = false;
  in.temperature_c = std::nan("");
  EXPECT_EQ(nfl_moneyline_features(in)[5], 15.0);
  for (const double v : nfl_moneyline_features(in)) EXPECT_TRUE(std::isfinite(v));

  in.consensus_prob_home = std::nan("");
  EXPECT_THROW(nfl_moneyline_features(in), InvalidInput);
  in.consensus_prob_home = 1.2;
  EXPECT_THROW(nfl_moneyline_features(in), InvalidInput);
}

}  // namespace
}  // namespace sharpline::domain::features
