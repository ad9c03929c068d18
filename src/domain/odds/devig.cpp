// Method names, dispatch, the closed-form methods (multiplicative, additive, goto) and the
// allocating convenience wrapper. The fitted methods live in devig_power.cpp, devig_shin.cpp and
// devig_odds_ratio.cpp.
#include "domain/odds/devig.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "domain/errors.hpp"
#include "domain/odds/devig_common.hpp"
#include "domain/odds/formats.hpp"

namespace sharpline::domain::odds {

namespace detail {

double load_implied(std::span<const double> decimal_odds, std::span<double> out) {
  require_market(decimal_odds, 2);
  if (out.size() != decimal_odds.size()) {
    throw InvalidInput("output has " + std::to_string(out.size()) + " slots for " +
                       std::to_string(decimal_odds.size()) + " prices");
  }
  double sum = 0.0;
  for (std::size_t i = 0; i < decimal_odds.size(); ++i) {
    out[i] = 1.0 / decimal_odds[i];
    sum += out[i];
  }
  return sum;
}

void finish(std::span<double> out, DevigSummary& summary, bool renormalize) {
  if (renormalize) {
    double sum = 0.0;
    for (double p : out) sum += p;
    for (double& p : out) p /= sum;
  }
  for (double p : out) {
    if (!std::isfinite(p) || p < 0.0 || p > 1.0) {
      summary.valid = false;
      if (summary.reason.empty()) summary.reason = "a fair probability fell outside [0, 1]";
      return;
    }
  }
}

}  // namespace detail

std::string_view method_name(DevigMethod method) {
  switch (method) {
    case DevigMethod::kMultiplicative:
      return "multiplicative";
    case DevigMethod::kAdditive:
      return "additive";
    case DevigMethod::kPower:
      return "power";
    case DevigMethod::kShin:
      return "shin";
    case DevigMethod::kOddsRatio:
      return "odds-ratio";
    case DevigMethod::kLogarithmic:
      return "logarithmic";
    case DevigMethod::kGoto:
      return "goto";
  }
  return "unknown";
}

std::optional<DevigMethod> parse_devig_method(std::string_view name) {
  for (DevigMethod method : kAllDevigMethods) {
    if (name == method_name(method)) return method;
  }
  if (name == "basic") return DevigMethod::kMultiplicative;
  if (name == "or" || name == "odds_ratio") return DevigMethod::kOddsRatio;
  if (name == "goto_conversion") return DevigMethod::kGoto;
  return std::nullopt;
}

std::string_view parameter_name(DevigMethod method) {
  switch (method) {
    case DevigMethod::kMultiplicative:
      return "booksum";
    case DevigMethod::kAdditive:
      return "shift";
    case DevigMethod::kPower:
      return "k";
    case DevigMethod::kShin:
      return "z";
    case DevigMethod::kOddsRatio:
      return "odds_ratio";
    case DevigMethod::kLogarithmic:
      return "c";
    case DevigMethod::kGoto:
      return "step";
  }
  return "parameter";
}

DevigSummary devig(DevigMethod method, std::span<const double> decimal_odds,
                   std::span<double> out_probabilities) {
  switch (method) {
    case DevigMethod::kMultiplicative:
      return devig_multiplicative(decimal_odds, out_probabilities);
    case DevigMethod::kAdditive:
      return devig_additive(decimal_odds, out_probabilities);
    case DevigMethod::kPower:
      return devig_power(decimal_odds, out_probabilities);
    case DevigMethod::kShin:
      return devig_shin(decimal_odds, out_probabilities);
    case DevigMethod::kOddsRatio:
      return devig_odds_ratio(decimal_odds, out_probabilities);
    case DevigMethod::kLogarithmic:
      return devig_logarithmic(decimal_odds, out_probabilities);
    case DevigMethod::kGoto:
      return devig_goto(decimal_odds, out_probabilities);
  }
  throw InvalidInput("unknown de-vig method");
}

DevigSummary devig_multiplicative(std::span<const double> decimal_odds, std::span<double> out) {
  const double booksum = detail::load_implied(decimal_odds, out);
  DevigSummary summary{
      .method = DevigMethod::kMultiplicative, .margin = booksum - 1.0, .parameter = booksum};
  for (double& p : out) p /= booksum;
  detail::finish(out, summary, false);
  return summary;
}

DevigSummary devig_additive(std::span<const double> decimal_odds, std::span<double> out) {
  const double booksum = detail::load_implied(decimal_odds, out);
  const double shift = (booksum - 1.0) / static_cast<double>(out.size());
  DevigSummary summary{
      .method = DevigMethod::kAdditive, .margin = booksum - 1.0, .parameter = shift};
  for (double& p : out) {
    p -= shift;
    if (p < 0.0 && summary.valid) {
      summary.valid = false;
      summary.reason =
          "additive method gives a negative probability: a long shot's implied probability is "
          "smaller than its equal share of the margin";
    }
  }
  detail::finish(out, summary, false);
  return summary;
}

DevigSummary devig_goto(std::span<const double> decimal_odds, std::span<double> out) {
  const double booksum = detail::load_implied(decimal_odds, out);
  // The standard error of an implied probability r treated as a binomial share is
  // sqrt(r (1 - r) / r) = sqrt(1 - r): wider for long shots, so they give up more of the margin.
  double total_error = 0.0;
  for (double r : out) total_error += std::sqrt(1.0 - r);
  const double step = (booksum - 1.0) / total_error;
  DevigSummary summary{.method = DevigMethod::kGoto, .margin = booksum - 1.0, .parameter = step};
  for (double& p : out) {
    p -= step * std::sqrt(1.0 - p);
    if ((p < 0.0 || p > 1.0) && summary.valid) {
      summary.valid = false;
      summary.reason = "goto conversion moves a probability outside [0, 1]";
    }
  }
  detail::finish(out, summary, false);
  return summary;
}

DevigResult devig(DevigMethod method, std::span<const double> decimal_odds) {
  DevigResult result;
  result.probabilities.resize(decimal_odds.size());
  const DevigSummary summary = devig(method, decimal_odds, result.probabilities);
  result.method = summary.method;
  result.margin = summary.margin;
  result.parameter = summary.parameter;
  result.valid = summary.valid;
  result.reason = std::string(summary.reason);
  result.iterations = summary.iterations;
  return result;
}

std::vector<double> fair_odds(std::span<const double> probabilities) {
  std::vector<double> prices;
  prices.reserve(probabilities.size());
  for (double p : probabilities) {
    prices.push_back(p > 0.0 ? 1.0 / p : std::numeric_limits<double>::infinity());
  }
  return prices;
}

}  // namespace sharpline::domain::odds
