#include "adapters/files/fivethirtyeight_games.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <istream>
#include <optional>
#include <ostream>

#include "adapters/files/csv.hpp"

namespace sharpline::adapters::files {
namespace {

[[noreturn]] void fail(std::string_view source, std::size_t line, const std::string& what) {
  throw CsvError(std::string(source) + ":" + std::to_string(line) + ": " + what);
}

bool parse_number(const std::string& text, double& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(value);
}

// Whole numbers; "24.0" is accepted because pandas writes integer columns with gaps that way.
long long parse_whole(const std::string& text, std::string_view column, std::string_view source,
                      std::size_t line) {
  double value = 0.0;
  if (!parse_number(text, value) || value != std::floor(value) || std::fabs(value) > 1e15) {
    fail(source, line, "invalid " + std::string(column) + " '" + text + "': not a whole number");
  }
  return static_cast<long long>(value);
}

bool parse_flag(const std::string& text, std::string_view column, std::string_view source,
                std::size_t line) {
  if (text.empty() || text == "0" || text == "False" || text == "false") return false;
  if (text == "1" || text == "True" || text == "true") return true;
  fail(source, line, "invalid " + std::string(column) + " '" + text + "': expected 0 or 1");
}

std::optional<int> parse_score(const std::string& text, std::string_view column,
                               std::string_view source, std::size_t line) {
  if (text.empty()) return std::nullopt;
  const long long value = parse_whole(text, column, source, line);
  if (value < 0 || value > 100000) {
    fail(source, line, "invalid " + std::string(column) + " '" + text + "': out of range");
  }
  return static_cast<int>(value);
}

std::string number(double value) {
  std::array<char, 32> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return ec == std::errc{} ? std::string(buffer.data(), end) : std::string("nan");
}

// Reads the header, lets `columns` resolve the column indices it needs (so a missing column is
// reported even for a file without data rows), then hands every non-empty data line to `row`.
template <class ColumnsFn, class RowFn>
void for_each_row(std::istream& in, std::string_view source, ColumnsFn&& columns, RowFn&& row) {
  std::string line;
  if (!std::getline(in, line)) fail(source, 1, "empty file: expected a header row");
  const CsvHeader header(split_csv_line(line));
  const auto indices = columns(header);
  std::size_t number = 1;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line == "\r") continue;
    std::vector<std::string> fields;
    try {
      fields = split_csv_line(line);
    } catch (const CsvError& e) {
      fail(source, number, e.what());
    }
    if (fields.size() < header.size()) {
      fail(source, number,
           "expected " + std::to_string(header.size()) + " fields, got " +
               std::to_string(fields.size()));
    }
    row(indices, fields, number);
  }
  if (in.bad()) throw CsvError(std::string(source) + ": read error");
}

struct GameColumns {
  std::size_t date, season, neutral, playoff, team1, team2, score1, score2;
};

}  // namespace

std::vector<GameRow> read_fivethirtyeight_games(std::istream& in, std::string_view source) {
  std::vector<GameRow> rows;
  const auto columns = [source](const CsvHeader& header) {
    return GameColumns{header.require("date", source),    header.require("season", source),
                       header.require("neutral", source), header.require("playoff", source),
                       header.require("team1", source),   header.require("team2", source),
                       header.require("score1", source),  header.require("score2", source)};
  };
  const auto read = [&](const GameColumns& c, const std::vector<std::string>& f, std::size_t line) {
    GameRow row;
    row.line = line;
    row.date = f[c.date];
    row.playoff = f[c.playoff];
    row.game.season = parse_whole(f[c.season], "season", source, line);
    row.game.neutral = parse_flag(f[c.neutral], "neutral", source, line);
    row.game.team1 = f[c.team1];
    row.game.team2 = f[c.team2];
    if (row.game.team1.empty() || row.game.team2.empty()) fail(source, line, "empty team name");
    row.game.score1 = parse_score(f[c.score1], "score1", source, line);
    row.game.score2 = parse_score(f[c.score2], "score2", source, line);
    if (row.game.score1.has_value() != row.game.score2.has_value()) {
      fail(source, line, "one score is empty: give both scores or neither");
    }
    rows.push_back(std::move(row));
  };
  for_each_row(in, source, columns, read);
  return rows;
}

std::vector<std::pair<std::string, double>> read_initial_ratings(std::istream& in,
                                                                 std::string_view source) {
  std::vector<std::pair<std::string, double>> ratings;
  const auto columns = [source](const CsvHeader& header) {
    return std::pair{header.require("team", source), header.require("elo", source)};
  };
  const auto read = [&](const std::pair<std::size_t, std::size_t>& c,
                        const std::vector<std::string>& f, std::size_t line) {
    const std::string& team = f[c.first];
    const std::string& text = f[c.second];
    double elo = 0.0;
    if (team.empty()) fail(source, line, "empty team name");
    if (!parse_number(text, elo)) fail(source, line, "invalid elo '" + text + "': not a number");
    ratings.emplace_back(team, elo);
  };
  for_each_row(in, source, columns, read);
  return ratings;
}

void write_rating_row(std::ostream& out, const GameRow& row,
                      const domain::ratings::GameRating& rating) {
  out << csv_field(row.date) << ',' << row.game.season << ',' << csv_field(row.game.team1) << ','
      << csv_field(row.game.team2) << ',' << number(rating.elo1_pre) << ','
      << number(rating.elo2_pre) << ',' << number(rating.prob1) << ',' << number(rating.elo1_post)
      << ',' << number(rating.elo2_post) << '\n';
}

}  // namespace sharpline::adapters::files
