#include "domain/opportunities/tiers.hpp"

namespace sharpline::domain::opportunities {

std::string value_tier(double ev, int books) {
  if (ev >= 0.05 && books >= 6) return "A";
  if (ev >= 0.03 && books >= 4) return "B";
  if (ev >= 0.02) return "C";
  return "D";
}

std::string arbitrage_tier(double return_rate) {
  if (return_rate >= 0.02) return "A";
  if (return_rate >= 0.01) return "B";
  if (return_rate >= 0.005) return "C";
  return "D";
}

std::string middle_tier(long long whole_results, double cost) {
  if (whole_results >= 2 && cost <= 0.025) return "A";
  if (whole_results >= 1 && cost <= 0.025) return "B";
  if (cost <= 0.04) return "C";
  return "D";
}

std::string steam_tier(std::size_t books_moved, double ev) {
  if (books_moved >= 5 && ev >= 0.02) return "A";
  if (books_moved >= 4 || ev >= 0.01) return "B";
  if (books_moved >= 3) return "C";
  return "D";
}

}  // namespace sharpline::domain::opportunities
