// Internal helpers shared by the de-vig method files.
#pragma once

#include <span>
#include <string_view>

#include "domain/odds/devig.hpp"
#include "domain/odds/root_finding.hpp"

namespace sharpline::domain::odds::detail {

// Validates the market and the output size; writes r_i = 1/D_i into `out` and returns the booksum.
double load_implied(std::span<const double> decimal_odds, std::span<double> out);

// Rescales `out` to sum to exactly 1 (removing solver rounding) and marks the summary invalid
// when any probability is outside [0, 1] or not finite. Keeps an earlier reason if one is set.
void finish(std::span<double> out, DevigSummary& summary, bool renormalize);

inline constexpr std::string_view kNotConverged = "root finder did not converge";

// Records a solver's outcome in the summary: iterations, and invalid when it did not converge.
inline void record_root(const RootResult& root, DevigSummary& summary) {
  summary.iterations = root.iterations;
  if (!root.converged) {
    summary.valid = false;
    summary.reason = kNotConverged;
  }
}

}  // namespace sharpline::domain::odds::detail
