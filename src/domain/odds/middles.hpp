// Middles: two bets on opposite sides of a spread or total whose lines leave a gap, so both win
// when the result lands inside it.
//
// Spread: the margin M = score(team 1) - score(team 2). A bet on team 1 at handicap h1 wins when
// M + h1 > 0; a bet on team 2 at handicap h2 wins when h2 - M > 0 (handicaps as quoted for each
// side: team 1 +3.5 is h1 = 3.5, team 2 -2.5 is h2 = -2.5). Both win for -h1 < M < h2.
// Total: over L_o wins when T > L_o, under L_u when T < L_u; both win for L_o < T < L_u.
//
// Stakes are split for an equal payout if only one side wins: s1 = D2 / (D1 + D2), s2 = 1 - s1.
// Then the profit per unit staked is H - 1 if one side wins and 2 H - 1 if both do, where
// H = D1 D2 / (D1 + D2); the middle pays off over many tries when the chance of landing in the
// window exceeds (1 - H) / H.
#pragma once

namespace sharpline::domain::odds {

struct MiddleLeg {
  double line = 0.0;  // handicap for spreads (as quoted for that side), line for totals
  double decimal_odds = 0.0;
};

struct Middle {
  bool is_middle = false;  // the window is non-empty (width > 0)
  double width = 0.0;      // window length; <= 0 means no middle
  double low = 0.0;        // open window (low, high) for the margin or total
  double high = 0.0;
  long long integer_outcomes = 0;  // whole-number results strictly inside the window
  double stake1 = 0.0;
  double stake2 = 0.0;
  double profit_one_side = 0.0;        // per unit staked, when exactly one bet wins
  double profit_both = 0.0;            // per unit staked, when the result lands in the window
  double breakeven_probability = 0.0;  // chance of the window needed for zero EV (0 if sure)
};

// team1: the bet on team 1 with its handicap; team2: the bet on team 2 with its handicap.
Middle spread_middle(const MiddleLeg& team1, const MiddleLeg& team2);
Middle total_middle(const MiddleLeg& over, const MiddleLeg& under);

}  // namespace sharpline::domain::odds
