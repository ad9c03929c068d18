// Elo engine and presets on hand-computed cases (values worked out independently from the
// formulas in the issue and docs/odds-math.md, with Python's math module).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "domain/errors.hpp"
#include "domain/ratings/elo_engine.hpp"
#include "domain/ratings/elo_model.hpp"

namespace sharpline::domain::ratings {
namespace {

Game played(std::string home, std::string away, long long season, int s1, int s2,
            bool neutral = false) {
  return Game{std::move(home), std::move(away), season, neutral, s1, s2};
}

TEST(EloFormulas, WinProbability) {
  EXPECT_DOUBLE_EQ(elo_win_probability(0.0), 0.5);
  EXPECT_NEAR(elo_win_probability(400.0), 10.0 / 11.0, 1e-15);
  EXPECT_NEAR(elo_win_probability(-400.0), 1.0 / 11.0, 1e-15);
  EXPECT_NEAR(elo_win_probability(65.0), 0.5924662305843318, 1e-15);
}

TEST(EloFormulas, MarginMultipliers) {
  // ln(7 + 1) * 2.2 / (100 * 0.001 + 2.2)
  EXPECT_NEAR(nfl538_margin_multiplier(7, 100.0, false), 1.9890310398676687, 1e-14);
  // A tie: ln(max(0, 1) + 1) * 2.2.
  EXPECT_NEAR(nfl538_margin_multiplier(0, 123.0, true), 1.5249237972318797, 1e-14);
  // |PD| of 0 or 1 both count as 1.
  EXPECT_EQ(nfl538_margin_multiplier(1, 0.0, false), nfl538_margin_multiplier(0, 0.0, false));
  // (10 + 3)^0.8 / (7.5 + 0.006 * 50)
  EXPECT_NEAR(nba538_margin_multiplier(10, 50.0), 0.9978380925691631, 1e-14);
  EXPECT_EQ(world_football_margin_multiplier(0), 1.0);
  EXPECT_EQ(world_football_margin_multiplier(1), 1.0);
  EXPECT_EQ(world_football_margin_multiplier(-2), 1.5);
  EXPECT_EQ(world_football_margin_multiplier(3), 1.75);
  EXPECT_EQ(world_football_margin_multiplier(4), 1.875);
  EXPECT_DOUBLE_EQ(carry_over(1600.0, 2.0 / 3.0, 1505.0), 1600.0 * 2.0 / 3.0 + 1505.0 / 3.0);
}

TEST(EloFormulas, DavidsonDraws) {
  const OutcomeProbabilities even = davidson_probabilities(0.0, 0.7);
  EXPECT_NEAR(even.draw, 0.7 / 2.7, 1e-15);
  EXPECT_NEAR(even.win, 1.0 / 2.7, 1e-15);
  EXPECT_NEAR(even.expected_score, 0.5, 1e-15);
  const OutcomeProbabilities home = davidson_probabilities(100.0, 0.7);
  EXPECT_NEAR(home.win, 0.4790953288768266, 1e-15);
  EXPECT_NEAR(home.draw, 0.2514895689900726, 1e-15);
  EXPECT_NEAR(home.loss, 0.2694151021331008, 1e-15);
  EXPECT_NEAR(home.win + home.draw + home.loss, 1.0, 1e-15);
  // kappa = 0 is plain Elo.
  for (double diff : {-300.0, -20.0, 0.0, 65.0, 480.0}) {
    const OutcomeProbabilities plain = davidson_probabilities(diff, 0.0);
    EXPECT_NEAR(plain.win, elo_win_probability(diff), 1e-15);
    EXPECT_EQ(plain.draw, 0.0);
  }
}

TEST(EloPresets, ParametersFromTheIssue) {
  EXPECT_EQ(nfl538().k, 20.0);
  EXPECT_EQ(nfl538().home_advantage, 65.0);
  EXPECT_EQ(nfl538().initial_rating, 1300.0);
  EXPECT_DOUBLE_EQ(nfl538().season_carryover, 2.0 / 3.0);
  EXPECT_EQ(nfl538().season_mean, 1505.0);
  EXPECT_EQ(nba538().home_advantage, 100.0);
  EXPECT_EQ(nba538().season_carryover, 0.75);
  EXPECT_EQ(nba538().season_mean, 1505.0);
  EXPECT_GT(soccer().draw_kappa, 0.0);
  EXPECT_EQ(find_preset("nba538")->name, "nba538");
  EXPECT_FALSE(find_preset("elo").has_value());
  EXPECT_EQ(presets().size(), 3u);
}

// 1500 v 1500 at home, 24-17: diff 65, p = 0.592466, multiplier ln 8 * 2.2 / 2.265 = 2.019767,
// shift 20 * 2.019767 * (1 - 0.592466) = 16.462462.
TEST(EloNfl538, HomeWin) {
  EloEngine engine(nfl538());
  engine.set_rating("A", 1500.0);
  engine.set_rating("B", 1500.0);
  const GameRating r = engine.process(played("A", "B", 2020, 24, 17));
  EXPECT_EQ(r.elo1_pre, 1500.0);
  EXPECT_EQ(r.elo2_pre, 1500.0);
  EXPECT_DOUBLE_EQ(r.rating_diff, 65.0);
  EXPECT_NEAR(r.prob1, 0.5924662305843318, 1e-15);
  EXPECT_NEAR(r.prob2, 1.0 - 0.5924662305843318, 1e-15);
  EXPECT_EQ(r.prob_draw, 0.0);
  EXPECT_NEAR(r.elo1_post, 1516.462462070399, 1e-9);
  EXPECT_NEAR(r.elo2_post, 1483.537537929601, 1e-9);
  EXPECT_TRUE(r.played);
  EXPECT_NEAR(*engine.rating("A"), 1516.462462070399, 1e-9);
}

// A 20-20 tie at home: multiplier ln 2 * 2.2, shift 20 * 1.524924 * (0.5 - 0.592466).
TEST(EloNfl538, TieUsesTheTieMultiplier) {
  EloEngine engine(nfl538());
  engine.set_rating("A", 1500.0);
  engine.set_rating("B", 1500.0);
  const GameRating r = engine.process(played("A", "B", 2020, 20, 20));
  EXPECT_NEAR(r.elo1_post, 1497.1799208908324, 1e-9);
  EXPECT_NEAR(r.elo2_post, 1500.0 + 2.820079109167556, 1e-9);
}

// Home 1550 loses 10-31 to 1450: diff 165, winner_elo_diff = -165 (the winner's edge),
// multiplier ln 22 * 2.2 / (-0.165 + 2.2) = 3.341668, shift 20 * 3.341668 * (0 - 0.721078).
TEST(EloNfl538, UpsetUsesTheWinnersRatingEdge) {
  EloEngine engine(nfl538());
  engine.set_rating("FAV", 1550.0);
  engine.set_rating("DOG", 1450.0);
  const GameRating r = engine.process(played("FAV", "DOG", 2020, 10, 31));
  EXPECT_NEAR(r.prob1, 0.7210782431975601, 1e-15);
  EXPECT_NEAR(r.elo1_post, 1501.8079251477473, 1e-9);
  EXPECT_NEAR(r.elo2_post, 1498.1920748522527, 1e-9);
}

// Neutral site: no home advantage. 1550 beats 1450 by 3: diff 100, p = 0.640065,
// multiplier ln 4 * 2.2 / 2.3 = 1.326021, shift 20 * 1.326021 * 0.359935 = 9.545625.
TEST(EloNfl538, NeutralSiteHasNoHomeAdvantage) {
  EloEngine engine(nfl538());
  engine.set_rating("A", 1550.0);
  engine.set_rating("B", 1450.0);
  const GameRating r = engine.process(played("A", "B", 2020, 23, 20, /*neutral=*/true));
  EXPECT_DOUBLE_EQ(r.rating_diff, 100.0);
  EXPECT_NEAR(r.prob1, 0.6400649998028851, 1e-15);
  EXPECT_NEAR(r.elo1_post - 1550.0, 9.54562516969116, 1e-9);
  EXPECT_NEAR(r.elo1_post - 1550.0, 1450.0 - r.elo2_post, 1e-9);  // zero-sum
}

TEST(EloNfl538, SeasonCarryOver) {
  EloEngine engine(nfl538());
  engine.set_rating("A", 1600.0);
  engine.set_rating("B", 1400.0);
  engine.set_rating("C", 1505.0);
  // First appearance in 2020: no carry-over even though it is a "new" season for the engine.
  const GameRating first = engine.process(Game{"A", "C", 2020, false, std::nullopt, std::nullopt});
  EXPECT_EQ(first.elo1_pre, 1600.0);
  // Next season: keep 2/3, move 1/3 toward 1505; the unplayed game updated nothing.
  const GameRating next = engine.process(Game{"A", "B", 2021, false, std::nullopt, std::nullopt});
  EXPECT_NEAR(next.elo1_pre, 1568.3333333333335, 1e-12);
  EXPECT_EQ(next.elo2_pre, 1400.0);  // B's first game: its given rating stands
  // Same season again: no second carry-over.
  const GameRating again = engine.process(Game{"B", "A", 2021, false, std::nullopt, std::nullopt});
  EXPECT_NEAR(again.elo2_pre, 1568.3333333333335, 1e-12);
  // Two seasons later (a season skipped): one carry-over, not two.
  const GameRating later = engine.process(Game{"A", "C", 2023, false, std::nullopt, std::nullopt});
  EXPECT_NEAR(later.elo1_pre, 1568.3333333333335 * 2.0 / 3.0 + 1505.0 / 3.0, 1e-12);
}

TEST(EloNfl538, NewTeamsStartAt1300AndUnplayedGamesDoNotMove) {
  EloEngine engine(nfl538());
  const GameRating r = engine.process(Game{"NEW1", "NEW2", 2020, true, std::nullopt, std::nullopt});
  EXPECT_EQ(r.elo1_pre, 1300.0);
  EXPECT_EQ(r.elo2_pre, 1300.0);
  EXPECT_EQ(r.prob1, 0.5);
  EXPECT_EQ(r.elo1_post, r.elo1_pre);
  EXPECT_EQ(r.elo2_post, r.elo2_pre);
  EXPECT_FALSE(r.played);
}

// Home 1600 beats 1500 by 10: diff 200, p = 0.759747, multiplier 13^0.8 / (7.5 + 1.2).
TEST(EloNba538, HomeWinAndCarryOver) {
  EloEngine engine(nba538());
  engine.set_rating("BOS", 1600.0);
  engine.set_rating("NYK", 1500.0);
  const GameRating r = engine.process(played("BOS", "NYK", 2019, 110, 100));
  EXPECT_NEAR(r.prob1, 0.7597469266479578, 1e-15);
  EXPECT_NEAR(r.elo1_post, 1604.29867267561, 1e-9);
  engine.set_rating("BOS", 1600.0);  // reset, then check the 0.75 / 0.25 carry-over
  const GameRating next = engine.process(played("NYK", "BOS", 2020, 100, 100));
  EXPECT_NEAR(next.elo2_pre, 1600.0, 1e-12);  // set_rating clears the season: no carry-over
  const GameRating third =
      engine.process(Game{"BOS", "NYK", 2021, false, std::nullopt, std::nullopt});
  EXPECT_NEAR(third.elo1_pre, 0.75 * next.elo2_post + 0.25 * 1505.0, 1e-12);
}

// 1500 v 1500 with home advantage 100, kappa 0.7: expected score 0.604840. A 1-1 draw moves the
// home side by 20 * (0.5 - 0.604840); a 0-3 home defeat by 20 * 1.75 * (0 - 0.604840).
TEST(EloSoccer, DrawsAndGoalDifference) {
  EloEngine engine(soccer());
  const GameRating draw = engine.process(played("HOME", "AWAY", 2024, 1, 1));
  EXPECT_EQ(draw.elo1_pre, 1500.0);
  EXPECT_NEAR(draw.prob1, 0.4790953288768266, 1e-15);
  EXPECT_NEAR(draw.prob_draw, 0.2514895689900726, 1e-15);
  EXPECT_NEAR(draw.prob2, 0.2694151021331008, 1e-15);
  EXPECT_NEAR(draw.expected1, 0.6048401133718628, 1e-15);
  EXPECT_NEAR(draw.elo1_post - 1500.0, -2.0968022674372566, 1e-12);

  EloEngine fresh(soccer());
  const GameRating loss = fresh.process(played("HOME", "AWAY", 2024, 0, 3));
  EXPECT_NEAR(loss.elo1_post - 1500.0, -21.1694039680152, 1e-12);
  // Ratings carry over between seasons unchanged.
  const GameRating next =
      fresh.process(Game{"HOME", "AWAY", 2025, false, std::nullopt, std::nullopt});
  EXPECT_EQ(next.elo1_pre, loss.elo1_post);
}

TEST(EloEngineRejects, BadGamesAndRatings) {
  EloEngine engine(nfl538());
  EXPECT_THROW(engine.process(played("A", "A", 2020, 1, 0)), InvalidInput);
  EXPECT_THROW(engine.process(Game{"A", "B", 2020, false, 1, std::nullopt}), InvalidInput);
  EXPECT_THROW(engine.process(played("A", "B", 2020, -1, 0)), InvalidInput);
  EXPECT_THROW(engine.process(played("", "B", 2020, 1, 0)), InvalidInput);
  EXPECT_THROW(engine.set_rating("A", std::nan("")), InvalidInput);
  EloModel broken = nfl538();
  broken.k = 0.0;
  EXPECT_THROW(EloEngine{broken}, InvalidInput);
}

TEST(EloEngine, RatingsAreListedByName) {
  EloEngine engine(nfl538());
  engine.process(played("B", "A", 2020, 3, 0));
  const auto all = engine.ratings();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].first, "A");
  EXPECT_EQ(all[1].first, "B");
  EXPECT_NEAR(all[0].second + all[1].second, 2600.0, 1e-9);
  EXPECT_FALSE(engine.rating("C").has_value());
}

}  // namespace
}  // namespace sharpline::domain::ratings
