#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "domain/errors.hpp"
#include "domain/odds/formats.hpp"

namespace sharpline::domain::odds {
namespace {

std::string message_of(auto&& call) {
  try {
    call();
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "<no exception>";
}

TEST(OddsFormats, AmericanToDecimal) {
  EXPECT_DOUBLE_EQ(american_to_decimal(150), 2.5);
  EXPECT_DOUBLE_EQ(american_to_decimal(100), 2.0);
  EXPECT_DOUBLE_EQ(american_to_decimal(-100), 2.0);
  EXPECT_DOUBLE_EQ(american_to_decimal(-200), 1.5);
  EXPECT_DOUBLE_EQ(american_to_decimal(-110), 1.0 + 100.0 / 110.0);
  // penaltyblog docs: "+170", "+130", "+340" are the decimal prices 2.7, 2.3, 4.4.
  EXPECT_DOUBLE_EQ(american_to_decimal(170), 2.7);
  EXPECT_DOUBLE_EQ(american_to_decimal(130), 2.3);
  EXPECT_DOUBLE_EQ(american_to_decimal(340), 4.4);
  // goto_conversion README: -500, +240, +460 are 1.2, 3.4, 5.6.
  EXPECT_DOUBLE_EQ(american_to_decimal(-500), 1.2);
  EXPECT_DOUBLE_EQ(american_to_decimal(240), 3.4);
  EXPECT_DOUBLE_EQ(american_to_decimal(460), 5.6);
}

TEST(OddsFormats, DecimalToAmerican) {
  EXPECT_DOUBLE_EQ(decimal_to_american(2.5), 150.0);
  EXPECT_DOUBLE_EQ(decimal_to_american(2.0), 100.0);  // even money is +100 by convention
  EXPECT_DOUBLE_EQ(decimal_to_american(1.5), -200.0);
  EXPECT_NEAR(decimal_to_american(1.0 + 100.0 / 110.0), -110.0, 1e-9);
}

TEST(OddsFormats, RoundTripsBothWays) {
  for (double american : {-10000.0, -250.0, -110.0, -100.0, 100.0, 105.0, 333.0, 5000.0}) {
    const double back = decimal_to_american(american_to_decimal(american));
    // -100 and +100 are the same price; it comes back as +100.
    EXPECT_NEAR(back, american == -100.0 ? 100.0 : american, 1e-9) << american;
  }
  for (double decimal : {1.01, 1.5, 1.909, 2.0, 2.05, 7.5, 1001.0}) {
    EXPECT_NEAR(american_to_decimal(decimal_to_american(decimal)), decimal, 1e-12);
    EXPECT_NEAR(implied_to_decimal(decimal_to_implied(decimal)), decimal, 1e-12);
  }
}

TEST(OddsFormats, FractionalAndImplied) {
  EXPECT_DOUBLE_EQ(fractional_to_decimal(5, 2), 3.5);
  EXPECT_DOUBLE_EQ(fractional_to_decimal(1, 4), 1.25);
  EXPECT_DOUBLE_EQ(fractional_to_decimal(7, 4), 2.75);  // penaltyblog's '7/4' example
  EXPECT_DOUBLE_EQ(decimal_to_implied(2.5), 0.4);
  EXPECT_DOUBLE_EQ(implied_to_decimal(0.25), 4.0);
  EXPECT_NEAR(american_to_implied(-110), 110.0 / 210.0, 1e-15);
  EXPECT_NEAR(american_to_implied(150), 0.4, 1e-15);
}

TEST(OddsFormats, BooksumAndOverround) {
  const std::vector<double> standard = {1.0 + 100.0 / 110.0, 1.0 + 100.0 / 110.0};  // -110 / -110
  EXPECT_NEAR(booksum(standard), 220.0 / 210.0, 1e-15);
  EXPECT_NEAR(overround(standard), 10.0 / 210.0, 1e-15);  // the 4.76% of a -110 line
  EXPECT_NEAR(overround(std::vector{2.1, 2.15}), 1.0 / 2.1 + 1.0 / 2.15 - 1.0, 1e-15);
  EXPECT_LT(overround(std::vector{2.1, 2.15}), 0.0);
}

TEST(OddsFormats, RejectsImpossibleValuesNamingThem) {
  EXPECT_EQ(message_of([] { american_to_decimal(50); }),
            "American odds must be <= -100 or >= +100, got 50");
  EXPECT_EQ(message_of([] { american_to_decimal(-99.5); }),
            "American odds must be <= -100 or >= +100, got -99.5");
  EXPECT_EQ(message_of([] { american_to_decimal(0); }),
            "American odds must be <= -100 or >= +100, got 0");
  EXPECT_EQ(message_of([] { american_to_decimal(std::nan("")); }),
            "American odds must be a finite number, got nan");
  EXPECT_EQ(message_of([] { decimal_to_american(1.0); }), "decimal odds must be > 1, got 1");
  EXPECT_EQ(message_of([] { decimal_to_implied(0.5); }), "decimal odds must be > 1, got 0.5");
  EXPECT_EQ(message_of([] { decimal_to_implied(std::nan("")); }),
            "decimal odds must be a number, got nan");
  EXPECT_EQ(message_of([] { fractional_to_decimal(0, 1); }),
            "fractional odds numerator must be > 0, got 0");
  EXPECT_EQ(message_of([] { fractional_to_decimal(1, 0); }),
            "fractional odds denominator must be > 0, got 0");
  EXPECT_EQ(message_of([] { implied_to_decimal(1.0); }),
            "implied probability must be in (0, 1), got 1");
  EXPECT_EQ(message_of([] { implied_to_decimal(-0.1); }),
            "implied probability must be in (0, 1), got -0.1");
  EXPECT_EQ(message_of([] { require_probability(1.5, 3); }),
            "probability must be in [0, 1], got 1.5 (outcome 3)");
  EXPECT_EQ(message_of([] { booksum(std::vector<double>{}); }),
            "a market needs at least 1 outcome, got 0");
  EXPECT_TRUE((std::is_base_of_v<std::invalid_argument, InvalidInput>));
}

}  // namespace
}  // namespace sharpline::domain::odds

namespace sharpline::domain::odds {
namespace {

// Found by the sbro fuzz target: -1e300 converted to a decimal price of exactly 1.
TEST(OddsFormatsExtremes, AmericanOddsWhoseDecimalPriceRoundsToOneAreRejected) {
  EXPECT_THROW(american_to_decimal(-1e300), InvalidInput);
  EXPECT_TRUE(american_odds_problem(-1e18).has_value());
  EXPECT_GT(american_to_decimal(-1e12), 1.0);
  EXPECT_FALSE(american_odds_problem(-1e12).has_value());
}

}  // namespace
}  // namespace sharpline::domain::odds
