#include "domain/market/line_groups.hpp"

#include <map>
#include <set>
#include <tuple>

namespace sharpline::domain::market {
namespace {

bool is_over_under(const std::vector<LineRef>& lines) {
  return !lines.empty() && std::all_of(lines.begin(), lines.end(), [](const LineRef& line) {
    return line.outcome == "Over" || line.outcome == "Under";
  });
}

// Zero without a sign, so -0.0 and 0.0 (pick'em) are one line.
double unsigned_zero(double x) {
  return x == 0.0 ? 0.0 : x;
}

}  // namespace

std::vector<std::vector<std::size_t>> group_lines(const std::vector<LineRef>& lines) {
  // Group key: (kind, a line number identifying the pair). For spreads the key is the point of
  // the alphabetically first team of the market, so A -3 and B +3 share key -3.
  std::set<std::string> names;
  for (const auto& line : lines) names.insert(line.outcome);
  const std::string first_name = names.empty() ? std::string() : *names.begin();
  const bool over_under = is_over_under(lines);

  std::map<std::optional<double>, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    std::optional<double> key;
    if (line.point) {
      const double p = *line.point;
      key = unsigned_zero(over_under || line.outcome == first_name ? p : -p);
    }
    groups[key].push_back(i);
  }
  std::vector<std::vector<std::size_t>> out;
  out.reserve(groups.size());
  for (auto& [key, members] : groups) {
    std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(lines[a].outcome, lines[a].point) <
             std::tie(lines[b].outcome, lines[b].point);
    });
    out.push_back(std::move(members));
  }
  std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
    return std::tie(lines[a.front()].outcome, lines[a.front()].point) <
           std::tie(lines[b.front()].outcome, lines[b.front()].point);
  });
  return out;
}

}  // namespace sharpline::domain::market
