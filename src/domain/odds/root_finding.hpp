// Internal: the one-dimensional solver behind the fitted de-vig methods (power, Shin,
// odds-ratio, logarithmic). Every fitted method reduces to "find the parameter where the fair
// probabilities sum to 1", a monotone equation with a known bracket, so a Newton step guarded by
// bisection converges in a handful of iterations and can never leave the bracket.
#pragma once

#include <cmath>
#include <utility>

namespace sharpline::domain::odds::detail {

struct RootResult {
  double x = 0.0;
  int iterations = 0;
  bool converged = false;
};

// Root of a strictly decreasing f on [lo, hi] with f(lo) >= 0 >= f(hi); the endpoint signs are
// the caller's contract (known analytically), so they are never evaluated. `f(x)` returns
// {f(x), f'(x)}. Starts from x0 (an endpoint is allowed); outside the bracket it starts in the
// middle.
template <class F>
RootResult find_decreasing_root(F&& f, double lo, double hi, double x0, int max_iterations = 100,
                                double x_tolerance = 1e-14) {
  RootResult result;
  double x = (x0 >= lo && x0 <= hi) ? x0 : 0.5 * (lo + hi);
  for (int i = 1; i <= max_iterations; ++i) {
    result.iterations = i;
    const auto [value, slope] = f(x);
    if (value == 0.0) {
      result.x = x;
      result.converged = true;
      return result;
    }
    if (value > 0.0) {
      lo = x;
    } else {
      hi = x;
    }
    const double tolerance = x_tolerance * (1.0 + std::fabs(x));
    double next = x - value / slope;
    const bool newton_usable = slope < 0.0 && std::isfinite(next);
    // A Newton step below the tolerance means x is the root to machine precision (the step may
    // even round back onto x itself, so test it before the bracket check).
    if (newton_usable && std::fabs(next - x) <= tolerance) {
      result.x = next;
      result.converged = true;
      return result;
    }
    // Newton left the bracket (or the slope is useless): fall back to bisection.
    if (!newton_usable || !(next > lo && next < hi)) next = 0.5 * (lo + hi);
    x = next;
    if (hi - lo <= tolerance) {
      result.x = x;
      result.converged = true;
      return result;
    }
  }
  result.x = x;
  return result;
}

}  // namespace sharpline::domain::odds::detail
