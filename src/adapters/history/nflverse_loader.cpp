#include "adapters/history/nflverse_loader.hpp"

#include <array>
#include <cstdio>
#include <utility>

#include "adapters/history/civil_time.hpp"
#include "adapters/history/gzip_file.hpp"
#include "adapters/history/row_loader_base.hpp"
#include "adapters/history/table.hpp"
#include "domain/errors.hpp"
#include "domain/events/canonical_event_id.hpp"
#include "domain/odds/formats.hpp"

namespace sharpline::adapters::history {

namespace {

constexpr std::string_view kSport = "americanfootball_nfl";
constexpr int64_t kMsPerHour = 3600LL * 1000;
// An NFL game is final about four hours after kickoff; the file has no result timestamp.
constexpr int64_t kResultLagMs = 4 * kMsPerHour;
constexpr double kKmPerMile = 1.609344;

struct Team {
  std::string_view code;
  std::string_view name;
};

// Spelled as The Odds API spells them; relocated franchises keep their codes of the time.
constexpr std::array<Team, 34> kTeams = {{
    {"ARI", "Arizona Cardinals"},   {"ATL", "Atlanta Falcons"},    {"BAL", "Baltimore Ravens"},
    {"BUF", "Buffalo Bills"},       {"CAR", "Carolina Panthers"},  {"CHI", "Chicago Bears"},
    {"CIN", "Cincinnati Bengals"},  {"CLE", "Cleveland Browns"},   {"DAL", "Dallas Cowboys"},
    {"DEN", "Denver Broncos"},      {"DET", "Detroit Lions"},      {"GB", "Green Bay Packers"},
    {"HOU", "Houston Texans"},      {"IND", "Indianapolis Colts"}, {"JAX", "Jacksonville Jaguars"},
    {"KC", "Kansas City Chiefs"},   {"LA", "Los Angeles Rams"},    {"LAC", "Los Angeles Chargers"},
    {"LV", "Las Vegas Raiders"},    {"MIA", "Miami Dolphins"},     {"MIN", "Minnesota Vikings"},
    {"NE", "New England Patriots"}, {"NO", "New Orleans Saints"},  {"NYG", "New York Giants"},
    {"NYJ", "New York Jets"},       {"OAK", "Oakland Raiders"},    {"PHI", "Philadelphia Eagles"},
    {"PIT", "Pittsburgh Steelers"}, {"SD", "San Diego Chargers"},  {"SEA", "Seattle Seahawks"},
    {"SF", "San Francisco 49ers"},  {"STL", "St. Louis Rams"},     {"TB", "Tampa Bay Buccaneers"},
    {"TEN", "Tennessee Titans"},
}};

constexpr std::array<std::string_view, 6> kExternalIds = {"gsis", "pfr", "pff",
                                                          "espn", "ftn", "old_game_id"};

std::optional<LocalDateTime> parse_gameday(std::string_view text) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  const std::string s(text);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return LocalDateTime{y, m, d, 0, 0};
}

class RowLoader : RowLoaderBase {
 public:
  RowLoader(const Table& table, HistoryBatch& out) : RowLoaderBase(table, out) {}

  void load(const Table::Row& row) {
    if (row.malformed) return reject(row, "unterminated quoted field");
    const std::string game_id(table_.cell(row, "game_id"));
    if (game_id.empty()) return reject(row, "missing game_id");
    const auto season = parse_int(table_.cell(row, "season"));
    if (!season) return reject(row, "bad season");
    // Canonical (franchise) names, as the live feeds' events carry them: OAK and LV are both the
    // Las Vegas Raiders, so ratings and ids follow the franchise across moves and renames.
    const auto home = canonical_team(kSport, table_.cell(row, "home_team"));
    const auto away = canonical_team(kSport, table_.cell(row, "away_team"));
    if (!home || !away) {
      return reject(row, "unknown team code '" + std::string(table_.cell(row, "home_team")) +
                             "' or '" + std::string(table_.cell(row, "away_team")) + "'");
    }
    auto kickoff = parse_gameday(table_.cell(row, "gameday"));
    if (!kickoff)
      return reject(row, "bad gameday '" + std::string(table_.cell(row, "gameday")) + "'");
    const std::string_view time = table_.cell(row, "gametime");
    if (time.empty()) {
      // Early seasons lack kickoff times; 1 pm Eastern is the standard Sunday slot.
      kickoff->hour = 13;
      warn(row, "gametime", time, "is blank: 13:00 US Eastern assumed");
    } else if (!parse_hh_mm(time, *kickoff)) {
      return reject(row, "bad gametime '" + std::string(time) + "'");
    }

    domain::Event event;
    event.sport = std::string(kSport);
    event.league = "NFL";
    event.season = *season;
    event.week = parse_int(table_.cell(row, "week"));
    event.home_team = *home;
    event.away_team = *away;
    event.commence_ms = us_eastern_to_utc_ms(*kickoff);
    try {
      const auto day = domain::events::game_day_of(kSport, event.commence_ms);
      event.event_id = historical_event_id(event, day.year, day.month, day.day);
    } catch (const domain::InvalidInput& invalid) {
      return reject(row, invalid.what());
    }
    event.neutral_site = table_.cell(row, "location") == "Neutral";
    if (const auto stadium = table_.cell(row, "stadium"); !stadium.empty()) {
      event.venue = std::string(stadium);
    }
    event.source = std::string(kNflverseSource);
    event.updated_ms = event.commence_ms;
    event.external_ids[std::string(kNflverseSource)] = game_id;
    for (const auto id : kExternalIds) {
      if (const auto value = table_.cell(row, id); !value.empty()) {
        event.external_ids[std::string(id)] = std::string(value);
      }
    }

    add_result(row, event);
    add_quotes(row, event);
    add_weather(row, event);
    out_.events.push_back(std::move(event));
  }

 private:
  void add_result(const Table::Row& row, domain::Event& event) {
    const auto home_score = parse_int(table_.cell(row, "home_score"));
    const auto away_score = parse_int(table_.cell(row, "away_score"));
    if (!home_score || !away_score) return;
    domain::GameResult result = final_result(event, *home_score, *away_score, kResultLagMs);
    result.period = table_.cell(row, "overtime") == "1" ? "OT" : "FT";
    add_final(event, std::move(result), out_);
  }

  // Two American prices for one market, or none: a market with one side missing is dropped.
  void add_pair(const Table::Row& row, const domain::Event& event, std::string_view market,
                std::pair<std::string, std::string_view> first,
                std::pair<std::string, std::string_view> second, std::optional<double> first_point,
                std::optional<double> second_point) {
    const auto a = number(row, first.second);
    const auto b = number(row, second.second);
    if (!a || !b) return;
    double price_a = 0.0;
    double price_b = 0.0;
    try {
      price_a = domain::odds::american_to_decimal(*a);
      price_b = domain::odds::american_to_decimal(*b);
    } catch (const domain::InvalidInput&) {
      return warn(row, first.second, table_.cell(row, first.second),
                  "or its pair is not an American price");
    }
    push_quote(event, market, first.first, first_point, price_a);
    push_quote(event, market, second.first, second_point, price_b);
  }

  void push_quote(const domain::Event& event, std::string_view market, const std::string& outcome,
                  std::optional<double> point, double price) {
    domain::OddsQuote quote;
    quote.event_id = event.event_id;
    quote.sport = event.sport;
    quote.commence_ms = event.commence_ms;
    quote.bookmaker = std::string(kNflverseBookmaker);
    quote.market = std::string(market);
    quote.outcome = outcome;
    quote.point = point;
    quote.price = price;
    quote.observed_ms = event.commence_ms - kClosingLeadMs;
    quote.source = event.source;
    quote.is_closing = true;
    out_.quotes.push_back(std::move(quote));
  }

  void add_quotes(const Table::Row& row, const domain::Event& event) {
    add_pair(row, event, "h2h", {event.home_team, "home_moneyline"},
             {event.away_team, "away_moneyline"}, std::nullopt, std::nullopt);
    // spread_line is positive when the home team is favoured, i.e. home gives the points.
    if (const auto spread = number(row, "spread_line")) {
      add_pair(row, event, "spreads", {event.home_team, "home_spread_odds"},
               {event.away_team, "away_spread_odds"}, -*spread, *spread);
    }
    if (const auto total = number(row, "total_line")) {
      add_pair(row, event, "totals", {"Over", "over_odds"}, {"Under", "under_odds"}, *total,
               *total);
    }
  }

  void add_weather(const Table::Row& row, const domain::Event& event) {
    const auto temp_f = number(row, "temp");
    const auto wind_mph = number(row, "wind");
    const std::string_view roof = table_.cell(row, "roof");
    if (!temp_f && !wind_mph && roof.empty()) return;
    domain::WeatherReport report;
    report.event_id = event.event_id;
    report.venue = event.venue;
    report.forecast_for_ms = event.commence_ms - event.commence_ms % kMsPerHour;
    report.kind = "observed";
    if (temp_f) report.temperature_c = (*temp_f - 32.0) * 5.0 / 9.0;
    if (wind_mph) report.wind_speed_kmh = *wind_mph * kKmPerMile;
    if (!roof.empty()) report.roof = std::string(roof);
    report.observed_ms = event.commence_ms;
    report.source = event.source;
    out_.weather.push_back(std::move(report));
  }
};

}  // namespace

std::optional<std::string> nflverse_team_name(std::string_view code, int season) {
  if (code == "WAS") {
    if (season >= 2022) return "Washington Commanders";
    if (season >= 2020) return "Washington Football Team";
    return "Washington Redskins";
  }
  for (const auto& team : kTeams) {
    if (team.code == code) return std::string(team.name);
  }
  return std::nullopt;
}

HistoryBatch load_nflverse_games(const std::filesystem::path& path) {
  return load_nflverse_games_text(read_gzip_file(path), path.filename().string());
}

HistoryBatch load_nflverse_games_text(std::string_view text, std::string name) {
  return load_table_text<RowLoader>(text, std::move(name));
}

}  // namespace sharpline::adapters::history
