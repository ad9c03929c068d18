// Margin removal ("de-vig"): fair probabilities from one bookmaker's prices for an n-way market
// whose outcomes are mutually exclusive and exhaustive. Formulas and references for every method
// are in docs/odds-math.md; r_i = 1/D_i below is the implied probability of outcome i and
// B = sum(r_i) the booksum.
//
//   method          fair probability p_i                       parameter reported
//   multiplicative  r_i / B                                    B (the booksum)
//   additive        r_i - (B - 1)/n                            (B - 1)/n, taken off each outcome
//   power           r_i^k, k solves sum = 1                    k
//   shin            Shin (1992, 1993), z solves sum = 1        z (share of insider money)
//   odds-ratio      r_i / (c + r_i - c r_i), c solves sum = 1  c (odds ratio, Cheung 2015)
//   logarithmic     logistic(logit(r_i) - c), c solves sum = 1 c (logit shift, = ln of odds ratio)
//   goto            r_i - s sqrt(1 - r_i), s closed form       s (standard errors taken off)
//
// The span overloads do not allocate: the output span doubles as scratch. Outputs are in input
// order and sum to 1 (up to rounding). Invalid input throws InvalidInput (see domain/errors.hpp);
// an unusable result comes back with valid == false and a reason, e.g. the additive method
// producing a negative probability for a long shot.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sharpline::domain::odds {

enum class DevigMethod {
  kMultiplicative,
  kAdditive,
  kPower,
  kShin,
  kOddsRatio,
  kLogarithmic,
  kGoto
};

inline constexpr std::array<DevigMethod, 7> kAllDevigMethods = {DevigMethod::kMultiplicative,
                                                                DevigMethod::kAdditive,
                                                                DevigMethod::kPower,
                                                                DevigMethod::kShin,
                                                                DevigMethod::kOddsRatio,
                                                                DevigMethod::kLogarithmic,
                                                                DevigMethod::kGoto};

// The CLI / wire name: multiplicative, additive, power, shin, odds-ratio, logarithmic, goto.
std::string_view method_name(DevigMethod method);
// Accepts the wire names plus the aliases used by penaltyblog and implied ("basic", "or",
// "odds_ratio", "goto_conversion"); nullopt for anything else.
std::optional<DevigMethod> parse_devig_method(std::string_view name);
// What the reported parameter is: "booksum", "shift", "k", "z", "odds_ratio", "c", "step".
std::string_view parameter_name(DevigMethod method);

struct DevigSummary {
  DevigMethod method = DevigMethod::kMultiplicative;
  double margin = 0.0;     // booksum - 1 of the input prices
  double parameter = 0.0;  // the fitted parameter, see the table above
  bool valid = true;
  std::string_view reason{};  // empty when valid; static text, so no allocation
  int iterations = 0;         // solver iterations; 0 for closed forms
};

// Dispatches to the method below. `out_probabilities` must have one slot per price.
DevigSummary devig(DevigMethod method, std::span<const double> decimal_odds,
                   std::span<double> out_probabilities);

DevigSummary devig_multiplicative(std::span<const double> decimal_odds, std::span<double> out);
DevigSummary devig_additive(std::span<const double> decimal_odds, std::span<double> out);
DevigSummary devig_power(std::span<const double> decimal_odds, std::span<double> out);
DevigSummary devig_shin(std::span<const double> decimal_odds, std::span<double> out);
DevigSummary devig_odds_ratio(std::span<const double> decimal_odds, std::span<double> out);
DevigSummary devig_logarithmic(std::span<const double> decimal_odds, std::span<double> out);
DevigSummary devig_goto(std::span<const double> decimal_odds, std::span<double> out);

// Convenience form for code off the hot path.
struct DevigResult {
  DevigMethod method = DevigMethod::kMultiplicative;
  std::vector<double> probabilities;
  double margin = 0.0;
  double parameter = 0.0;
  bool valid = true;
  std::string reason;
  int iterations = 0;
};

DevigResult devig(DevigMethod method, std::span<const double> decimal_odds);

// Fair decimal prices 1/p_i; an outcome with p_i <= 0 gets +infinity.
std::vector<double> fair_odds(std::span<const double> probabilities);

}  // namespace sharpline::domain::odds
