// Deterministic downsampling for long series (a bankroll curve can have tens of thousands of
// bets; an SVG polyline with that many points is slow and no more legible than ~1500).
#pragma once

#include <cstddef>
#include <vector>

namespace sharpline::backtest {

// Indices into `values` (ascending, at most max_points, max_points >= 4) that keep the first and
// last point and the minimum and maximum of each of the equal-width buckets between them, so
// peaks and troughs (the drawdowns a reader looks for) survive. Every index when values.size()
// <= max_points.
std::vector<std::size_t> downsample_min_max(const std::vector<double>& values,
                                            std::size_t max_points);

}  // namespace sharpline::backtest
