#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "domain/odds/consensus.hpp"
#include "domain/odds/value.hpp"

namespace sharpline::domain::odds {
namespace {

TEST(OddsValue, ExpectedValue) {
  EXPECT_NEAR(expected_value(2.10, 0.5), 0.05, 1e-15);
  EXPECT_NEAR(expected_value(1.0 + 100.0 / 110.0, 0.5), -1.0 / 22.0, 1e-15);  // -110 coin flip
  EXPECT_NEAR(expected_value(5.0, 0.2), 0.0, 1e-15);
  EXPECT_THROW(expected_value(2.0, 1.2), InvalidInput);
  EXPECT_THROW(expected_value(0.5, 0.5), InvalidInput);
}

TEST(OddsValue, ClosingLineValueAgainstAFairProbability) {
  // Took 2.10; the de-vigged close is 50%, i.e. a fair 2.00: 5% better than the close.
  EXPECT_NEAR(closing_line_value(2.10, 0.5), 0.05, 1e-15);
  EXPECT_NEAR(closing_line_value(1.90, 0.5), -0.05, 1e-15);
  EXPECT_THROW(closing_line_value(2.10, 0.0), InvalidInput);
}

TEST(OddsValue, ClosingLineValueAgainstTheClosingMarket) {
  // Close at -110 / -110: fair 50/50 under every symmetric method.
  const double close = 1.0 + 100.0 / 110.0;
  const ClosingLineValue clv =
      closing_line_value(2.10, std::vector{close, close}, 0, DevigMethod::kShin);
  EXPECT_NEAR(clv.closing_fair_probability, 0.5, 1e-15);
  EXPECT_NEAR(clv.closing_fair_odds, 2.0, 1e-15);
  EXPECT_NEAR(clv.clv, 0.05, 1e-15);
  EXPECT_TRUE(clv.valid);

  // Asymmetric close 1.80 / 2.10, multiplicative: p_0 = (1/1.8) / (1/1.8 + 1/2.1) = 0.538462.
  const ClosingLineValue fav =
      closing_line_value(1.90, std::vector{1.80, 2.10}, 0, DevigMethod::kMultiplicative);
  const double p0 = (1.0 / 1.8) / (1.0 / 1.8 + 1.0 / 2.1);
  EXPECT_NEAR(fav.clv, 1.90 * p0 - 1.0, 1e-15);
  EXPECT_THROW(closing_line_value(1.90, std::vector{1.80, 2.10}, 2, DevigMethod::kShin),
               InvalidInput);
}

// ---------------------------------------------------------------------------------------------

TEST(OddsConsensus, WeightedLinearPool) {
  const std::vector a{0.50, 0.50};
  const std::vector b{0.60, 0.40};
  const std::vector<BookProbabilities> books = {{"pinnacle", a, 3.0}, {"soft", b, 1.0}};
  const ConsensusResult r = consensus_probabilities(books);
  EXPECT_NEAR(r.probabilities[0], 0.525, 1e-15);
  EXPECT_NEAR(r.probabilities[1], 0.475, 1e-15);
  EXPECT_NEAR(r.fair_odds[0], 1.0 / 0.525, 1e-12);
  EXPECT_NEAR(r.total_weight, 4.0, 1e-15);
  EXPECT_EQ(r.used, (std::vector<std::size_t>{0, 1}));
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_TRUE(r.valid);
}

TEST(OddsConsensus, StaleBookIsRejected) {
  const std::vector a{0.50, 0.50};
  const std::vector b{0.51, 0.49};
  const std::vector c{0.49, 0.51};
  const std::vector stale{0.65, 0.35};
  const std::vector<BookProbabilities> books = {{"a", a}, {"b", b}, {"stale", stale}, {"c", c}};
  const ConsensusResult r = consensus_probabilities(books);
  EXPECT_EQ(r.rejected, (std::vector<std::size_t>{2}));
  EXPECT_EQ(r.used, (std::vector<std::size_t>{0, 1, 3}));
  EXPECT_NEAR(r.probabilities[0], 0.5, 1e-15);
}

TEST(OddsConsensus, SmallDisagreementIsTolerated) {
  // The MAD is 0 (two books agree exactly); the 0.01 floor keeps the third.
  const std::vector a{0.500, 0.500};
  const std::vector c{0.505, 0.495};
  const std::vector<BookProbabilities> books = {{"a", a}, {"b", a}, {"c", c}};
  const ConsensusResult r = consensus_probabilities(books);
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_NEAR(r.probabilities[0], 1.505 / 3.0, 1e-15);
}

TEST(OddsConsensus, TwoBooksAreNeverJudged) {
  const std::vector a{0.50, 0.50};
  const std::vector b{0.80, 0.20};
  const std::vector<BookProbabilities> books = {{"a", a}, {"b", b}};
  EXPECT_TRUE(consensus_probabilities(books).rejected.empty());
}

TEST(OddsConsensus, FromPricesDevigsEachBookFirst) {
  const double v = 1.0 + 100.0 / 110.0;
  const std::vector sharp{v, v};
  const std::vector soft{1.80, 2.00};
  const std::vector<BookPrices> books = {{"pinnacle", sharp, 3.0}, {"soft", soft, 1.0}};
  const ConsensusResult r = consensus_fair_price(books, DevigMethod::kMultiplicative);
  const double soft_p0 = (1.0 / 1.8) / (1.0 / 1.8 + 1.0 / 2.0);
  EXPECT_NEAR(r.probabilities[0], (3.0 * 0.5 + soft_p0) / 4.0, 1e-15);
}

TEST(OddsConsensus, BookWithAnInvalidDevigIsRejected) {
  std::vector<double> longshots;
  for (double r : {0.870, 0.2, 0.1, 0.05, 0.02, 0.01}) longshots.push_back(1.0 / r);
  std::vector<double> fine;
  for (double r : {0.80, 0.12, 0.05, 0.02, 0.02, 0.02}) fine.push_back(1.0 / r);
  const std::vector<BookPrices> books = {{"x", longshots}, {"y", fine}};
  const ConsensusResult r = consensus_fair_price(books, DevigMethod::kAdditive);
  EXPECT_EQ(r.rejected, (std::vector<std::size_t>{0}));
  EXPECT_EQ(r.used, (std::vector<std::size_t>{1}));
}

TEST(OddsConsensus, RejectsProbabilitiesThatAreNotDevigged) {
  const std::vector raw{0.52, 0.52};
  const std::vector<BookProbabilities> books = {{"raw", raw}};
  try {
    consensus_probabilities(books);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_STREQ(e.what(), "book 'raw': fair probabilities must sum to 1 (de-vig first), got 1.04");
  }
  const std::vector three{0.2, 0.3, 0.5};
  const std::vector two{0.5, 0.5};
  const std::vector<BookProbabilities> ragged = {{"a", two}, {"b", three}};
  EXPECT_THROW(consensus_probabilities(ragged), InvalidInput);
  const std::vector<BookProbabilities> negative = {{"a", two, -1.0}};
  EXPECT_THROW(consensus_probabilities(negative), InvalidInput);
  EXPECT_THROW(consensus_probabilities({}), InvalidInput);
}

TEST(OddsConsensus, ZeroWeightEverywhereIsInvalidNotAThrow) {
  const std::vector two{0.5, 0.5};
  const std::vector<BookProbabilities> books = {{"a", two, 0.0}};
  const ConsensusResult r = consensus_probabilities(books);
  EXPECT_FALSE(r.valid);
  EXPECT_FALSE(r.reason.empty());
}

TEST(OddsConsensus, BookWeights) {
  const BookWeights weights = BookWeights::sharp_books();
  EXPECT_EQ(weights.weight("Pinnacle"), 3.0);
  EXPECT_EQ(weights.weight("pinnacle"), 3.0);
  EXPECT_EQ(weights.weight("draftkings"), 1.0);
  BookWeights custom(0.5);
  custom.set("Circa", 4.0);
  EXPECT_EQ(custom.weight("circa"), 4.0);
  EXPECT_EQ(custom.weight("other"), 0.5);
  EXPECT_THROW(custom.set("x", -1.0), InvalidInput);
  EXPECT_THROW(BookWeights(std::nan("")), InvalidInput);
}

}  // namespace
}  // namespace sharpline::domain::odds
