#include "cli/commands/ratings_command.hpp"

#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "adapters/files/csv.hpp"
#include "adapters/files/fivethirtyeight_games.hpp"
#include "cli/args.hpp"
#include "cli/exit_codes.hpp"
#include "domain/errors.hpp"
#include "domain/ratings/elo_engine.hpp"
#include "domain/ratings/elo_model.hpp"

namespace sharpline::cli {
namespace {

namespace files = adapters::files;
namespace ratings = domain::ratings;
using Json = nlohmann::ordered_json;

// A file problem: exit code 1, not a usage error.
class RuntimeFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string preset_names() {
  std::string names;
  for (const ratings::EloModel& model : ratings::presets()) {
    if (!names.empty()) names += '|';
    names += model.name;
  }
  return names;
}

std::ifstream open_input(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw RuntimeFailure("cannot open '" + path + "': " + std::strerror(errno));
  return in;
}

void run_elo(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline ratings elo",
                   "Elo ratings over a game file in FiveThirtyEight's layout, processed in file "
                   "order. Writes one CSV row per game: " +
                       std::string(files::kRatingColumns) + ".");
  parser.option("preset", "NAME", "Model (required): " + preset_names() + ".")
      .option("games", "FILE.csv",
              "Games (required): header with date,season,neutral,playoff,team1,team2,score1,"
              "score2; other columns ignored. team1 is home unless neutral is 1; empty scores "
              "mean not played yet.")
      .option("initial", "FILE.csv", "Starting ratings, CSV with header team,elo.")
      .option("out", "FILE.csv",
              "Write the CSV here and print a JSON summary instead (default: CSV on stdout).")
      .epilog(
          "New teams start at the preset's rating (1300 for nfl538 and nba538) unless\n"
          "--initial names them; see docs/odds-math.md for each preset's formulas.\n\n"
          "Example:\n  sharpline ratings elo --preset nfl538 --games nfl_elo.csv "
          "--initial initial_elos.csv");
  const ParsedArgs parsed = parser.parse(args);
  const auto preset_name = parsed.get("preset");
  if (!preset_name) parser.fail("missing --preset (" + preset_names() + ")");
  const auto model = ratings::find_preset(*preset_name);
  if (!model) {
    parser.fail("invalid value '" + *preset_name + "' for --preset: expected " + preset_names());
  }
  const auto games_path = parsed.get("games");
  if (!games_path) parser.fail("missing --games (a FiveThirtyEight-style game CSV)");

  ratings::EloEngine engine(*model);
  if (const auto initial_path = parsed.get("initial")) {
    std::ifstream in = open_input(*initial_path);
    for (const auto& [team, elo] : files::read_initial_ratings(in, *initial_path)) {
      try {
        engine.set_rating(team, elo);
      } catch (const domain::InvalidInput& e) {
        throw RuntimeFailure(*initial_path + ": " + e.what());
      }
    }
  }
  std::ifstream games_in = open_input(*games_path);
  const std::vector<files::GameRow> rows = files::read_fivethirtyeight_games(games_in, *games_path);

  // Buffered so that a bad row fails the command before any CSV is written.
  std::ostringstream csv;
  csv << files::kRatingColumns << '\n';
  std::size_t played = 0;
  std::set<std::string> teams;
  for (const files::GameRow& row : rows) {
    ratings::GameRating rating;
    try {
      rating = engine.process(row.game);
    } catch (const domain::InvalidInput& e) {
      throw RuntimeFailure(*games_path + ":" + std::to_string(row.line) + ": " + e.what());
    }
    files::write_rating_row(csv, row, rating);
    if (rating.played) ++played;
    teams.insert(row.game.team1);
    teams.insert(row.game.team2);
  }
  const auto out_path = parsed.get("out");
  if (!out_path) {
    out << csv.str();
    return;
  }
  std::ofstream file_out(*out_path);
  if (!file_out) throw RuntimeFailure("cannot write '" + *out_path + "': " + std::strerror(errno));
  file_out << csv.str();
  file_out.close();
  if (!file_out) throw RuntimeFailure("cannot write '" + *out_path + "'");
  out << Json{{"preset", std::string(model->name)},
              {"games", rows.size()},
              {"played", played},
              {"teams", teams.size()},
              {"out", *out_path}}
             .dump()
      << "\n";
}

void run_presets(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline ratings presets", "List the Elo presets and their parameters.");
  (void)parser.parse(args);
  Json list = Json::array();
  for (const ratings::EloModel& model : ratings::presets()) {
    list.push_back({{"name", std::string(model.name)},
                    {"k", model.k},
                    {"home_advantage", model.home_advantage},
                    {"initial_rating", model.initial_rating},
                    {"season_carryover", model.season_carryover},
                    {"season_mean", model.season_mean},
                    {"draw_kappa", model.draw_kappa}});
  }
  out << Json{{"presets", list}}.dump() << "\n";
}

constexpr const char* kUsage =
    "Usage: sharpline ratings <subcommand> [options]\n\n"
    "Subcommands:\n"
    "  elo        Elo ratings over a FiveThirtyEight-style game file (CSV out).\n"
    "  presets    The Elo presets and their parameters (JSON).\n\n"
    "Run 'sharpline ratings <subcommand> --help' for its options.\n";

}  // namespace

int run_ratings_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  const std::string sub = args.empty() ? "" : args[0];
  return run_with_exit_codes("sharpline ratings " + sub, out, err, [&] {
    if (sub == "elo") {
      run_elo(args.subspan(1), out);
    } else if (sub == "presets") {
      run_presets(args.subspan(1), out);
    } else if (sub == "--help" || sub == "-h" || sub == "help") {
      out << kUsage;
    } else if (sub.empty()) {
      throw UsageError("sharpline ratings: missing subcommand (elo, presets; see --help)");
    } else {
      throw UsageError("sharpline ratings: unknown subcommand '" + sub + "' (see --help)");
    }
    return 0;
  });
}

}  // namespace sharpline::cli
