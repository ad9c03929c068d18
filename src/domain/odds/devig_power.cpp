// Power method: p_i = r_i^k with k chosen so the probabilities sum to 1 (Clarke, Kovalchik &
// Ingram 2017; Buchdahl calls it "logarithmic"; implied reports n = 1/k).
#include <cmath>
#include <utility>

#include "domain/odds/devig.hpp"
#include "domain/odds/devig_common.hpp"
#include "domain/odds/root_finding.hpp"

namespace sharpline::domain::odds {

DevigSummary devig_power(std::span<const double> decimal_odds, std::span<double> out) {
  const double booksum = detail::load_implied(decimal_odds, out);
  double largest = 0.0;
  for (double& value : out) {
    largest = std::fmax(largest, value);
    value = std::log(value);  // out holds ln r_i while solving
  }
  const auto n = static_cast<double>(out.size());
  // f(k) = sum r_i^k - 1 falls from n - 1 at k = 0 and is negative once n * r_max^k < 1.
  const double upper = std::log(n) / -std::log(largest) + 1.0;
  const auto f = [out](double k) {
    double value = -1.0;
    double slope = 0.0;
    for (double log_r : out) {
      const double term = std::exp(k * log_r);
      value += term;
      slope += log_r * term;
    }
    return std::pair{value, slope};
  };
  const detail::RootResult root = detail::find_decreasing_root(f, 0.0, upper, 1.0);
  for (double& value : out) value = std::exp(root.x * value);

  DevigSummary summary{.method = DevigMethod::kPower, .margin = booksum - 1.0, .parameter = root.x};
  detail::record_root(root, summary);
  detail::finish(out, summary, true);
  return summary;
}

}  // namespace sharpline::domain::odds
