#include "domain/market/market_state.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "domain/market/line_groups.hpp"
#include "domain/market/market_view.hpp"
#include "domain/odds/consensus.hpp"

namespace sharpline::domain::market {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kCommence = 1'000'000'000;

OddsQuote quote(const std::string& book, const std::string& outcome, double price, int64_t at,
                std::optional<double> point = std::nullopt,
                QuoteChange change = QuoteChange::kNew) {
  OddsQuote q;
  q.event_id = "ev1";
  q.sport = "americanfootball_nfl";
  q.commence_ms = kCommence;
  q.bookmaker = book;
  q.market = point ? "spreads" : "h2h";
  q.outcome = outcome;
  q.point = point;
  q.price = price;
  q.change = change;
  q.observed_ms = at;
  return q;
}

MarketState empty_state() {
  MarketState s;
  s.event_id = "ev1";
  s.sport = "americanfootball_nfl";
  s.market = "h2h";
  return s;
}

// ---- apply_quote ----------------------------------------------------------------------------

TEST(MarketStateTest, NewLineIsStoredWithItsTimesAndOpening) {
  MarketState s = empty_state();
  const int64_t t = kCommence - 120 * kMinute;
  EXPECT_EQ(apply_quote(s, quote("fanduel", "Home", 2.10, t), {}), QuoteEffect::kNewLine);
  ASSERT_EQ(s.prices.size(), 1u);
  EXPECT_EQ(s.prices[0], (BookPrice{"fanduel", "Home", std::nullopt, 2.10, t, t}));
  EXPECT_EQ(s.as_of_ms, t);
  EXPECT_EQ(s.commence_ms, kCommence);
  ASSERT_NE(opening_of(s, "Home", std::nullopt), nullptr);
  EXPECT_EQ(*opening_of(s, "Home", std::nullopt),
            (OpeningPrice{"Home", std::nullopt, "fanduel", 2.10, t}));
  EXPECT_TRUE(s.moves.empty());
}

TEST(MarketStateTest, PriceMoveIsRecordedAndUpdatesTheBookPrice) {
  MarketState s = empty_state();
  const int64_t t0 = kCommence - 120 * kMinute;
  const int64_t t1 = t0 + 5 * kMinute;
  apply_quote(s, quote("fanduel", "Home", 2.10, t0), {});
  EXPECT_EQ(apply_quote(s, quote("fanduel", "Home", 2.00, t1), {}), QuoteEffect::kPriceMove);
  ASSERT_EQ(s.moves.size(), 1u);
  EXPECT_EQ(s.moves[0], (PriceMove{"fanduel", "Home", std::nullopt, 2.10, 2.00, t1}));
  ASSERT_EQ(s.prices.size(), 1u);
  EXPECT_DOUBLE_EQ(s.prices[0].price, 2.00);
  EXPECT_EQ(s.prices[0].changed_ms, t1);
  EXPECT_EQ(s.prices[0].observed_ms, t1);
  // The opening stays the first price.
  EXPECT_DOUBLE_EQ(opening_of(s, "Home", std::nullopt)->price, 2.10);
}

TEST(MarketStateTest, SamePriceAgainIsUnchangedButConfirmsTheObservation) {
  MarketState s = empty_state();
  const int64_t t0 = kCommence - 120 * kMinute;
  apply_quote(s, quote("fanduel", "Home", 2.10, t0), {});
  EXPECT_EQ(apply_quote(s, quote("fanduel", "Home", 2.10, t0 + kMinute), {}),
            QuoteEffect::kUnchanged);
  EXPECT_EQ(s.prices[0].observed_ms, t0 + kMinute);
  EXPECT_EQ(s.prices[0].changed_ms, t0);
  EXPECT_TRUE(s.moves.empty());
}

TEST(MarketStateTest, RemovalDropsThePriceAndRemovingUnknownIsUnchanged) {
  MarketState s = empty_state();
  const int64_t t0 = kCommence - 120 * kMinute;
  apply_quote(s, quote("fanduel", "Home", 2.10, t0), {});
  apply_quote(s, quote("pinnacle", "Home", 2.05, t0), {});
  EXPECT_EQ(
      apply_quote(
          s, quote("fanduel", "Home", 2.10, t0 + kMinute, std::nullopt, QuoteChange::kRemoved), {}),
      QuoteEffect::kRemoved);
  ASSERT_EQ(s.prices.size(), 1u);
  EXPECT_EQ(s.prices[0].book, "pinnacle");
  EXPECT_EQ(
      apply_quote(
          s, quote("draftkings", "Home", 2.10, t0 + kMinute, std::nullopt, QuoteChange::kRemoved),
          {}),
      QuoteEffect::kUnchanged);
  EXPECT_EQ(s.prices.size(), 1u);
}

TEST(MarketStateTest, InPlayQuoteAtOrAfterCommenceIsIgnored) {
  MarketState s = empty_state();
  apply_quote(s, quote("fanduel", "Home", 2.10, kCommence - kMinute), {});
  const MarketState before = s;
  EXPECT_EQ(apply_quote(s, quote("fanduel", "Home", 1.50, kCommence), {}), QuoteEffect::kInPlay);
  EXPECT_EQ(apply_quote(s, quote("pinnacle", "Away", 3.00, kCommence + kMinute), {}),
            QuoteEffect::kInPlay);
  EXPECT_EQ(s, before);  // no price, no move, no opening, as_of unchanged
}

TEST(MarketStateTest, OpeningIsTheSharpestBookAmongThoseOpeningInTheSamePoll) {
  ApplyOptions options;
  options.book_weights = odds::BookWeights(1.0).set("pinnacle", 3.0).set("circasports", 2.0);
  MarketState s = empty_state();
  const int64_t t0 = kCommence - 600 * kMinute;
  apply_quote(s, quote("draftkings", "Home", 2.20, t0), options);
  apply_quote(s, quote("pinnacle", "Home", 2.05, t0), options);
  apply_quote(s, quote("circasports", "Home", 2.10, t0), options);  // less sharp than pinnacle
  const auto* opening = opening_of(s, "Home", std::nullopt);
  ASSERT_NE(opening, nullptr);
  EXPECT_EQ(opening->book, "pinnacle");
  EXPECT_DOUBLE_EQ(opening->price, 2.05);
  EXPECT_EQ(opening->at_ms, t0);
}

TEST(MarketStateTest, ABookOpeningInALaterPollDoesNotReplaceTheOpening) {
  ApplyOptions options;
  options.book_weights = odds::BookWeights(1.0).set("pinnacle", 3.0);
  MarketState s = empty_state();
  const int64_t t0 = kCommence - 600 * kMinute;
  apply_quote(s, quote("draftkings", "Home", 2.20, t0), options);
  apply_quote(s, quote("pinnacle", "Home", 2.05, t0 + kMinute), options);
  const auto* opening = opening_of(s, "Home", std::nullopt);
  ASSERT_NE(opening, nullptr);
  EXPECT_EQ(opening->book, "draftkings");
  EXPECT_DOUBLE_EQ(opening->price, 2.20);
}

TEST(MarketStateTest, MovesOlderThanTheRetentionArePruned) {
  ApplyOptions options;
  options.move_retention_ms = 60 * kMinute;
  MarketState s = empty_state();
  const int64_t t0 = kCommence - 600 * kMinute;
  apply_quote(s, quote("fanduel", "Home", 2.10, t0), options);
  apply_quote(s, quote("fanduel", "Home", 2.05, t0 + 10 * kMinute), options);  // move 1
  apply_quote(s, quote("fanduel", "Home", 2.00, t0 + 40 * kMinute), options);  // move 2
  EXPECT_EQ(s.moves.size(), 2u);
  // as_of = t0 + 70 min: horizon t0 + 10 min, move 1 exactly at the horizon is kept.
  apply_quote(s, quote("pinnacle", "Away", 1.80, t0 + 70 * kMinute), options);
  EXPECT_EQ(s.moves.size(), 2u);
  // as_of = t0 + 71 min: move 1 is older than the retention.
  apply_quote(s, quote("pinnacle", "Away", 1.80, t0 + 71 * kMinute), options);
  ASSERT_EQ(s.moves.size(), 1u);
  EXPECT_DOUBLE_EQ(s.moves[0].to_price, 2.00);
}

TEST(MarketStateTest, PricesAreSortedByOutcomePointBookAndPricesOfFilters) {
  MarketState s = empty_state();
  const int64_t t = kCommence - 60 * kMinute;
  apply_quote(s, quote("pinnacle", "B", 1.9, t, 3.0), {});
  apply_quote(s, quote("fanduel", "A", 1.9, t, -3.0), {});
  apply_quote(s, quote("betmgm", "A", 1.95, t, -3.0), {});
  apply_quote(s, quote("betmgm", "A", 2.05, t, -3.5), {});
  ASSERT_EQ(s.prices.size(), 4u);
  EXPECT_EQ(s.prices[0].point, -3.5);
  EXPECT_EQ(s.prices[1].book, "betmgm");
  EXPECT_EQ(s.prices[2].book, "fanduel");
  EXPECT_EQ(s.prices[3].outcome, "B");
  const auto at_minus_3 = prices_of(s, "A", -3.0);
  ASSERT_EQ(at_minus_3.size(), 2u);
  EXPECT_EQ(at_minus_3[0]->book, "betmgm");
  EXPECT_EQ(at_minus_3[1]->book, "fanduel");
  EXPECT_TRUE(prices_of(s, "A", std::nullopt).empty());
}

// ---- line groups ----------------------------------------------------------------------------

TEST(LineGroupsTest, H2hOutcomesAreOneGroup) {
  const auto groups = group_lines({{"Home", std::nullopt}, {"Away", std::nullopt}});
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0], (std::vector<std::size_t>{1, 0}));  // name order: Away, Home
}

TEST(LineGroupsTest, ThreeWayIsOneGroup) {
  const auto groups =
      group_lines({{"Home", std::nullopt}, {"Draw", std::nullopt}, {"Away", std::nullopt}});
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0], (std::vector<std::size_t>{2, 1, 0}));
}

TEST(LineGroupsTest, SpreadsPairOppositePointsOnly) {
  // 0: A -3, 1: B +3, 2: A -3.5, 3: B +3.5
  const auto groups = group_lines({{"A", -3.0}, {"B", 3.0}, {"A", -3.5}, {"B", 3.5}});
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0], (std::vector<std::size_t>{2, 3}));  // A -3.5 sorts before A -3
  EXPECT_EQ(groups[1], (std::vector<std::size_t>{0, 1}));
}

TEST(LineGroupsTest, SpreadWithoutPartnerIsAGroupOfOne) {
  const auto groups = group_lines({{"A", -3.0}, {"B", 3.0}, {"A", -3.5}});
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0], (std::vector<std::size_t>{2}));
  EXPECT_EQ(groups[1], (std::vector<std::size_t>{0, 1}));
}

TEST(LineGroupsTest, TotalsPairOverAndUnderAtTheSamePoint) {
  // 0: Over 44.5, 1: Under 45.5, 2: Under 44.5, 3: Over 45.5
  const auto groups =
      group_lines({{"Over", 44.5}, {"Under", 45.5}, {"Under", 44.5}, {"Over", 45.5}});
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0], (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(groups[1], (std::vector<std::size_t>{3, 1}));
}

TEST(LineGroupsTest, PickEmZeroAndNegativeZeroAreOneLine) {
  const auto groups = group_lines({{"A", -0.0}, {"B", 0.0}});
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0], (std::vector<std::size_t>{0, 1}));
  const auto swapped = group_lines({{"A", 0.0}, {"B", -0.0}});
  ASSERT_EQ(swapped.size(), 1u);
}

// ---- market view ----------------------------------------------------------------------------

ConsensusConfig multiplicative_config() {
  ConsensusConfig config;
  config.method = odds::DevigMethod::kMultiplicative;
  return config;
}

TEST(MarketViewTest, BestPriceAndBookWithTiesToTheFirstBookByKey) {
  MarketState s = empty_state();
  const int64_t t = kCommence - 60 * kMinute;
  apply_quote(s, quote("fanduel", "Home", 2.10, t), {});
  apply_quote(s, quote("fanduel", "Away", 1.80, t), {});
  apply_quote(s, quote("betmgm", "Home", 2.10, t), {});
  apply_quote(s, quote("betmgm", "Away", 1.75, t), {});
  apply_quote(s, quote("pinnacle", "Home", 2.05, t), {});
  apply_quote(s, quote("pinnacle", "Away", 1.85, t), {});
  const auto view = view_market(s, multiplicative_config());
  ASSERT_EQ(view.outcomes.size(), 2u);
  EXPECT_EQ(view.books, 3u);
  const auto& away = view.outcomes[0];
  const auto& home = view.outcomes[1];
  EXPECT_EQ(away.outcome, "Away");
  EXPECT_DOUBLE_EQ(away.best_price, 1.85);
  EXPECT_EQ(away.best_book, "pinnacle");
  EXPECT_EQ(home.outcome, "Home");
  EXPECT_DOUBLE_EQ(home.best_price, 2.10);
  EXPECT_EQ(home.best_book, "betmgm");  // tie with fanduel: first by key
  EXPECT_EQ(home.books_quoting, 3);
  // All three opened in the same poll: the default weights (sharp books) make pinnacle the
  // reference.
  EXPECT_EQ(home.opening_price, 2.05);
  EXPECT_EQ(view.group_of, (std::vector<std::size_t>{0, 0}));
}

TEST(MarketViewTest, BettableBooksLimitTheBestPriceButNotTheConsensus) {
  MarketState s = empty_state();
  const int64_t t = kCommence - 60 * kMinute;
  apply_quote(s, quote("fanduel", "Home", 2.30, t), {});
  apply_quote(s, quote("fanduel", "Away", 1.65, t), {});
  apply_quote(s, quote("pinnacle", "Home", 2.05, t), {});
  apply_quote(s, quote("pinnacle", "Away", 1.85, t), {});
  apply_quote(s, quote("betmgm", "Home", 2.10, t), {});
  ConsensusConfig all = multiplicative_config();
  ConsensusConfig mine = all;
  mine.bettable_books = {"pinnacle", "betmgm"};
  const auto everything = view_market(s, all);
  const auto restricted = view_market(s, mine);
  ASSERT_EQ(restricted.outcomes.size(), 2u);
  EXPECT_EQ(everything.outcomes[1].best_book, "fanduel");
  EXPECT_EQ(restricted.outcomes[1].best_book, "betmgm");
  EXPECT_DOUBLE_EQ(restricted.outcomes[1].best_price, 2.10);
  EXPECT_EQ(restricted.outcomes[0].best_book, "pinnacle");
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(restricted.outcomes[i].consensus_probability,
              everything.outcomes[i].consensus_probability);
    EXPECT_EQ(restricted.outcomes[i].books_quoting, everything.outcomes[i].books_quoting);
  }
  mine.bettable_books = {"williamhill"};  // quotes nothing: no bettable price
  const auto none = view_market(s, mine);
  EXPECT_EQ(none.outcomes[1].best_price, 0.0);
  EXPECT_TRUE(none.outcomes[1].best_book.empty());
}

TEST(MarketViewTest, ConsensusUsesOnlyBooksQuotingTheWholeGroup) {
  MarketState s = empty_state();
  const int64_t t = kCommence - 60 * kMinute;
  apply_quote(s, quote("pinnacle", "Home", 2.05, t), {});
  apply_quote(s, quote("pinnacle", "Away", 1.85, t), {});
  apply_quote(s, quote("fanduel", "Home", 2.20, t), {});
  apply_quote(s, quote("fanduel", "Away", 1.70, t), {});
  apply_quote(s, quote("draftkings", "Home", 3.00, t), {});  // Home only: not in the consensus
  const ConsensusConfig config;                              // shin, sharp book weights
  const auto view = view_market(s, config);
  ASSERT_EQ(view.outcomes.size(), 2u);
  EXPECT_EQ(view.books, 3u);
  // Book order in the pool: fanduel, pinnacle (key order); outcome order: Away, Home.
  const std::vector<double> fanduel{1.70, 2.20};
  const std::vector<double> pinnacle{1.85, 2.05};
  const std::vector<odds::BookPrices> inputs{{"fanduel", fanduel, 1.0},
                                             {"pinnacle", pinnacle, 3.0}};
  const auto expected = odds::consensus_fair_price(inputs, odds::DevigMethod::kShin);
  ASSERT_TRUE(expected.valid);
  EXPECT_NEAR(view.outcomes[0].consensus_probability, expected.probabilities[0], 1e-12);
  EXPECT_NEAR(view.outcomes[1].consensus_probability, expected.probabilities[1], 1e-12);
  EXPECT_NEAR(view.outcomes[0].consensus_probability + view.outcomes[1].consensus_probability, 1.0,
              1e-9);
  // The incomplete book still counts for best price and books quoting.
  EXPECT_DOUBLE_EQ(view.outcomes[1].best_price, 3.00);
  EXPECT_EQ(view.outcomes[1].best_book, "draftkings");
  EXPECT_EQ(view.outcomes[1].books_quoting, 3);
  EXPECT_EQ(view.outcomes[0].books_quoting, 2);
  EXPECT_EQ(consensus_method_name(config), "weighted_shin");
}

TEST(MarketViewTest, MultiplicativeConsensusOfOneBookMatchesHandComputation) {
  MarketState s = empty_state();
  const int64_t t = kCommence - 60 * kMinute;
  apply_quote(s, quote("fanduel", "Home", 2.00, t), {});
  apply_quote(s, quote("fanduel", "Away", 1.80, t), {});
  const auto view = view_market(s, multiplicative_config());
  ASSERT_EQ(view.outcomes.size(), 2u);
  const double booksum = 1.0 / 2.0 + 1.0 / 1.8;
  EXPECT_NEAR(view.outcomes[0].consensus_probability, (1.0 / 1.8) / booksum, 1e-12);
  EXPECT_NEAR(view.outcomes[1].consensus_probability, 0.5 / booksum, 1e-12);
}

TEST(MarketViewTest, GroupWithoutACompleteBookIsLeftOutAndEachGroupSumsToOne) {
  MarketState s = empty_state();
  s.market = "spreads";
  const int64_t t = kCommence - 60 * kMinute;
  // Group -3: two complete books. Group -3.5: A at one book, B at another: nobody complete.
  apply_quote(s, quote("fanduel", "A", 1.91, t, -3.0), {});
  apply_quote(s, quote("fanduel", "B", 1.91, t, 3.0), {});
  apply_quote(s, quote("pinnacle", "A", 1.95, t, -3.0), {});
  apply_quote(s, quote("pinnacle", "B", 1.89, t, 3.0), {});
  apply_quote(s, quote("fanduel", "A", 2.05, t, -3.5), {});
  apply_quote(s, quote("pinnacle", "B", 1.80, t, 3.5), {});
  // Group -7: one complete book.
  apply_quote(s, quote("betmgm", "A", 3.10, t, -7.0), {});
  apply_quote(s, quote("betmgm", "B", 1.38, t, 7.0), {});
  const auto view = view_market(s, multiplicative_config());
  ASSERT_EQ(view.outcomes.size(), 4u);
  EXPECT_EQ(view.books, 3u);
  for (const auto& o : view.outcomes) EXPECT_NE(std::fabs(*o.point), 3.5);
  ASSERT_EQ(view.group_of.size(), 4u);
  EXPECT_EQ(view.group_of[0], view.group_of[1]);
  EXPECT_EQ(view.group_of[2], view.group_of[3]);
  EXPECT_NE(view.group_of[0], view.group_of[2]);
  EXPECT_NEAR(view.outcomes[0].consensus_probability + view.outcomes[1].consensus_probability, 1.0,
              1e-9);
  EXPECT_NEAR(view.outcomes[2].consensus_probability + view.outcomes[3].consensus_probability, 1.0,
              1e-9);
  // Group -7 (A -7 sorts first), one book: multiplicative of 3.10 / 1.38.
  EXPECT_EQ(view.outcomes[0].point, -7.0);
  const double booksum = 1.0 / 3.10 + 1.0 / 1.38;
  EXPECT_NEAR(view.outcomes[0].consensus_probability, (1.0 / 3.10) / booksum, 1e-12);
}

}  // namespace
}  // namespace sharpline::domain::market
