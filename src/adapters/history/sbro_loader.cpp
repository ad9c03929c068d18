#include "adapters/history/sbro_loader.hpp"

#include <cstdio>
#include <string>
#include <utility>

#include "adapters/history/civil_time.hpp"
#include "adapters/history/gzip_file.hpp"
#include "adapters/history/row_loader_base.hpp"
#include "adapters/history/table.hpp"
#include "domain/errors.hpp"
#include "domain/events/event_linker.hpp"
#include "domain/odds/formats.hpp"

namespace sharpline::adapters::history {

namespace {

constexpr int64_t kMsPerHour = 3600LL * 1000;
// The archive has dates but no start times: games are placed at noon US Eastern of their date,
// before nearly every real start, so that closing lines stamped before it stay pre-game.
constexpr int kAssumedStartHourEastern = 12;
constexpr int64_t kResultLagMs = 12 * kMsPerHour;

struct League {
  std::string_view prefix;
  std::string_view sport;
  std::string_view name;
  bool spread_total_columns;  // NBA/NFL: spread and total share the Open/Close columns
};

constexpr League kLeagues[] = {
    {"mlb", "baseball_mlb", "MLB", false},
    {"nhl", "icehockey_nhl", "NHL", false},
    {"nba", "basketball_nba", "NBA", true},
    {"nfl", "americanfootball_nfl", "NFL", true},
};

struct FileInfo {
  const League* league = nullptr;
  int first_year = 0;
};

FileInfo parse_file_name(const std::string& name) {
  for (const auto& league : kLeagues) {
    const std::string stem = std::string(league.prefix) + "_odds_";
    int year = 0;
    if (name.starts_with(stem) && std::sscanf(name.c_str() + stem.size(), "%4d", &year) == 1 &&
        year > 1900) {
      return {&league, year};
    }
  }
  throw HistoryFileError(name + ": file name does not match <league>_odds_<year>");
}

// "-1.5(+110)": the MLB 2014-2017 run line with its price in one cell.
std::optional<std::pair<double, double>> parse_line_with_price(std::string_view cell) {
  const auto open = cell.find('(');
  if (open == std::string_view::npos || !cell.ends_with(")")) return std::nullopt;
  const auto line = parse_number(cell.substr(0, open));
  const auto price = parse_number(cell.substr(open + 1, cell.size() - open - 2));
  if (!line || !price) return std::nullopt;
  return std::make_pair(*line, *price);
}

class PairLoader {
 public:
  PairLoader(const Table& table, const FileInfo& info, HistoryBatch& out)
      : table_(table), info_(info), out_(out), year_(info.first_year) {}

  void load(const Table::Row& v, const Table::Row& h) {
    const std::string_view date = table_.cell(v, "Date");
    const auto mmdd = parse_int(date);
    if (!mmdd || *mmdd / 100 < 1 || *mmdd / 100 > 12) {
      return reject_pair(v, h, "bad Date '" + std::string(date) + "'");
    }
    const int month = *mmdd / 100;
    const int day = *mmdd % 100;
    // Dates have no year; files run in date order, so a smaller month starts the next year.
    if (month < previous_month_) ++year_;
    previous_month_ = month;
    if (day < 1 || day > days_in_month(year_, month)) {
      return reject_pair(v, h, "bad Date '" + std::string(date) + "'");
    }
    const std::string visitor(table_.cell(v, "Team"));
    const std::string home(table_.cell(h, "Team"));
    if (visitor.empty() || home.empty()) return reject_pair(v, h, "missing Team");

    const std::string sport(info_.league->sport);
    const auto home_team = canonical_team(sport, home);
    const auto away_team = canonical_team(sport, visitor);
    if (!home_team || !away_team)
      return reject_pair(v, h, "unknown team '" + (home_team ? visitor : home) + "' for " + sport);

    char iso[32];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year_, month, day);
    // The file's own key for the game; the rotation number tells a doubleheader's games apart.
    const std::string source_id = std::string(info_.league->prefix) + ":" + iso + ":" + visitor +
                                  "@" + home + ":" + std::string(table_.cell(v, "Rot"));
    domain::Event event;
    event.sport = sport;
    event.league = std::string(info_.league->name);
    event.season = info_.first_year;
    event.home_team = *home_team;
    event.away_team = *away_team;
    event.commence_ms = us_eastern_to_utc_ms({year_, month, day, kAssumedStartHourEastern, 0});
    event.neutral_site = table_.cell(v, "VH") == "N";
    event.source = std::string(kSbroSource);
    event.updated_ms = event.commence_ms;
    event.external_ids[std::string(kSbroSource)] = source_id;
    try {
      // Rows run in date order, so a doubleheader's games are numbered in file order.
      event.event_id = linker_.link(kSbroSource, source_id,
                                    {sport, event.home_team, event.away_team, {year_, month, day}});
    } catch (const domain::InvalidInput& invalid) {
      return reject_pair(v, h, invalid.what());
    }

    add_result(v, h, event);
    add_moneylines(v, h, event);
    if (info_.league->spread_total_columns) {
      add_spread_and_total(v, h, event, "Open");
      add_spread_and_total(v, h, event, "Close");
    } else {
      add_handicap(v, h, event);
      add_priced_total(v, h, event, table_.column("Open OU") ? "Open OU" : "OpenOU", false);
      add_priced_total(v, h, event, table_.column("Close OU") ? "Close OU" : "CloseOU", true);
    }
    out_.events.push_back(std::move(event));
  }

 private:
  const Table& table_;
  const FileInfo& info_;
  HistoryBatch& out_;
  domain::events::EventLinker linker_;
  int year_;
  int previous_month_ = 0;

  void reject_pair(const Table::Row& v, const Table::Row& h, const std::string& reason) {
    out_.rejected.push_back({table_.name(), v.line, reason, raw_row(table_, v)});
    out_.rejected.push_back({table_.name(), h.line, reason, raw_row(table_, h)});
  }
  void warn(const Table::Row& row, std::string_view column, std::string_view why) {
    out_.warnings.push_back({table_.name(),
                             row.line,
                             std::string(column) + " '" + std::string(table_.cell(row, column)) +
                                 "' " + std::string(why),
                             {}});
  }

  void add_result(const Table::Row& v, const Table::Row& h, domain::Event& event) {
    const auto away = parse_int(table_.cell(v, "Final"));
    const auto home = parse_int(table_.cell(h, "Final"));
    if (!away || !home) return;
    add_final(event, final_result(event, *home, *away, kResultLagMs), out_);
  }

  void push(const domain::Event& event, std::string_view market, const std::string& outcome,
            std::optional<double> point, double price, bool is_closing) {
    domain::OddsQuote q;
    q.event_id = event.event_id;
    q.sport = event.sport;
    q.commence_ms = event.commence_ms;
    q.bookmaker = std::string(kSbroBookmaker);
    q.market = std::string(market);
    q.outcome = outcome;
    q.point = point;
    q.price = price;
    q.observed_ms = event.commence_ms - (is_closing ? kClosingLeadMs : kSbroOpeningLeadMs);
    q.source = event.source;
    q.is_closing = is_closing;
    out_.quotes.push_back(std::move(q));
  }

  // An American price from a cell; NL, `-` and blanks are silently absent, junk is warned.
  std::optional<double> american(const Table::Row& row, std::optional<std::size_t> column,
                                 std::string_view name) {
    const std::string_view text = Table::cell(row, column);
    const auto value = parse_number(text);
    if (!value) {
      if (!text.empty() && text != "NL" && text != "-" && text != "x") {
        warn(row, name, "is not an American price");
      }
      return std::nullopt;
    }
    try {
      return domain::odds::american_to_decimal(*value);
    } catch (const domain::InvalidInput&) {
      warn(row, name, "is not an American price");
      return std::nullopt;
    }
  }

  void add_moneylines(const Table::Row& v, const Table::Row& h, const domain::Event& event) {
    const auto add = [&](std::string_view column, bool is_closing) {
      const auto away = american(v, table_.column(column), column);
      const auto home = american(h, table_.column(column), column);
      if (!away || !home) return;
      push(event, "h2h", event.away_team, std::nullopt, *away, is_closing);
      push(event, "h2h", event.home_team, std::nullopt, *home, is_closing);
    };
    if (info_.league->spread_total_columns) {
      add("ML", true);
    } else {
      add("Open", false);
      add("Close", true);
    }
  }

  // NBA/NFL: the smaller number of the pair is the spread, on the favourite's row; the larger is
  // the total. Which row holds which can change between Open and Close, so decide per column.
  void add_spread_and_total(const Table::Row& v, const Table::Row& h, const domain::Event& event,
                            std::string_view column) {
    const auto a = sbro_line_value(table_.cell(v, column));
    const auto b = sbro_line_value(table_.cell(h, column));
    const bool is_closing = column == "Close";
    if (!a || !b) return;
    if (*a == *b) return warn(v, column, "equals the other row's value: spread and total unknown");
    const bool visitor_has_spread = *a < *b;
    const double spread = visitor_has_spread ? *a : *b;
    const double total = visitor_has_spread ? *b : *a;
    // 0.0 - x keeps a pick'em at +0.0 for both sides.
    const double away_point = visitor_has_spread ? 0.0 - spread : spread;
    push(event, "spreads", event.away_team, away_point, kSbroAssumedLinePrice, is_closing);
    push(event, "spreads", event.home_team, 0.0 - away_point, kSbroAssumedLinePrice, is_closing);
    push(event, "totals", "Over", total, kSbroAssumedLinePrice, is_closing);
    push(event, "totals", "Under", total, kSbroAssumedLinePrice, is_closing);
  }

  // MLB run line / NHL puck line: each row has its own signed line and price.
  void add_handicap(const Table::Row& v, const Table::Row& h, const domain::Event& event) {
    std::optional<std::pair<double, double>> away;
    std::optional<std::pair<double, double>> home;
    if (table_.column("RL")) {
      away = line_and_price(v, "RL");
      home = line_and_price(h, "RL");
    } else {
      const std::string_view name = table_.column("RunLine") ? "RunLine" : "PuckLine";
      away = line_then_price(v, name);
      home = line_then_price(h, name);
    }
    if (!away || !home) return;
    push(event, "spreads", event.away_team, away->first, away->second, true);
    push(event, "spreads", event.home_team, home->first, home->second, true);
  }

  std::optional<std::pair<double, double>> line_and_price(const Table::Row& row,
                                                          std::string_view column) {
    const std::string_view text = table_.cell(row, column);
    const auto parsed = parse_line_with_price(text);
    if (!parsed) {
      if (!text.empty() && text != "NL") warn(row, column, "is not a line(price)");
      return std::nullopt;
    }
    try {
      return std::make_pair(parsed->first, domain::odds::american_to_decimal(parsed->second));
    } catch (const domain::InvalidInput&) {
      warn(row, column, "has no valid American price");
      return std::nullopt;
    }
  }

  // A named line column followed by its price in a column with an empty header.
  std::optional<std::pair<double, double>> line_then_price(const Table::Row& row,
                                                           std::string_view column) {
    const auto index = table_.column(column);
    if (!index) return std::nullopt;
    const std::string_view text = Table::cell(row, index);
    const auto line = parse_number(text);
    if (!line) {
      if (!text.empty() && text != "NL" && text != "-") warn(row, column, "is not a line");
      return std::nullopt;
    }
    const auto price = american(row, *index + 1, column);
    if (!price) return std::nullopt;
    return std::make_pair(*line, *price);
  }

  // MLB/NHL totals: the visitor row holds the over price, the home row the under price.
  void add_priced_total(const Table::Row& v, const Table::Row& h, const domain::Event& event,
                        std::string_view column, bool is_closing) {
    const auto over = line_then_price(v, column);
    const auto under = line_then_price(h, column);
    if (!over || !under) return;
    push(event, "totals", "Over", over->first, over->second, is_closing);
    push(event, "totals", "Under", under->first, under->second, is_closing);
  }
};

bool pairs_with(const Table& table, const Table::Row& first, const Table::Row& second) {
  const std::string_view a = table.cell(first, "VH");
  const std::string_view b = table.cell(second, "VH");
  if (a == "V" && b == "H") return true;
  if (a != "N" || b != "N") return false;
  // Neutral-site rows carry no side: consecutive rotation numbers tie the two teams together.
  const auto rot_a = parse_int(table.cell(first, "Rot"));
  const auto rot_b = parse_int(table.cell(second, "Rot"));
  return rot_a && rot_b && *rot_b == *rot_a + 1;
}

}  // namespace

std::optional<double> sbro_line_value(std::string_view cell) {
  cell = trim(cell);
  if (cell == "pk" || cell == "PK" || cell == "Pk") return 0.0;
  return parse_number(cell);
}

HistoryBatch load_sbro_file(const std::filesystem::path& path) {
  return load_sbro_text(read_gzip_file(path), path.filename().string());
}

HistoryBatch load_sbro_text(std::string_view text, std::string name) {
  const Table table = Table::parse(text, std::move(name));
  const FileInfo info = parse_file_name(table.name());
  HistoryBatch out;
  PairLoader loader(table, info, out);
  std::vector<const Table::Row*> rows;
  for (const auto& row : table.rows()) {
    ++out.rows_read;
    if (row.blank()) {
      ++out.skipped;
    } else if (row.malformed) {
      out.rejected.push_back({table.name(), row.line, "unterminated quoted field", {}});
    } else {
      rows.push_back(&row);
    }
  }
  for (std::size_t i = 0; i < rows.size();) {
    if (i + 1 < rows.size() && pairs_with(table, *rows[i], *rows[i + 1])) {
      loader.load(*rows[i], *rows[i + 1]);
      i += 2;
    } else {
      out.rejected.push_back({table.name(), rows[i]->line, "row without a visitor/home partner",
                              raw_row(table, *rows[i])});
      ++i;
    }
  }
  return out;
}

}  // namespace sharpline::adapters::history
