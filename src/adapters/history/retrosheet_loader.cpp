#include "adapters/history/retrosheet_loader.hpp"

#include <cstdio>
#include <string>
#include <utility>

#include "adapters/history/gzip_file.hpp"
#include "adapters/history/row_loader_base.hpp"
#include "adapters/history/table.hpp"
#include "domain/errors.hpp"

namespace sharpline::adapters::history {

namespace {

constexpr std::string_view kSport = "baseball_mlb";
constexpr int64_t kMsPerHour = 3600LL * 1000;
constexpr int64_t kResultLagMs = 4 * kMsPerHour;
constexpr double kKmPerMile = 1.609344;

enum class Rule { kUs, kUk, kFixed };

struct Park {
  std::string_view prefix;  // park ids are a 3-letter city code plus a number
  Rule rule;
  int offset_h;  // standard offset from UTC
};

// Every city code in the 2019-2024 files. Mexico has had no daylight saving since October 2022
// (Mexico City games: 2023, 2024); the Monterrey games (April/May 2019) were in its daylight
// time, UTC-5.
constexpr Park kParks[] = {
    {"ANA", Rule::kUs, -8},    {"ARL", Rule::kUs, -6},    {"ATL", Rule::kUs, -5},
    {"BAL", Rule::kUs, -5},    {"BIR", Rule::kUs, -6},    {"BOS", Rule::kUs, -5},
    {"BUF", Rule::kUs, -5},    {"CHI", Rule::kUs, -6},    {"CIN", Rule::kUs, -5},
    {"CLE", Rule::kUs, -5},    {"DEN", Rule::kUs, -7},    {"DET", Rule::kUs, -5},
    {"DUN", Rule::kUs, -5},    {"DYE", Rule::kUs, -6},    {"HOU", Rule::kUs, -6},
    {"KAN", Rule::kUs, -6},    {"LON", Rule::kUk, 0},     {"LOS", Rule::kUs, -8},
    {"MEX", Rule::kFixed, -6}, {"MIA", Rule::kUs, -5},    {"MIL", Rule::kUs, -6},
    {"MIN", Rule::kUs, -6},    {"MNT", Rule::kFixed, -5}, {"NYC", Rule::kUs, -5},
    {"OAK", Rule::kUs, -8},    {"OMA", Rule::kUs, -6},    {"PHI", Rule::kUs, -5},
    {"PHO", Rule::kFixed, -7}, {"PIT", Rule::kUs, -5},    {"SAN", Rule::kUs, -8},
    {"SEA", Rule::kUs, -8},    {"SEO", Rule::kFixed, 9},  {"SFO", Rule::kUs, -8},
    {"STL", Rule::kUs, -6},    {"STP", Rule::kUs, -5},    {"TOK", Rule::kFixed, 9},
    {"TOR", Rule::kUs, -5},    {"WAS", Rule::kUs, -5},    {"WIL", Rule::kUs, -5},
};

// yyyymmdd
std::optional<LocalDateTime> parse_date(std::string_view text) {
  const auto value = parse_int(text);
  if (!value || text.size() != 8) return std::nullopt;
  const int y = *value / 10000, m = *value / 100 % 100, d = *value % 100;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return LocalDateTime{y, m, d, 0, 0};
}

// "7:05PM", "12:10PM"
bool parse_start(std::string_view text, LocalDateTime& at) {
  int h = 0, m = 0;
  char half[3] = {};
  const std::string s(text);
  if (std::sscanf(s.c_str(), "%2d:%2d%2c", &h, &m, half) != 3) return false;
  const std::string_view suffix(half, 2);
  if (h < 1 || h > 12 || m < 0 || m > 59 || (suffix != "AM" && suffix != "PM")) return false;
  at.hour = h % 12 + (suffix == "PM" ? 12 : 0);
  at.minute = m;
  return true;
}

class RowLoader : RowLoaderBase {
 public:
  RowLoader(const Table& table, HistoryBatch& out) : RowLoaderBase(table, out) {}

  void load(const Table::Row& row) {
    if (row.malformed) return reject(row, "unterminated quoted field");
    const std::string gid(table_.cell(row, "gid"));
    const std::string home(table_.cell(row, "hometeam"));
    const std::string visitor(table_.cell(row, "visteam"));
    if (gid.empty() || home.empty() || visitor.empty()) return reject(row, "missing gid or team");
    auto start = parse_date(table_.cell(row, "date"));
    if (!start) return reject(row, "bad date '" + std::string(table_.cell(row, "date")) + "'");
    if (!parse_start(table_.cell(row, "starttime"), *start)) {
      return reject(row, "bad starttime '" + std::string(table_.cell(row, "starttime")) + "'");
    }
    const std::string site(table_.cell(row, "site"));
    const auto commence = retrosheet_park_local_to_utc_ms(site, *start);
    if (!commence) return reject(row, "park '" + site + "' has no known time zone");

    const auto home_team = canonical_team(kSport, home);
    const auto away_team = canonical_team(kSport, visitor);
    if (!home_team || !away_team)
      return reject(row, "unknown team '" + (home_team ? visitor : home) + "' for baseball_mlb");

    domain::Event event;
    event.sport = std::string(kSport);
    event.league = "MLB";
    event.season = parse_int(table_.cell(row, "season"));
    event.home_team = *home_team;
    event.away_team = *away_team;
    event.commence_ms = *commence;
    try {
      // gid ends with the game number: 0 for a single game, 1 and 2 for a doubleheader's.
      const int game = gid.back() == '2' ? 2 : 1;
      event.event_id = historical_event_id(event, start->year, start->month, start->day, game);
    } catch (const domain::InvalidInput& invalid) {
      return reject(row, invalid.what());
    }
    event.venue = site;
    event.source = std::string(kRetrosheetSource);
    event.updated_ms = event.commence_ms;
    event.external_ids[std::string(kRetrosheetSource)] = gid;

    add_result(row, event);
    add_weather(row, event);
    out_.events.push_back(std::move(event));
  }

 private:
  void add_result(const Table::Row& row, domain::Event& event) {
    const auto home = parse_int(table_.cell(row, "hruns"));
    const auto away = parse_int(table_.cell(row, "vruns"));
    if (!home || !away) return;
    domain::GameResult result = final_result(event, *home, *away, kResultLagMs);
    if (const auto innings = parse_int(table_.cell(row, "innings"))) {
      result.period = std::to_string(*innings);  // innings played, e.g. 9, 10, 7 (shortened)
    }
    add_final(event, std::move(result), out_);
  }

  void add_weather(const Table::Row& row, const domain::Event& event) {
    domain::WeatherReport report;
    report.event_id = event.event_id;
    report.venue = event.venue;
    report.forecast_for_ms = event.commence_ms - event.commence_ms % kMsPerHour;
    report.kind = "observed";
    // Retrosheet codes unknown values as temp 0 and windspeed -1.
    if (const auto temp_f = parse_number(table_.cell(row, "temp")); temp_f && *temp_f != 0.0) {
      report.temperature_c = (*temp_f - 32.0) * 5.0 / 9.0;
    }
    if (const auto mph = parse_number(table_.cell(row, "windspeed")); mph && *mph >= 0.0) {
      report.wind_speed_kmh = *mph * kKmPerMile;
    }
    // Only "none" gives an amount (0 mm); drizzle, rain and snow have no amount in the file.
    if (table_.cell(row, "precip") == "none") report.precipitation_mm = 0.0;
    if (table_.cell(row, "sky") == "dome") report.roof = "dome";
    report.observed_ms = event.commence_ms;
    report.source = event.source;
    out_.weather.push_back(std::move(report));
  }
};

}  // namespace

std::optional<int64_t> retrosheet_park_local_to_utc_ms(std::string_view site,
                                                       const LocalDateTime& local) {
  if (site.size() < 3) return std::nullopt;
  for (const auto& park : kParks) {
    if (park.prefix != site.substr(0, 3)) continue;
    switch (park.rule) {
      case Rule::kUs:
        return us_local_to_utc_ms(local, park.offset_h);
      case Rule::kUk:
        return uk_local_to_utc_ms(local);
      case Rule::kFixed:
        return fixed_offset_to_utc_ms(local, park.offset_h);
    }
  }
  return std::nullopt;
}

HistoryBatch load_retrosheet_gameinfo(const std::filesystem::path& path) {
  return load_retrosheet_gameinfo_text(read_gzip_file(path), path.filename().string());
}

HistoryBatch load_retrosheet_gameinfo_text(std::string_view text, std::string name) {
  return load_table_text<RowLoader>(text, std::move(name));
}

}  // namespace sharpline::adapters::history
