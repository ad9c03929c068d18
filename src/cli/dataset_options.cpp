#include "cli/dataset_options.hpp"

#include <charconv>
#include <cstdlib>
#include <sstream>

namespace sharpline::cli {
namespace {

int parse_season(const std::string& text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1900 || value > 2100) {
    throw UsageError("--seasons: '" + text + "' is not a season year");
  }
  return value;
}

}  // namespace

void add_dataset_options(ArgParser& parser) {
  parser.option("dataset", "NAME",
                "football-data, nflverse, nfl-snapshots or sbro (docs/backtests.md).");
  parser.option("data-dir", "DIR",
                "The shared data directory (default: data.dir, $SHARPLINE_DATA_DIR or "
                "../shared/data next to the source tree).");
  parser.option(
      "league", "CODES",
      "Leagues to keep, comma-separated or repeated: football-data divisions (E0, E1, "
      "D1, I1, SP1, F1), sbro leagues (mlb, nba, nfl, nhl), nfl-snapshots: nfl. Default: all.");
  parser.option("seasons", "FIRST[-LAST]",
                "Seasons to keep, by the year they start (2019 is 2019/20). Default: all.");
  parser.flag("keep-aggregates",
              "Keep football-data's aggregate columns (market_max, market_avg, betbrain_max, "
              "betbrain_avg) as if they were books: they then count in the consensus and best "
              "prices. Off by default: nobody can bet at a column of maxima.");
}

std::filesystem::path data_dir_of(const Config& config, const ParsedArgs& parsed) {
  if (auto dir = parsed.get("data-dir")) return *dir;
  if (const auto configured = config.get_or("data.dir", ""); !configured.empty()) return configured;
  if (const char* env = std::getenv("SHARPLINE_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return (std::filesystem::path(SHARPLINE_SOURCE_DIR) / ".." / "shared" / "data")
      .lexically_normal();
}

adapters::history::DatasetSpec dataset_spec_of(const Config& config, const ParsedArgs& parsed) {
  adapters::history::DatasetSpec spec;
  const auto name = parsed.get("dataset");
  if (!name)
    throw UsageError("--dataset is required (football-data, nflverse, nfl-snapshots or sbro)");
  spec.name = *name;
  spec.data_dir = data_dir_of(config, parsed);
  spec.keep_aggregate_prices = parsed.has("keep-aggregates");
  spec.leagues = comma_list(parsed.all("league"));
  if (auto seasons = parsed.get("seasons")) {
    const auto dash = seasons->find('-');
    spec.first_season = parse_season(seasons->substr(0, dash));
    spec.last_season =
        dash == std::string::npos ? *spec.first_season : parse_season(seasons->substr(dash + 1));
    if (*spec.last_season < *spec.first_season) {
      throw UsageError("--seasons: the last season is before the first");
    }
  }
  return spec;
}

adapters::history::Dataset load_dataset_or_usage(const adapters::history::DatasetSpec& spec) {
  try {
    return adapters::history::load_dataset(spec);
  } catch (const adapters::history::DatasetError& e) {
    throw UsageError(e.what());
  }
}

std::vector<std::string> comma_list(const std::vector<std::string>& values) {
  std::vector<std::string> items;
  for (const auto& value : values) {
    std::stringstream stream(value);
    std::string item;
    while (std::getline(stream, item, ',')) {
      if (!item.empty()) items.push_back(item);
    }
  }
  return items;
}

}  // namespace sharpline::cli
