// Shin's method (Shin 1992, 1993; Jullien & Salanie 1994; Strumbelj 2014). A share z of the money
// comes from insiders who know the result; the bookmaker's profit-maximising prices then imply
//   p_i(z) = (sqrt(z^2 + 4 (1 - z) r_i^2 / B) - z) / (2 (1 - z)),
// and z is the value at which the p_i sum to 1. We solve that equation exactly (to machine
// precision) rather than running the slow fixed-point iteration of Jullien & Salanie; with two
// outcomes z has Strumbelj's closed form.
#include <cmath>
#include <utility>

#include "domain/odds/devig.hpp"
#include "domain/odds/devig_common.hpp"
#include "domain/odds/root_finding.hpp"

namespace sharpline::domain::odds {
namespace {

// p(z) rewritten as A / (2 (s + z)) with A = 4 r^2 / B and s = sqrt(z^2 + (1 - z) A): the same
// value without the cancellation of s - z or the division by 1 - z, so z = 1 is harmless.
struct ShinTerm {
  double probability;
  double slope;  // dp/dz, always < 0 because 2 s > |A - 2 z| whenever A < 4
};

ShinTerm shin_term(double a, double z) {
  const double s = std::sqrt(z * z + (1.0 - z) * a);
  const double denominator = s + z;
  return {a / (2.0 * denominator),
          -a * (2.0 * s + 2.0 * z - a) / (4.0 * s * denominator * denominator)};
}

// Strumbelj (2014), two outcomes: z = (B - 1)(d^2 - B) / (B (d^2 - 1)) with d = r_1 - r_2.
double two_way_z(double r1, double r2, double booksum) {
  const double d2 = (r1 - r2) * (r1 - r2);
  return (booksum - 1.0) * (d2 - booksum) / (booksum * (d2 - 1.0));
}

}  // namespace

DevigSummary devig_shin(std::span<const double> decimal_odds, std::span<double> out) {
  const double booksum = detail::load_implied(decimal_odds, out);
  DevigSummary summary{.method = DevigMethod::kShin, .margin = booksum - 1.0};
  double z = out.size() == 2 ? two_way_z(out[0], out[1], booksum) : 0.0;
  for (double& value : out) value = 4.0 * value * value / booksum;  // out holds A_i while solving

  if (out.size() > 2 && booksum != 1.0) {
    const auto f = [out](double zz) {
      double value = -1.0;
      double slope = 0.0;
      for (double a : out) {
        const ShinTerm term = shin_term(a, zz);
        value += term.probability;
        slope += term.slope;
      }
      return std::pair{value, slope};
    };
    // Sum p_i(0) = sqrt(B) and sum p_i(1) = sum r_i^2 / B < 1: an over-round book has its root in
    // (0, 1); an under-round one in (-1, 0), where sum p_i(-1) >= n / 2 >= 1.
    const bool overround = booksum > 1.0;
    const detail::RootResult root =
        detail::find_decreasing_root(f, overround ? 0.0 : -1.0, overround ? 1.0 : 0.0, 0.0);
    z = root.x;
    detail::record_root(root, summary);
  }
  for (double& value : out) value = shin_term(value, z).probability;
  summary.parameter = z;
  // A z of a few ulps below 0 is a fair book's rounding, not an under-round one.
  if (z < -1e-12 && summary.valid) {
    summary.valid = false;
    summary.reason =
        "Shin's z is negative: the book is under-round (booksum < 1), so the insider-trading model "
        "does not apply";
  }
  detail::finish(out, summary, true);
  return summary;
}

}  // namespace sharpline::domain::odds
