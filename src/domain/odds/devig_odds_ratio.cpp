// Odds-ratio method (Cheung 2015, in Buchdahl's "Wisdom of the Crowd") and the logarithmic
// (logit-shift) method of penaltyblog. Both fit one constant between the odds of the fair and the
// implied probability:
//   odds-ratio:   r_i (1 - p_i) / (p_i (1 - r_i)) = c   =>  p_i = r_i / (c + r_i - c r_i)
//   logarithmic:  logit(p_i) = logit(r_i) - c          =>  p_i = 1 / (1 + e^c (D_i - 1))
// so they give the same probabilities with c_logarithmic = ln(c_odds-ratio). We solve once, in
// the logit parameterisation, where the equation is best conditioned.
#include <cmath>
#include <utility>

#include "domain/odds/devig.hpp"
#include "domain/odds/devig_common.hpp"
#include "domain/odds/root_finding.hpp"

namespace sharpline::domain::odds {
namespace {

// Fills `out` with the fair probabilities; the parameter is e^c for odds-ratio, c otherwise.
DevigSummary solve_logit_shift(std::span<const double> decimal_odds, std::span<double> out,
                               DevigMethod method) {
  const double booksum = detail::load_implied(decimal_odds, out);
  double smallest = decimal_odds[0] - 1.0;
  double largest = smallest;
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = decimal_odds[i] - 1.0;  // out holds the fractional odds q_i = (1 - r_i) / r_i
    smallest = std::fmin(smallest, out[i]);
    largest = std::fmax(largest, out[i]);
  }
  // With e^c q_max <= n - 1 every p_i >= 1/n (sum >= 1); with e^c q_min >= n - 1 every
  // p_i <= 1/n (sum <= 1): the root lies between.
  const double spread = static_cast<double>(out.size()) - 1.0;
  const double lower = std::log(spread / largest);
  const double upper = std::log(spread / smallest);
  const auto f = [out](double c) {
    const double scale = std::exp(c);
    double value = -1.0;
    double slope = 0.0;
    for (double q : out) {
      const double p = 1.0 / (1.0 + scale * q);
      value += p;
      slope -= p * (1.0 - p);
    }
    return std::pair{value, slope};
  };
  const detail::RootResult root = detail::find_decreasing_root(f, lower, upper, 0.0);
  const double scale = std::exp(root.x);
  for (double& q : out) q = 1.0 / (1.0 + scale * q);

  DevigSummary summary{.method = method,
                       .margin = booksum - 1.0,
                       .parameter = method == DevigMethod::kOddsRatio ? scale : root.x};
  detail::record_root(root, summary);
  detail::finish(out, summary, true);
  return summary;
}

}  // namespace

DevigSummary devig_odds_ratio(std::span<const double> decimal_odds, std::span<double> out) {
  return solve_logit_shift(decimal_odds, out, DevigMethod::kOddsRatio);
}

DevigSummary devig_logarithmic(std::span<const double> decimal_odds, std::span<double> out) {
  return solve_logit_shift(decimal_odds, out, DevigMethod::kLogarithmic);
}

}  // namespace sharpline::domain::odds
