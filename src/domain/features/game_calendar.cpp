#include "domain/features/game_calendar.hpp"

namespace sharpline::domain::features {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const auto mp = static_cast<unsigned>(m > 2 ? m - 3 : m + 9);
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

int64_t nominal_kickoff_ms(const events::GameDay& day) {
  return (days_from_civil(day.year, day.month, day.day) * 86400 + int64_t{18} * 3600) * 1000;
}

int season_of(std::string_view sport, const events::GameDay& day) {
  const auto starts_with = [&sport](std::string_view prefix) { return sport.starts_with(prefix); };
  if (starts_with("americanfootball_")) return day.month <= 2 ? day.year - 1 : day.year;
  if (starts_with("basketball_") || starts_with("icehockey_")) {
    return day.month <= 6 ? day.year - 1 : day.year;
  }
  if (starts_with("soccer_")) return day.month <= 6 ? day.year - 1 : day.year;
  return day.year;
}

}  // namespace sharpline::domain::features
