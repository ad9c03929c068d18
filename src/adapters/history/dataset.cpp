#include "adapters/history/dataset.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "adapters/history/football_data_loader.hpp"
#include "adapters/history/nflverse_loader.hpp"
#include "adapters/history/odds_api_snapshot_loader.hpp"
#include "adapters/history/retrosheet_loader.hpp"
#include "adapters/history/sbro_loader.hpp"

namespace sharpline::adapters::history {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 4> kNames = {"football-data", "nflverse", "nfl-snapshots",
                                                    "sbro"};
constexpr std::array<std::string_view, 4> kSbroLeagues = {"mlb", "nba", "nfl", "nhl"};

bool is_data_file(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.ends_with(".csv") || name.ends_with(".csv.gz");
}

// Files of `dir` whose name starts with one of `prefixes` (all when empty), in name order.
std::vector<fs::path> files_in(const fs::path& dir, const std::vector<std::string>& prefixes) {
  if (!fs::is_directory(dir)) throw DatasetError(dir.string() + ": no such directory");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || !is_data_file(entry.path())) continue;
    const std::string name = entry.path().filename().string();
    const bool wanted =
        prefixes.empty() || std::any_of(prefixes.begin(), prefixes.end(),
                                        [&](const auto& p) { return name.starts_with(p); });
    if (wanted) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> football_prefixes(const std::vector<std::string>& leagues) {
  std::vector<std::string> prefixes;
  for (const auto& league : leagues) {
    if (!football_division(league)) {
      throw DatasetError("football-data: unknown division '" + league +
                         "' (E0, E1, D1, I1, SP1, F1)");
    }
    prefixes.push_back(league + "_");
  }
  return prefixes;
}

std::vector<std::string> sbro_prefixes(const std::vector<std::string>& leagues) {
  std::vector<std::string> prefixes;
  for (const auto& league : leagues) {
    if (std::find(kSbroLeagues.begin(), kSbroLeagues.end(), league) == kSbroLeagues.end()) {
      throw DatasetError("sbro: unknown league '" + league + "' (mlb, nba, nfl, nhl)");
    }
    prefixes.push_back(league + "_odds_");
  }
  return prefixes;
}

// The NFL 2025 season as hourly The Odds API polls (odds_api_snapshot_loader.hpp).
constexpr std::string_view kNflSnapshotsFile = "nfl_2025_season_snapshots_hourly.jsonl.gz";
constexpr int kNflSnapshotsSeason = 2025;

void require_nfl_league(const DatasetSpec& spec) {
  if (!spec.leagues.empty() &&
      !(spec.leagues.size() == 1 && (spec.leagues[0] == "nfl" || spec.leagues[0] == "NFL"))) {
    throw DatasetError(spec.name + ": the only league is nfl");
  }
}

bool in_seasons(const domain::Event& event, const DatasetSpec& spec) {
  if (!spec.first_season && !spec.last_season) return true;
  if (!event.season) return false;
  if (spec.first_season && *event.season < *spec.first_season) return false;
  if (spec.last_season && *event.season > *spec.last_season) return false;
  return true;
}

// Keeps the records of the events in the season range (and drops aggregate prices).
void select(HistoryBatch& batch, const DatasetSpec& spec) {
  std::unordered_set<std::string> kept;
  std::erase_if(batch.events, [&](const domain::Event& e) { return !in_seasons(e, spec); });
  for (const auto& event : batch.events) kept.insert(event.event_id);
  std::erase_if(batch.quotes, [&](const domain::OddsQuote& q) {
    return !kept.contains(q.event_id) ||
           (!spec.keep_aggregate_prices && is_aggregate_book(q.bookmaker));
  });
  std::erase_if(batch.results,
                [&](const domain::GameResult& r) { return !kept.contains(r.event_id); });
  std::erase_if(batch.weather,
                [&](const domain::WeatherReport& w) { return !kept.contains(w.event_id); });
}

// Retrosheet's observed weather for the MLB games of the batch (same canonical event id).
void join_retrosheet_weather(HistoryBatch& batch, const fs::path& data_dir,
                             std::vector<fs::path>& files) {
  std::unordered_set<std::string> mlb;
  for (const auto& event : batch.events) {
    if (event.sport == "baseball_mlb") mlb.insert(event.event_id);
  }
  if (mlb.empty()) return;
  const fs::path dir = data_dir / "retrosheet";
  if (!fs::is_directory(dir)) return;
  std::set<std::string> have;
  for (const auto& w : batch.weather) have.insert(w.event_id);
  for (const auto& path : files_in(dir, {})) {
    if (path.filename().string().find("gameinfo") == std::string::npos) continue;
    auto info = load_retrosheet_gameinfo(path);
    files.push_back(path);
    for (auto& report : info.weather) {
      if (mlb.contains(report.event_id) && have.insert(report.event_id).second) {
        batch.weather.push_back(std::move(report));
      }
    }
  }
}

}  // namespace

std::vector<std::string_view> dataset_names() {
  return {kNames.begin(), kNames.end()};
}

bool is_aggregate_book(std::string_view bookmaker) {
  return bookmaker == "market_max" || bookmaker == "market_avg" || bookmaker == "betbrain_max" ||
         bookmaker == "betbrain_avg";
}

Dataset load_dataset(const DatasetSpec& spec) {
  Dataset dataset;
  if (spec.name == "football-data") {
    dataset.files = files_in(spec.data_dir / "football_data", football_prefixes(spec.leagues));
    for (const auto& path : dataset.files) dataset.batch.append(load_football_data_file(path));
  } else if (spec.name == "nflverse") {
    require_nfl_league(spec);
    const fs::path path = spec.data_dir / "nflverse" / "games_1999_2025.csv.gz";
    if (!fs::exists(path)) throw DatasetError(path.string() + ": no such file");
    dataset.files = {path};
    dataset.batch = load_nflverse_games(path);
  } else if (spec.name == "nfl-snapshots") {
    require_nfl_league(spec);
    // Reading the whole season takes seconds: refuse a range that cannot match first.
    if ((spec.first_season && *spec.first_season > kNflSnapshotsSeason) ||
        (spec.last_season && *spec.last_season < kNflSnapshotsSeason)) {
      throw DatasetError("nfl-snapshots: the snapshots hold the 2025 season only");
    }
    const fs::path snapshots = spec.data_dir / "odds_api_v4" / kNflSnapshotsFile;
    const fs::path games = spec.data_dir / "nflverse" / "games_1999_2025.csv.gz";
    for (const auto& path : {snapshots, games}) {
      if (!fs::exists(path)) throw DatasetError(path.string() + ": no such file");
    }
    dataset.files = {snapshots, games};
    dataset.batch = load_odds_api_snapshots(snapshots, games, {kNflSnapshotsSeason, {}}).batch;
  } else if (spec.name == "sbro") {
    dataset.files = files_in(spec.data_dir / "sbro", sbro_prefixes(spec.leagues));
    for (const auto& path : dataset.files) dataset.batch.append(load_sbro_file(path));
  } else {
    std::string names;
    for (const auto n : kNames) names += (names.empty() ? "" : ", ") + std::string(n);
    throw DatasetError("unknown dataset '" + spec.name + "' (" + names + ")");
  }
  if (dataset.files.empty()) {
    throw DatasetError(spec.name + ": no data files under " + spec.data_dir.string());
  }
  select(dataset.batch, spec);
  if (spec.name == "sbro") join_retrosheet_weather(dataset.batch, spec.data_dir, dataset.files);
  if (dataset.batch.events.empty()) {
    throw DatasetError(spec.name + ": no events in the selected leagues and seasons");
  }
  return dataset;
}

}  // namespace sharpline::adapters::history
