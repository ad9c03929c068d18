// Which outcomes of a market form one bettable line: the outcomes that are mutually exclusive and
// exhaustive together, so they can be de-vigged, arbitraged and Kelly-staked as a set.
//
//   no points (h2h, h2h_3way):  every outcome of the market is one group
//   Over/Under (totals):        Over L with Under L
//   anything else with points (spreads): team A at p with team B at -p
//
// An outcome without its partner (only one side quoted at that line) forms a group of one;
// callers skip groups smaller than two.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace sharpline::domain::market {

struct LineRef {
  std::string outcome;
  std::optional<double> point;
};

// Groups of indices into `lines` (distinct outcome/point pairs), each group's outcomes in
// name order; groups ordered by their first outcome's name and point.
std::vector<std::vector<std::size_t>> group_lines(const std::vector<LineRef>& lines);

template <typename T>
std::vector<std::vector<std::size_t>> group_lines_of(const std::vector<T>& items) {
  std::vector<LineRef> refs;
  refs.reserve(items.size());
  for (const auto& item : items) refs.push_back({item.outcome, item.point});
  return group_lines(refs);
}

}  // namespace sharpline::domain::market
