// The 32 NFL teams as The Odds API names them, for the benchmarks' synthetic quote feeds.
#pragma once

#include <array>
#include <string_view>

namespace sharpline::bench {

inline constexpr std::array<std::string_view, 32> kNflTeams = {
    "Arizona Cardinals", "Atlanta Falcons",      "Baltimore Ravens",     "Buffalo Bills",
    "Carolina Panthers", "Chicago Bears",        "Cincinnati Bengals",   "Cleveland Browns",
    "Dallas Cowboys",    "Denver Broncos",       "Detroit Lions",        "Green Bay Packers",
    "Houston Texans",    "Indianapolis Colts",   "Jacksonville Jaguars", "Kansas City Chiefs",
    "Las Vegas Raiders", "Los Angeles Chargers", "Los Angeles Rams",     "Miami Dolphins",
    "Minnesota Vikings", "New England Patriots", "New Orleans Saints",   "New York Giants",
    "New York Jets",     "Philadelphia Eagles",  "Pittsburgh Steelers",  "San Francisco 49ers",
    "Seattle Seahawks",  "Tampa Bay Buccaneers", "Tennessee Titans",     "Washington Commanders"};

}  // namespace sharpline::bench
