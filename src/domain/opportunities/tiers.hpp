// Tiers A (best) to D of an opportunity, from its edge and the confidence in it. The rules
// (also in docs/pipeline.md):
//
//   value      A: EV >= 5% and >= 6 books;  B: EV >= 3% and >= 4 books;  C: EV >= 2%;  else D
//   arbitrage  A: return >= 2%;  B: >= 1%;  C: >= 0.5%;  else D
//   middle     A: >= 2 whole-number results in the window and cost <= 2.5%;
//              B: >= 1 and cost <= 2.5%;  C: cost <= 4%;  else D
//   steam      A: >= 5 books moved and EV >= 2%;  B: >= 4 books or EV >= 1%;  C: >= 3 books;
//              else D
// "books" is the number of books quoting the leg's line; "cost" is the loss per unit staked
// when only one side of a middle wins.
#pragma once

#include <string>

namespace sharpline::domain::opportunities {

std::string value_tier(double ev, int books);
std::string arbitrage_tier(double return_rate);
std::string middle_tier(long long whole_results, double cost);
std::string steam_tier(std::size_t books_moved, double ev);

}  // namespace sharpline::domain::opportunities
