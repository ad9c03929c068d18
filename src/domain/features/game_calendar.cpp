#include "domain/features/game_calendar.hpp"

#include "domain/events/civil_days.hpp"

namespace sharpline::domain::features {

int64_t nominal_kickoff_ms(const events::GameDay& day) {
  return (events::days_from_civil(day.year, day.month, day.day) * 86400 + int64_t{18} * 3600) *
         1000;
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
