// The default NFL moneyline (h2h) model: its training set from nflverse history and a trained
// champion on demand. Features come from domain::features::nfl_moneyline_features with a
// TeamForm keyed by the canonical event id's team slugs, exactly as the live features stage
// builds them.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "adapters/history/history_batch.hpp"
#include "adapters/ml/model_metadata.hpp"
#include "domain/features/nfl_moneyline_features.hpp"

namespace sharpline::adapters::ml {

inline constexpr std::string_view kNflSport = "americanfootball_nfl";
inline constexpr std::string_view kNflMoneylineMarket = "h2h";
inline constexpr std::string_view kNflMoneylineModelStem = "nfl_h2h_xgb";
// Results of historical games are taken as known this long after kickoff.
inline constexpr int64_t kNflResultLagMs = 4LL * 60 * 60 * 1000;

struct NflTrainingRow {
  std::string event_id;
  int season = 0;
  int64_t commence_ms = 0;
  int64_t as_of_ms = 0;  // the closing line's time: the features' point in time
  std::array<double, domain::features::kNflMoneylineFeatureNames.size()> features{};
  float label = 0.0f;  // 1: home win
};

struct NflTrainingSet {
  std::vector<std::string> feature_names;
  std::vector<NflTrainingRow> rows;  // in kickoff order
  std::size_t skipped_unplayed = 0;  // no final score
  std::size_t skipped_ties = 0;
  std::size_t skipped_no_odds = 0;  // not both closing moneylines, or de-vig failed
  std::size_t skipped_bad_id = 0;   // event id not canonical

  std::vector<float> matrix() const;  // row-major, float
  std::vector<float> labels() const;
};

// One row per played game with season < last_season_exclusive that has both closing moneylines
// and is not a tie. TeamForm is fed with every final score of the batch (all seasons; a game
// counts only for later kickoffs and once kickoff + 4 h has passed).
NflTrainingSet build_nfl_moneyline_training_set(const history::HistoryBatch& batch,
                                                int last_season_exclusive);
// The same from an nflverse games file (games_1999_2025.csv.gz).
NflTrainingSet build_nfl_moneyline_training_set(const std::filesystem::path& games_file,
                                                int last_season_exclusive);

// If model_dir serves no champion for americanfootball_nfl/h2h, trains one on the seasons
// before `last_season_exclusive` from <data_dir>/nflverse/games_1999_2025.csv.gz and writes
// nfl_h2h_xgb.json + nfl_h2h_xgb.meta.json (role champion, version = first 12 hex digits of the
// model's SHA-256). Returns the champion's metadata.
ModelMetadata ensure_nfl_moneyline_model(const std::filesystem::path& model_dir,
                                         const std::filesystem::path& data_dir,
                                         int last_season_exclusive = 2025);

}  // namespace sharpline::adapters::ml
