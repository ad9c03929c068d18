#include "adapters/history/football_data_loader.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <unordered_map>
#include <utility>
#include <vector>

#include "adapters/history/civil_time.hpp"
#include "adapters/history/gzip_file.hpp"
#include "adapters/history/row_loader_base.hpp"
#include "adapters/history/table.hpp"
#include "domain/errors.hpp"

namespace sharpline::adapters::history {

namespace {

constexpr int64_t kMsPerHour = 3600LL * 1000;
// A match is final about two hours after kickoff; the files do not say when results arrived.
constexpr int64_t kResultLagMs = 2 * kMsPerHour;

struct Book {
  std::string_view prefix;
  std::string_view key;
};

// 1X2 columns are <prefix>H/D/A, closing <prefix>CH/CD/CA.
constexpr std::array<Book, 14> kOneXTwoBooks = {{
    {"B365", "bet365"},
    {"BW", "bwin"},
    {"IW", "interwetten"},
    {"PS", "pinnacle"},
    {"WH", "williamhill"},
    {"VC", "betvictor"},
    {"LB", "ladbrokes"},
    {"SJ", "stanjames"},
    {"GB", "gamebookers"},
    {"BS", "bluesquare"},
    {"Max", "market_max"},
    {"Avg", "market_avg"},
    {"BbMx", "betbrain_max"},
    {"BbAv", "betbrain_avg"},
}};

// Over/under 2.5 columns are <prefix>>2.5 and <prefix><2.5, closing <prefix>C>2.5.
constexpr std::array<Book, 6> kTotalsBooks = {{
    {"B365", "bet365"},
    {"P", "pinnacle"},
    {"Max", "market_max"},
    {"Avg", "market_avg"},
    {"BbMx", "betbrain_max"},
    {"BbAv", "betbrain_avg"},
}};

struct Stat {
  std::string_view home_column;
  std::string_view away_column;
  std::string_view name;
};

constexpr std::array<Stat, 7> kStats = {{
    {"HS", "AS", "shots"},
    {"HST", "AST", "shots_on_target"},
    {"HF", "AF", "fouls"},
    {"HC", "AC", "corners"},
    {"HY", "AY", "yellow_cards"},
    {"HR", "AR", "red_cards"},
    {"HTHG", "HTAG", "half_time_goals"},
}};

// pandas re-saved the F1 files and renamed `X>2.5` to `X_2_5` and `X<2.5` to `X_2_5_1`.
void undo_pandas_renames(Table& table) {
  std::unordered_map<std::string, std::string> renames;
  for (const auto& name : table.header()) {
    if (name.ends_with("_2_5_1")) {
      renames[name] = name.substr(0, name.size() - 6) + "<2.5";
    } else if (name.ends_with("_2_5")) {
      renames[name] = name.substr(0, name.size() - 4) + ">2.5";
    }
  }
  if (!renames.empty()) table.rename_columns(renames);
}

// dd/mm/yy (20yy) or dd/mm/yyyy.
std::optional<LocalDateTime> parse_date(std::string_view text) {
  int d = 0, m = 0, y = 0;
  char tail = 0;
  const std::string s(text);
  if (std::sscanf(s.c_str(), "%2d/%2d/%4d%c", &d, &m, &y, &tail) != 3) return std::nullopt;
  const auto slash = s.rfind('/');
  const std::size_t year_digits = s.size() - slash - 1;
  if (year_digits == 2) {
    y += 2000;
  } else if (year_digits != 4) {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return LocalDateTime{y, m, d, 0, 0};
}

std::string iso_date(const LocalDateTime& d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buffer;
}

// The season a file covers, from its name `<Div>_<YYZZ>...` (2019/20 ran into August 2020, so
// kickoff months cannot tell seasons apart); nullopt for other names.
std::optional<int> season_from_file_name(std::string_view name) {
  const auto underscore = name.find('_');
  if (underscore == std::string_view::npos || name.size() < underscore + 5) return std::nullopt;
  const std::string_view yyzz = name.substr(underscore + 1, 4);
  if (!std::all_of(yyzz.begin(), yyzz.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const int yy = (yyzz[0] - '0') * 10 + (yyzz[1] - '0');
  const int zz = (yyzz[2] - '0') * 10 + (yyzz[3] - '0');
  if ((yy + 1) % 100 != zz) return std::nullopt;
  return 2000 + yy;
}

class RowLoader : RowLoaderBase {
 public:
  RowLoader(const Table& table, HistoryBatch& out)
      : RowLoaderBase(table, out), file_season_(season_from_file_name(table.name())) {}

  void load(const Table::Row& row) {
    if (row.malformed) return reject(row, "unterminated quoted field");
    const std::string div(table_.cell(row, "Div"));
    const std::string home(table_.cell(row, "HomeTeam"));
    const std::string away(table_.cell(row, "AwayTeam"));
    if (home.empty() || away.empty()) return reject(row, "missing HomeTeam or AwayTeam");
    const auto division = football_division(div);
    if (!division) return reject(row, "unknown Div '" + div + "'");
    auto kickoff = parse_date(table_.cell(row, "Date"));
    if (!kickoff) return reject(row, "bad Date '" + std::string(table_.cell(row, "Date")) + "'");
    const std::string_view time = table_.cell(row, "Time");
    if (time.empty()) {
      kickoff->hour = 15;  // Saturday 3 pm, the traditional UK kickoff, when Time is absent.
    } else if (!parse_hh_mm(time, *kickoff)) {
      return reject(row, "bad Time '" + std::string(time) + "'");
    }

    const std::string key = div + ":" + iso_date(*kickoff) + ":" + home + ":" + away;
    domain::Event event;
    event.sport = division->sport;
    event.league = division->league;
    // Without a season in the file name: seasons start in July or later.
    event.season = file_season_.value_or(kickoff->month >= 7 ? kickoff->year : kickoff->year - 1);
    const auto home_team = canonical_team(division->sport, home);
    const auto away_team = canonical_team(division->sport, away);
    if (!home_team || !away_team)
      return reject(row, "unknown team '" + (home_team ? away : home) + "' for " + division->sport);
    event.home_team = *home_team;
    event.away_team = *away_team;
    event.commence_ms = uk_local_to_utc_ms(*kickoff);
    event.source = std::string(kFootballDataSource);
    event.updated_ms = event.commence_ms;
    event.external_ids[std::string(kFootballDataSource)] = key;
    try {
      // The Date column is the UK date, which is the UTC date of every kick-off
      // (docs/event-ids.md).
      event.event_id = historical_event_id(event, kickoff->year, kickoff->month, kickoff->day);
    } catch (const domain::InvalidInput& invalid) {
      return reject(row, invalid.what());
    }

    add_result(row, event);
    add_quotes(row, event);
    out_.events.push_back(std::move(event));
  }

 private:
  std::optional<int> file_season_;

  void add_result(const Table::Row& row, domain::Event& event) {
    const auto home_goals = parse_int(table_.cell(row, "FTHG"));
    const auto away_goals = parse_int(table_.cell(row, "FTAG"));
    if (!home_goals || !away_goals) return;
    domain::GameResult result = final_result(event, *home_goals, *away_goals, kResultLagMs);
    result.period = "FT";
    for (const auto& stat : kStats) {
      if (const auto v = number(row, stat.home_column))
        result.home_stats[std::string(stat.name)] = *v;
      if (const auto v = number(row, stat.away_column))
        result.away_stats[std::string(stat.name)] = *v;
    }
    add_final(event, std::move(result), out_);
  }

  void add_quotes(const Table::Row& row, const domain::Event& event) {
    const int64_t opening = event.commence_ms - kFootballDataOpeningLeadMs;
    const int64_t closing = event.commence_ms - kClosingLeadMs;
    for (const auto& book : kOneXTwoBooks) {
      for (const bool is_closing : {false, true}) {
        const std::string stem = std::string(book.prefix) + (is_closing ? "C" : "");
        const int64_t at = is_closing ? closing : opening;
        add_price(row, event, book.key, "h2h_3way", event.home_team, std::nullopt, stem + "H", at,
                  is_closing);
        add_price(row, event, book.key, "h2h_3way", "Draw", std::nullopt, stem + "D", at,
                  is_closing);
        add_price(row, event, book.key, "h2h_3way", event.away_team, std::nullopt, stem + "A", at,
                  is_closing);
      }
    }
    for (const auto& book : kTotalsBooks) {
      for (const bool is_closing : {false, true}) {
        const std::string stem = std::string(book.prefix) + (is_closing ? "C" : "");
        const int64_t at = is_closing ? closing : opening;
        add_price(row, event, book.key, "totals", "Over", 2.5, stem + ">2.5", at, is_closing);
        add_price(row, event, book.key, "totals", "Under", 2.5, stem + "<2.5", at, is_closing);
      }
    }
  }

  void add_price(const Table::Row& row, const domain::Event& event, std::string_view bookmaker,
                 std::string_view market, const std::string& outcome, std::optional<double> point,
                 const std::string& column, int64_t observed_ms, bool is_closing) {
    const auto price = number(row, column);
    if (!price) return;
    if (!(*price > 1.0))
      return warn(row, column, table_.cell(row, column), "is not a decimal price > 1");
    domain::OddsQuote quote;
    quote.event_id = event.event_id;
    quote.sport = event.sport;
    quote.commence_ms = event.commence_ms;
    quote.bookmaker = std::string(bookmaker);
    quote.market = std::string(market);
    quote.outcome = outcome;
    quote.point = point;
    quote.price = *price;
    quote.observed_ms = observed_ms;
    quote.source = event.source;
    quote.is_closing = is_closing;
    out_.quotes.push_back(std::move(quote));
  }
};

}  // namespace

std::optional<FootballDivision> football_division(std::string_view div) {
  if (div == "E0") return FootballDivision{"soccer_epl", "Premier League"};
  if (div == "E1") return FootballDivision{"soccer_efl_champ", "Championship"};
  if (div == "D1") return FootballDivision{"soccer_germany_bundesliga", "Bundesliga"};
  if (div == "I1") return FootballDivision{"soccer_italy_serie_a", "Serie A"};
  if (div == "SP1") return FootballDivision{"soccer_spain_la_liga", "La Liga"};
  if (div == "F1") return FootballDivision{"soccer_france_ligue_one", "Ligue 1"};
  return std::nullopt;
}

HistoryBatch load_football_data_file(const std::filesystem::path& path) {
  return load_football_data_text(read_gzip_file(path), path.filename().string());
}

HistoryBatch load_football_data_text(std::string_view text, std::string name) {
  Table table = Table::parse(text, std::move(name));
  undo_pandas_renames(table);
  HistoryBatch out;
  RowLoader loader(table, out);
  load_each_row(table, out, loader);
  return out;
}

HistoryBatch load_football_data_dir(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && (name.ends_with(".csv") || name.ends_with(".csv.gz"))) {
      files.push_back(entry.path());
    }
  }
  if (ec) throw HistoryFileError(dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  HistoryBatch all;
  for (const auto& file : files) all.append(load_football_data_file(file));
  return all;
}

}  // namespace sharpline::adapters::history
