// The metadata file that sits next to every model file (<stem>.meta.json beside <stem>.json):
// what the model is, which features it takes in which order, what it was trained on, how it did
// on its holdout, and the SHA-256 of the model file so a swapped or damaged file is refused.
// Field reference: docs/models.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/ml/calibration_model.hpp"
#include "adapters/ml/xgb_model.hpp"
#include "domain/records/pipeline_records.hpp"

namespace sharpline::adapters::ml {

inline constexpr std::string_view kMetadataSuffix = ".meta.json";
inline constexpr std::string_view kBinaryObjective = "binary:logistic";
inline constexpr std::string_view kMulticlassObjective = "multi:softprob";

// A metadata or model file that cannot be used; the message names the file.
class ModelFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TrainingRange {
  std::optional<int> first_season;
  std::optional<int> last_season;
  std::optional<std::string> first_date;  // YYYY-MM-DD (UTC) of the first / last training row
  std::optional<std::string> last_date;

  bool operator==(const TrainingRange&) const = default;
};

// Metrics on the chronological holdout / validation window (the rows after the training rows).
// Multiclass: multiclass log loss, Brier summed over the classes, and auc 0 (not defined).
struct HoldoutMetrics {
  double log_loss = 0.0;
  double brier = 0.0;
  double auc = 0.0;
  std::size_t rows = 0;

  bool operator==(const HoldoutMetrics&) const = default;
};

struct ModelMetadata {
  std::string name;
  std::string version;
  domain::ModelRole role = domain::ModelRole::kChampion;  // champion or challenger
  std::string sport;                                      // e.g. americanfootball_nfl
  std::string market;                                     // e.g. h2h
  std::vector<std::string> feature_names;                 // model input order
  TrainingRange training;
  std::size_t training_rows = 0;
  HoldoutMetrics metrics;  // of the served (calibrated) probabilities
  std::string model_file;  // relative to the metadata file's directory
  std::string model_sha256;
  nlohmann::json params = nlohmann::json::object();  // training parameters, informational
  // Files written before multiclass support have none of the fields below; they load as a
  // binary home-win model without calibration.
  std::string objective = std::string(kBinaryObjective);
  // Class index -> role name (e.g. away, home, draw, over, under, home_cover, away_cover).
  // Binary: index 1 is the positive class.
  std::vector<std::string> classes = {"away", "home"};
  Calibration calibration;
  std::optional<int> best_iteration;  // 0-based; the model file holds rounds 0..best_iteration
  std::optional<HoldoutMetrics> metrics_uncalibrated;  // raw model probabilities, same rows

  bool operator==(const ModelMetadata&) const = default;
};

// "champion" / "challenger"; nullopt for anything else (consensus is not a model file role).
std::optional<domain::ModelRole> parse_model_role(std::string_view text);
std::string_view model_role_name(domain::ModelRole role);

nlohmann::json metadata_to_json(const ModelMetadata& metadata);
// Throws ModelFileError naming `source` for a missing or mistyped field.
ModelMetadata metadata_from_json(const nlohmann::json& json, const std::string& source);

// Reads and parses a metadata file (no model check). Throws ModelFileError.
ModelMetadata read_metadata(const std::filesystem::path& meta_path);
// Writes the file atomically (temporary file + rename). Throws ModelFileError.
void write_metadata(const std::filesystem::path& meta_path, const ModelMetadata& metadata);
// Writes bytes atomically (temporary file in the same directory + rename).
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

struct LoadedModel {
  ModelMetadata metadata;
  std::filesystem::path meta_path;
  std::filesystem::path model_path;
  std::unique_ptr<XgbModel> model;

  std::size_t num_classes() const { return metadata.classes.size(); }
  // The served class probabilities (index = metadata.classes): the model's raw class
  // probabilities, then the metadata's calibration. `out` has num_classes() slots (no
  // allocation). Throws XgbError for a row of the wrong size.
  void probabilities(std::span<const float> row, std::span<double> out) const;
  std::vector<double> probabilities(std::span<const float> row) const;
};

// Reads the metadata, reads the model file once, checks its SHA-256 against model_sha256, the
// model's feature count against feature_names and its objective and class count against
// objective and classes, then loads it. Any mismatch or XGBoost error
// throws ModelFileError naming the file.
std::shared_ptr<const LoadedModel> load_model(const std::filesystem::path& meta_path);

}  // namespace sharpline::adapters::ml
