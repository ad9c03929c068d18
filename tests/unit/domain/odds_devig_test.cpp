// De-vig methods against published reference values, round trips through each model's forward
// formula, and properties every method must have.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "domain/odds/devig.hpp"

namespace sharpline::domain::odds {
namespace {

void expect_probabilities(const std::vector<double>& actual, const std::vector<double>& expected,
                          double tolerance) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    EXPECT_NEAR(actual[i], expected[i], tolerance) << "outcome " << i;
  }
}

// ---------------------------------------------------------------------------------------------
// Published reference values.

// penaltyblog documentation, docs/implied/implied.ipynb (martineastwood/penaltyblog), "Quick
// Start": calculate_implied([2.7, 2.3, 4.4]) with the default multiplicative method.
TEST(OddsDevigReference, MultiplicativeMatchesPenaltyblogDocs) {
  const DevigResult r = devig(DevigMethod::kMultiplicative, std::vector{2.7, 2.3, 4.4});
  expect_probabilities(r.probabilities,
                       {0.35873803615739097, 0.4211272598369373, 0.22013470400567173}, 1e-12);
  EXPECT_NEAR(r.margin, 0.0324, 5e-5);  // printed there as "Margin: 0.0324"
  EXPECT_NEAR(r.parameter, 1.0 + r.margin, 1e-15);
  EXPECT_TRUE(r.valid);
}

// Same notebook, "Using Different Methods and Formats": American +170/+130/+340 (decimal 2.7,
// 2.3, 4.4) with ImpliedMethod.SHIN; z printed as 0.0162. penaltyblog solves the same equation
// with scipy's ridder, so agreement is limited only by its tolerance.
TEST(OddsDevigReference, ShinMatchesPenaltyblogDocs) {
  const DevigResult r = devig(DevigMethod::kShin, std::vector{2.7, 2.3, 4.4});
  expect_probabilities(r.probabilities,
                       {0.35934391959159157, 0.42324384818283234, 0.21741223222458853}, 1e-9);
  EXPECT_NEAR(r.parameter, 0.0162, 5e-5);
  EXPECT_TRUE(r.valid);
}

// mberk/shin README.md (Python package `shin`): [2.6, 2.4, 4.3] -> probabilities and
// z = 0.01694251276407055 (iteration converged to |dz| < 1e-12).
TEST(OddsDevigReference, ShinMatchesMberkShinThreeWay) {
  const DevigResult r = devig(DevigMethod::kShin, std::vector{2.6, 2.4, 4.3});
  expect_probabilities(r.probabilities,
                       {0.37299406033208965, 0.4047794109200184, 0.2222265287474275}, 1e-9);
  EXPECT_NEAR(r.parameter, 0.01694251276407055, 1e-9);
  EXPECT_GT(r.iterations, 0);
}

// mberk/shin README.md, two outcomes: [1.5, 2.74] with Strumbelj's (2014) closed-form z.
TEST(OddsDevigReference, ShinTwoWayClosedFormMatchesMberkShin) {
  const DevigResult r = devig(DevigMethod::kShin, std::vector{1.5, 2.74});
  expect_probabilities(r.probabilities, {0.6508515815085157, 0.3491484184914841}, 1e-12);
  EXPECT_NEAR(r.parameter, 0.03172728540646625, 1e-14);
  EXPECT_EQ(r.iterations, 0);
}

// penaltyblog test/test_implied.py, odds [2.7, 2.3, 4.4]: additive and odds_ratio expectations
// (published to 7 digits).
TEST(OddsDevigReference, AdditiveAndOddsRatioMatchPenaltyblogTests) {
  const std::vector odds{2.7, 2.3, 4.4};
  expect_probabilities(devig(DevigMethod::kAdditive, odds).probabilities,
                       {0.3595618, 0.423974, 0.2164642}, 1e-6);
  expect_probabilities(devig(DevigMethod::kOddsRatio, odds).probabilities,
                       {0.3588103, 0.4225611, 0.2186286}, 1e-6);
}

// goto_conversion README.md (gotoConversion/goto_conversion): goto_conversion([1.2, 3.4, 5.6]).
TEST(OddsDevigReference, GotoMatchesGotoConversionReadme) {
  const DevigResult r = devig(DevigMethod::kGoto, std::vector{1.2, 3.4, 5.6});
  expect_probabilities(r.probabilities,
                       {0.7753528189788175, 0.17479473292721065, 0.04985244809397199}, 1e-12);
  EXPECT_TRUE(r.valid);
}

// implied (R, opisthokonta/implied) README.md: the three football matches of `my_odds`.
struct ImpliedReadmeRow {
  std::array<double, 3> odds;
  std::array<double, 3> basic;
  double margin;
  std::array<double, 3> shin;
  double shin_z;
  std::array<double, 3> odds_ratio;
  double odds_ratio_c;
  std::array<double, 3> power;
  double power_exponent;  // implied reports n with p = r^(1/n), i.e. 1/k
};

const std::array<ImpliedReadmeRow, 3> kImpliedReadme = {{
    {{4.20, 3.70, 1.95},
     {0.2331556, 0.2646631, 0.5021813},
     0.02118602,
     {0.2315716, 0.2635742, 0.5048542},
     0.01061048,
     {0.2320048, 0.2636415, 0.5043537},
     1.034449,
     {0.2311414, 0.2630644, 0.5057942},
     0.9797664},
    {{2.45, 3.70, 2.90},
     {0.3988848, 0.2641264, 0.3369888},
     0.02326112,
     {0.4000221, 0.2629271, 0.3370508},
     0.01163552,
     {0.3996912, 0.2633869, 0.3369219},
     1.035805,
     {0.4003156, 0.2627189, 0.3369655},
     0.9788115},
    {{2.05, 3.20, 3.80},
     {0.4586948, 0.2938514, 0.2474538},
     0.06346277,
     {0.4645882, 0.2919788, 0.2434331},
     0.03182353,
     {0.4634406, 0.2919032, 0.2446562},
     1.102606,
     {0.4667139, 0.2908985, 0.2423876},
     0.9419744},
}};

std::vector<double> as_vector(const std::array<double, 3>& values) {
  return {values.begin(), values.end()};
}

TEST(OddsDevigReference, BasicMatchesImpliedReadme) {
  for (const auto& row : kImpliedReadme) {
    const DevigResult r = devig(DevigMethod::kMultiplicative, as_vector(row.odds));
    expect_probabilities(r.probabilities, as_vector(row.basic), 1e-6);
    EXPECT_NEAR(r.margin, row.margin, 1e-8);
  }
}

// implied stops its Shin iteration at |dz| <= 1.2e-4 and runs uniroot with tol 1.2e-4 for the
// odds-ratio and power methods (R/implied_probabilities.R), so its printed values carry errors of
// a few 1e-6 in the probabilities and up to ~3e-5 in the parameters; our solutions are exact
// (the Shin ones agree with mberk/shin and penaltyblog to 1e-9 above). The tolerances below are
// those of the reference, not of this code.
TEST(OddsDevigReference, ShinOddsRatioPowerAgreeWithImpliedReadme) {
  for (const auto& row : kImpliedReadme) {
    const std::vector odds = as_vector(row.odds);
    const DevigResult shin = devig(DevigMethod::kShin, odds);
    expect_probabilities(shin.probabilities, as_vector(row.shin), 3e-6);
    EXPECT_NEAR(shin.parameter, row.shin_z, 2e-5);

    const DevigResult ratio = devig(DevigMethod::kOddsRatio, odds);
    expect_probabilities(ratio.probabilities, as_vector(row.odds_ratio), 3e-6);
    EXPECT_NEAR(ratio.parameter, row.odds_ratio_c, 5e-5);

    const DevigResult power = devig(DevigMethod::kPower, odds);
    expect_probabilities(power.probabilities, as_vector(row.power), 3e-6);
    EXPECT_NEAR(1.0 / power.parameter, row.power_exponent, 5e-5);
  }
}

// implied vignette and tests/testthat/test_1.R: odds 1/(0.870, 0.2, 0.1, 0.05, 0.02, 0.01), the
// example of Clarke, Kovalchik & Ingram (2017) where the additive method goes negative (implied
// warns and flags `problematic`); Shin, power and odds-ratio stay valid.
TEST(OddsDevigReference, AdditiveFlagsNegativeProbabilityOnClarkeExample) {
  std::vector<double> odds;
  for (double r : {0.870, 0.2, 0.1, 0.05, 0.02, 0.01}) odds.push_back(1.0 / r);
  const DevigResult additive = devig(DevigMethod::kAdditive, odds);
  EXPECT_FALSE(additive.valid);
  EXPECT_NE(additive.reason.find("negative"), std::string::npos);
  // The numbers are still there to inspect: 0.01 - 0.25/6 < 0 for the longest shot.
  EXPECT_NEAR(additive.probabilities[5], 0.01 - 0.25 / 6.0, 1e-12);
  for (DevigMethod method : {DevigMethod::kShin, DevigMethod::kPower, DevigMethod::kOddsRatio}) {
    EXPECT_TRUE(devig(method, odds).valid) << method_name(method);
  }
}

// ---------------------------------------------------------------------------------------------
// Round trips: build prices from known fair probabilities with each model's forward formula,
// then recover probabilities and parameter exactly.

std::vector<double> prices_from_implied(const std::vector<double>& implied) {
  std::vector<double> prices;
  for (double r : implied) prices.push_back(1.0 / r);
  return prices;
}

const std::vector<double> kFair = {0.55, 0.25, 0.15, 0.05};

TEST(OddsDevigRoundTrip, PowerRecoversExponent) {
  const double k = 0.92;  // r_i = p_i^(1/k)
  std::vector<double> implied;
  for (double p : kFair) implied.push_back(std::pow(p, 1.0 / k));
  const DevigResult r = devig(DevigMethod::kPower, prices_from_implied(implied));
  expect_probabilities(r.probabilities, kFair, 1e-12);
  EXPECT_NEAR(r.parameter, k, 1e-12);
}

// Shin (1993): the profit-maximising bookmaker sets r_i = sqrt(z p_i + (1 - z) p_i^2) * beta with
// beta = sum_j sqrt(z p_j + (1 - z) p_j^2).
TEST(OddsDevigRoundTrip, ShinRecoversInsiderShare) {
  for (double z : {0.005, 0.02, 0.08}) {
    std::vector<double> roots;
    for (double p : kFair) roots.push_back(std::sqrt(z * p + (1.0 - z) * p * p));
    const double beta = std::accumulate(roots.begin(), roots.end(), 0.0);
    std::vector<double> implied;
    for (double root : roots) implied.push_back(root * beta);
    const DevigResult r = devig(DevigMethod::kShin, prices_from_implied(implied));
    expect_probabilities(r.probabilities, kFair, 1e-12);
    EXPECT_NEAR(r.parameter, z, 1e-12);
  }
}

TEST(OddsDevigRoundTrip, OddsRatioAndLogarithmicRecoverTheirConstant) {
  const double c = 1.07;  // r_i = c p_i / (1 - p_i + c p_i)
  std::vector<double> implied;
  for (double p : kFair) implied.push_back(c * p / (1.0 - p + c * p));
  const std::vector<double> prices = prices_from_implied(implied);
  const DevigResult ratio = devig(DevigMethod::kOddsRatio, prices);
  expect_probabilities(ratio.probabilities, kFair, 1e-12);
  EXPECT_NEAR(ratio.parameter, c, 1e-12);
  const DevigResult logit = devig(DevigMethod::kLogarithmic, prices);
  expect_probabilities(logit.probabilities, kFair, 1e-12);
  EXPECT_NEAR(logit.parameter, std::log(c), 1e-12);
}

TEST(OddsDevigRoundTrip, AdditiveAndMultiplicativeRecoverTheirShift) {
  std::vector<double> implied;
  for (double p : kFair) implied.push_back(p + 0.01);
  const DevigResult additive = devig(DevigMethod::kAdditive, prices_from_implied(implied));
  expect_probabilities(additive.probabilities, kFair, 1e-12);
  EXPECT_NEAR(additive.parameter, 0.01, 1e-12);

  implied.clear();
  for (double p : kFair) implied.push_back(p * 1.04);
  const DevigResult scaled = devig(DevigMethod::kMultiplicative, prices_from_implied(implied));
  expect_probabilities(scaled.probabilities, kFair, 1e-12);
  EXPECT_NEAR(scaled.parameter, 1.04, 1e-12);
}

TEST(OddsDevigRoundTrip, GotoRecoversStep) {
  const double step = 0.012;  // r_i = p_i + step * sqrt(1 - r_i), solved for r_i
  std::vector<double> implied;
  for (double p : kFair) {
    // r - p = step sqrt(1 - r)  =>  r = p + step (-step + sqrt(step^2 + 4 (1 - p))) / 2
    implied.push_back(p + step * (-step + std::sqrt(step * step + 4.0 * (1.0 - p))) / 2.0);
  }
  const DevigResult r = devig(DevigMethod::kGoto, prices_from_implied(implied));
  expect_probabilities(r.probabilities, kFair, 1e-12);
  EXPECT_NEAR(r.parameter, step, 1e-12);
}

// ---------------------------------------------------------------------------------------------
// Properties.

// Random bookmaker markets: fair probabilities from a Dirichlet-like draw, prices with a 2-12%
// proportional margin, 2 to 12 outcomes.
std::vector<std::vector<double>> random_markets(unsigned seed, int count) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> size(2, 12);
  std::gamma_distribution<double> gamma(2.0, 1.0);
  std::uniform_real_distribution<double> margin(0.02, 0.12);
  std::vector<std::vector<double>> markets;
  while (static_cast<int>(markets.size()) < count) {
    std::vector<double> weights(static_cast<std::size_t>(size(rng)));
    for (double& w : weights) w = gamma(rng) + 0.05;
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    const double booksum = 1.0 + margin(rng);
    std::vector<double> prices;
    for (double w : weights) prices.push_back(1.0 / (w / total * booksum));
    // Skip the rare draw whose favourite would be priced at or below 1.01.
    if (*std::min_element(prices.begin(), prices.end()) > 1.01) markets.push_back(prices);
  }
  return markets;
}

TEST(OddsDevigProperty, ProbabilitiesSumToOneAndStayInRange) {
  for (const auto& market : random_markets(7, 200)) {
    for (DevigMethod method : kAllDevigMethods) {
      const DevigResult r = devig(method, market);
      const double sum = std::accumulate(r.probabilities.begin(), r.probabilities.end(), 0.0);
      EXPECT_NEAR(sum, 1.0, 1e-12) << method_name(method);
      if (r.valid) {
        for (double p : r.probabilities) {
          EXPECT_GE(p, 0.0) << method_name(method);
          EXPECT_LE(p, 1.0) << method_name(method);
        }
      } else {
        // Only the methods that can go negative may be flagged on ordinary markets.
        EXPECT_TRUE(method == DevigMethod::kAdditive || method == DevigMethod::kGoto)
            << method_name(method) << ": " << r.reason;
        EXPECT_FALSE(r.reason.empty());
      }
    }
  }
}

TEST(OddsDevigProperty, InvariantToOutcomeOrder) {
  std::mt19937 rng(11);
  for (const auto& market : random_markets(13, 100)) {
    std::vector<std::size_t> order(market.size());
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<double> shuffled;
    for (std::size_t i : order) shuffled.push_back(market[i]);
    for (DevigMethod method : kAllDevigMethods) {
      const DevigResult original = devig(method, market);
      const DevigResult permuted = devig(method, shuffled);
      EXPECT_NEAR(original.parameter, permuted.parameter, 1e-12) << method_name(method);
      for (std::size_t j = 0; j < order.size(); ++j) {
        EXPECT_NEAR(permuted.probabilities[j], original.probabilities[order[j]], 1e-12)
            << method_name(method);
      }
    }
  }
}

TEST(OddsDevigProperty, EveryMethodPreservesTheFavouriteOrder) {
  for (const auto& market : random_markets(17, 100)) {
    for (DevigMethod method : kAllDevigMethods) {
      const DevigResult r = devig(method, market);
      for (std::size_t i = 0; i < market.size(); ++i) {
        for (std::size_t j = 0; j < market.size(); ++j) {
          if (market[i] < market[j]) {
            EXPECT_GE(r.probabilities[i], r.probabilities[j]) << method_name(method);
          }
        }
      }
    }
  }
}

TEST(OddsDevigProperty, FairBookIsLeftAlone) {
  const std::vector<double> prices = {2.0, 4.0, 5.0, 20.0};  // 0.5 + 0.25 + 0.2 + 0.05 = 1
  const std::vector<double> neutral_parameter = {1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0};
  for (std::size_t m = 0; m < kAllDevigMethods.size(); ++m) {
    const DevigResult r = devig(kAllDevigMethods[m], prices);
    expect_probabilities(r.probabilities, {0.5, 0.25, 0.2, 0.05}, 1e-13);
    EXPECT_NEAR(r.parameter, neutral_parameter[m], 1e-12) << method_name(kAllDevigMethods[m]);
    EXPECT_NEAR(r.margin, 0.0, 1e-15);
    EXPECT_TRUE(r.valid);
  }
}

TEST(OddsDevigProperty, ShinEqualsAdditiveForTwoOutcomes) {
  // Strumbelj (2014); also the check in mberk/shin tests/test_shin.py.
  for (const auto& market : random_markets(19, 50)) {
    const std::vector<double> two = {market[0], market[1]};
    const DevigResult shin = devig(DevigMethod::kShin, two);
    const DevigResult additive = devig(DevigMethod::kAdditive, two);
    if (!additive.valid) continue;
    expect_probabilities(shin.probabilities, additive.probabilities, 1e-12);
  }
}

TEST(OddsDevigProperty, OddsRatioAndLogarithmicAreTheSameModel) {
  for (const auto& market : random_markets(23, 50)) {
    const DevigResult ratio = devig(DevigMethod::kOddsRatio, market);
    const DevigResult logit = devig(DevigMethod::kLogarithmic, market);
    expect_probabilities(logit.probabilities, ratio.probabilities, 1e-12);
    EXPECT_NEAR(logit.parameter, std::log(ratio.parameter), 1e-12);
  }
}

TEST(OddsDevigProperty, SpanOverloadWritesTheSameAsTheVectorOne) {
  const std::array<double, 3> prices = {2.6, 2.4, 4.3};
  for (DevigMethod method : kAllDevigMethods) {
    std::array<double, 3> out{};
    const DevigSummary summary = devig(method, prices, out);
    const DevigResult result = devig(method, prices);
    for (std::size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i], result.probabilities[i]);
    EXPECT_EQ(summary.parameter, result.parameter);
    EXPECT_EQ(summary.method, method);
  }
}

TEST(OddsDevigProperty, UnderRoundBookFlagsShinButNotTheOthers) {
  const std::vector<double> arbitrage = {2.1, 2.15, 30.0};  // booksum 0.974
  const DevigResult shin = devig(DevigMethod::kShin, arbitrage);
  EXPECT_FALSE(shin.valid);
  EXPECT_LT(shin.parameter, 0.0);
  EXPECT_NE(shin.reason.find("under-round"), std::string::npos);
  const double sum = std::accumulate(shin.probabilities.begin(), shin.probabilities.end(), 0.0);
  EXPECT_NEAR(sum, 1.0, 1e-12);
  for (DevigMethod method : {DevigMethod::kMultiplicative, DevigMethod::kPower,
                             DevigMethod::kOddsRatio, DevigMethod::kLogarithmic}) {
    EXPECT_TRUE(devig(method, arbitrage).valid) << method_name(method);
  }
}

TEST(OddsDevigProperty, ExtremePricesStillConverge) {
  const std::vector<std::vector<double>> markets = {
      {1.001, 500.0}, {1.01, 30.0, 200.0}, {1.0001, 1000.0, 1000.0, 1000.0}, {200.0, 1.01, 150.0}};
  for (const auto& market : markets) {
    for (DevigMethod method : {DevigMethod::kPower, DevigMethod::kShin, DevigMethod::kOddsRatio,
                               DevigMethod::kLogarithmic}) {
      const DevigResult r = devig(method, market);
      EXPECT_TRUE(r.valid) << method_name(method) << ": " << r.reason;
      EXPECT_LT(r.iterations, 60) << method_name(method);
      const double sum = std::accumulate(r.probabilities.begin(), r.probabilities.end(), 0.0);
      EXPECT_NEAR(sum, 1.0, 1e-12);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Degenerate input.

std::string invalid_message(DevigMethod method, const std::vector<double>& prices) {
  try {
    (void)devig(method, prices);
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "<no exception>";
}

TEST(OddsDevigRejects, ImpossiblePricesWithAMessageNamingThem) {
  for (DevigMethod method : kAllDevigMethods) {
    EXPECT_EQ(invalid_message(method, {2.0, 0.9, 3.0}),
              "decimal odds must be > 1, got 0.9 (outcome 1)");
    EXPECT_EQ(invalid_message(method, {2.0, 1.0}), "decimal odds must be > 1, got 1 (outcome 1)");
    EXPECT_EQ(invalid_message(method, {std::nan(""), 2.0}),
              "decimal odds must be a number, got nan (outcome 0)");
    EXPECT_EQ(invalid_message(method, {2.0, INFINITY}),
              "decimal odds must be finite, got inf (outcome 1)");
    EXPECT_EQ(invalid_message(method, {-3.0, 2.0}), "decimal odds must be > 1, got -3 (outcome 0)");
    EXPECT_EQ(invalid_message(method, {}), "a market needs at least 2 outcomes, got 0");
    EXPECT_EQ(invalid_message(method, {1.5}), "a market needs at least 2 outcomes, got 1");
  }
}

TEST(OddsDevigRejects, OutputOfTheWrongSize) {
  const std::array<double, 3> prices = {2.0, 3.0, 4.0};
  std::array<double, 2> out{};
  EXPECT_THROW(devig(DevigMethod::kShin, prices, out), InvalidInput);
  EXPECT_THROW(devig_power(prices, out), InvalidInput);
}

TEST(OddsDevigNames, WireNamesAndAliases) {
  for (DevigMethod method : kAllDevigMethods) {
    EXPECT_EQ(parse_devig_method(method_name(method)), method);
  }
  EXPECT_EQ(method_name(DevigMethod::kOddsRatio), "odds-ratio");
  EXPECT_EQ(parse_devig_method("basic"), DevigMethod::kMultiplicative);
  EXPECT_EQ(parse_devig_method("or"), DevigMethod::kOddsRatio);
  EXPECT_EQ(parse_devig_method("odds_ratio"), DevigMethod::kOddsRatio);
  EXPECT_EQ(parse_devig_method("goto_conversion"), DevigMethod::kGoto);
  EXPECT_FALSE(parse_devig_method("Shin").has_value());
  EXPECT_FALSE(parse_devig_method("").has_value());
  EXPECT_EQ(parameter_name(DevigMethod::kShin), "z");
  EXPECT_EQ(parameter_name(DevigMethod::kPower), "k");
}

TEST(OddsDevigNames, FairOddsInvertProbabilities) {
  const std::vector<double> prices = fair_odds(std::vector{0.5, 0.25, 0.0});
  EXPECT_DOUBLE_EQ(prices[0], 2.0);
  EXPECT_DOUBLE_EQ(prices[1], 4.0);
  EXPECT_TRUE(std::isinf(prices[2]));
}

}  // namespace
}  // namespace sharpline::domain::odds
