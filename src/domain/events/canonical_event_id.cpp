#include "domain/events/canonical_event_id.hpp"

#include <charconv>

#include "domain/errors.hpp"
#include "domain/events/civil_days.hpp"

namespace sharpline::domain::events {
namespace {

constexpr int64_t kMsPerHour = 3'600'000;
constexpr int64_t kMsPerDay = 24 * kMsPerHour;

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool valid_day(const GameDay& d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.year < 1800 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1) return false;
  return d.day <= kDays[d.month - 1] + (d.month == 2 && is_leap(d.year) ? 1 : 0);
}

void append_padded(std::string& out, int value, int width) {
  const std::string digits = std::to_string(value);
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out += '0';
  out += digits;
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  if (text.empty()) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

int game_day_offset_hours(std::string_view sport) {
  return sport.starts_with("soccer_") ? 0 : -6;
}

GameDay game_day_of(std::string_view sport, int64_t commence_ms) {
  const int64_t shifted = commence_ms + game_day_offset_hours(sport) * kMsPerHour;
  // Floor division: a game before 1970 still maps to the right day.
  const int64_t days =
      shifted >= 0 ? shifted / kMsPerDay : -((-shifted + kMsPerDay - 1) / kMsPerDay);
  return civil_from_days(days);
}

std::string slug(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_dash = false;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    const bool keep =
        byte >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!keep) {
      pending_dash = !out.empty();
      continue;
    }
    if (pending_dash) out += '-';
    pending_dash = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::string canonical_event_id(const EventIdentity& identity) {
  // The sport key is kept as the feeds spell it (americanfootball_nfl), so it must not contain
  // the id's separators.
  if (identity.sport.empty() || identity.sport.find_first_of(":@ \t\r\n") != std::string::npos)
    throw InvalidInput(
        "event identity: sport key must be non-empty without ':', '@' or spaces, "
        "got '" +
        identity.sport + "'");
  const std::string home = slug(identity.home_team);
  const std::string away = slug(identity.away_team);
  if (home.empty() || away.empty())
    throw InvalidInput("event identity: a team name is empty (home '" + identity.home_team +
                       "', away '" + identity.away_team + "')");
  if (home == away)
    throw InvalidInput("event identity: home and away are the same team '" + identity.home_team +
                       "'");
  if (!valid_day(identity.day))
    throw InvalidInput("event identity: not a calendar date " + std::to_string(identity.day.year) +
                       "-" + std::to_string(identity.day.month) + "-" +
                       std::to_string(identity.day.day));
  if (identity.game_number < 1)
    throw InvalidInput("event identity: game number must be >= 1, got " +
                       std::to_string(identity.game_number));
  std::string id = identity.sport;
  id += ':';
  append_padded(id, identity.day.year, 4);
  id += '-';
  append_padded(id, identity.day.month, 2);
  id += '-';
  append_padded(id, identity.day.day, 2);
  id += ':';
  id += away;
  id += '@';
  id += home;
  if (identity.game_number > 1) {
    id += ":g";
    id += std::to_string(identity.game_number);
  }
  return id;
}

std::optional<ParsedEventId> parse_canonical_event_id(std::string_view id) {
  ParsedEventId parsed;
  const auto first = id.find(':');
  if (first == std::string_view::npos || first == 0) return std::nullopt;
  parsed.sport = std::string(id.substr(0, first));
  std::string_view rest = id.substr(first + 1);
  if (rest.size() < 11 || rest[4] != '-' || rest[7] != '-' || rest[10] != ':') return std::nullopt;
  const auto year = parse_int(rest.substr(0, 4));
  const auto month = parse_int(rest.substr(5, 2));
  const auto day = parse_int(rest.substr(8, 2));
  if (!year || !month || !day) return std::nullopt;
  parsed.day = {*year, *month, *day};
  if (!valid_day(parsed.day)) return std::nullopt;
  rest = rest.substr(11);
  if (const auto suffix = rest.rfind(":g"); suffix != std::string_view::npos) {
    const auto number = parse_int(rest.substr(suffix + 2));
    if (!number || *number < 2) return std::nullopt;
    parsed.game_number = *number;
    rest = rest.substr(0, suffix);
  }
  const auto at = rest.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == rest.size()) return std::nullopt;
  parsed.away_slug = std::string(rest.substr(0, at));
  parsed.home_slug = std::string(rest.substr(at + 1));
  if (slug(parsed.away_slug) != parsed.away_slug || slug(parsed.home_slug) != parsed.home_slug)
    return std::nullopt;
  return parsed;
}

}  // namespace sharpline::domain::events
