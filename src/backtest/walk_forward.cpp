#include "backtest/walk_forward.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "adapters/ml/model_metadata.hpp"
#include "adapters/sources/iso_time.hpp"
#include "domain/calibration/calibration.hpp"

namespace sharpline::backtest {
namespace {

namespace fs = std::filesystem;

std::vector<const TrainingRow*> rows_where(const TrainingRows& rows,
                                           const std::function<bool(const TrainingRow&)>& keep) {
  std::vector<const TrainingRow*> out;
  for (const auto& row : rows.rows) {
    if (keep(row)) out.push_back(&row);
  }
  return out;
}

// A scratch directory removed on scope exit.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device seed;
    path_ = fs::temp_directory_path() / ("sharpline-walk-forward-" + std::to_string(seed()));
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

double expected_calibration_error(const std::vector<std::vector<double>>& probabilities,
                                  const std::vector<const TrainingRow*>& rows) {
  std::vector<double> p;
  std::vector<double> y;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t k = 0; k < probabilities[i].size(); ++k) {
      p.push_back(probabilities[i][k]);
      y.push_back(static_cast<int>(k) == rows[i]->label ? 1.0 : 0.0);
    }
  }
  if (p.empty()) return 0.0;
  const auto bins = domain::calibration::reliability_bins(p, y, 10);
  return domain::calibration::expected_calibration_error(bins);
}

std::string iso_date(int64_t ms) {
  return adapters::sources::format_iso8601_ms(ms).substr(0, 10);  // YYYY-MM-DD
}

}  // namespace

std::vector<int> seasons_of(const TrainingRows& rows) {
  std::set<int> seasons;
  for (const auto& row : rows.rows) seasons.insert(row.season);
  return {seasons.begin(), seasons.end()};
}

adapters::ml::TrainingResult train_model(const TrainingRows& rows,
                                         const std::vector<const TrainingRow*>& train,
                                         const std::vector<const TrainingRow*>& validation,
                                         adapters::ml::TrainingParams params) {
  const std::size_t width = rows.feature_names.size();
  const auto flatten = [&](const std::vector<const TrainingRow*>& set, std::vector<float>& matrix,
                           std::vector<float>& labels) {
    matrix.reserve(set.size() * width);
    for (const auto* row : set) {
      for (const double v : row->features) matrix.push_back(static_cast<float>(v));
      labels.push_back(static_cast<float>(row->label));
    }
  };
  std::vector<float> train_matrix, train_labels, validation_matrix, validation_labels;
  flatten(train, train_matrix, train_labels);
  flatten(validation, validation_matrix, validation_labels);
  params.classes = rows.classes;
  params.num_class = static_cast<int>(rows.classes.size());
  params.objective = rows.classes.size() > 2 ? adapters::ml::Objective::kMulticlass
                                             : adapters::ml::Objective::kBinary;
  params.metadata.market = rows.market;
  if (params.metadata.name.empty()) params.metadata.name = rows.market + "_xgb";
  if (params.metadata.sport.empty()) params.metadata.sport = rows.sport;
  // The range the model has seen: training and validation rows (early stopping and calibration
  // read the validation season too). Backtests refuse models whose range reaches their seasons.
  auto& range = params.metadata.training;
  std::optional<int64_t> first_ms;
  std::optional<int64_t> last_ms;
  for (const auto* set : {&train, &validation}) {
    for (const auto* row : *set) {
      if (!range.first_season || row->season < *range.first_season)
        range.first_season = row->season;
      if (!range.last_season || row->season > *range.last_season) range.last_season = row->season;
      if (!first_ms || row->commence_ms < *first_ms) first_ms = row->commence_ms;
      if (!last_ms || row->commence_ms > *last_ms) last_ms = row->commence_ms;
    }
  }
  if (first_ms) range.first_date = iso_date(*first_ms);
  if (last_ms) range.last_date = iso_date(*last_ms);
  return adapters::ml::train_classifier({train_matrix, train_labels},
                                        {validation_matrix, validation_labels}, rows.feature_names,
                                        params);
}

ScoreSet score(const std::vector<std::vector<double>>& probabilities,
               const std::vector<const TrainingRow*>& rows) {
  ScoreSet out;
  if (rows.empty()) return out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& p = probabilities[i];
    const auto label = static_cast<std::size_t>(rows[i]->label);
    out.log_loss -= std::log(std::clamp(p[label], 1e-15, 1.0));
    for (std::size_t k = 0; k < p.size(); ++k) {
      const double y = k == label ? 1.0 : 0.0;
      out.brier += (p[k] - y) * (p[k] - y);
    }
  }
  out.log_loss /= static_cast<double>(rows.size());
  out.brier /= static_cast<double>(rows.size());
  return out;
}

std::vector<SeasonEvaluation> walk_forward(
    const TrainingRows& rows, const adapters::ml::TrainingParams& params,
    const std::function<void(const SeasonEvaluation&)>& on_season) {
  const auto seasons = seasons_of(rows);
  std::vector<SeasonEvaluation> out;
  for (std::size_t i = 2; i < seasons.size(); ++i) {
    const int test_season = seasons[i];
    const int validation_season = seasons[i - 1];
    const auto train =
        rows_where(rows, [&](const auto& r) { return r.season < validation_season; });
    const auto validation =
        rows_where(rows, [&](const auto& r) { return r.season == validation_season; });
    const auto test = rows_where(rows, [&](const auto& r) {
      return r.season == test_season && r.market_open && r.market_close;
    });
    if (train.empty() || validation.empty() || test.empty()) continue;
    ScratchDir scratch;
    auto season_params = params;
    season_params.output_dir = scratch.path();
    season_params.file_stem = "walk_forward";
    const auto trained = train_model(rows, train, validation, season_params);
    const auto model = adapters::ml::load_model(trained.meta_path);

    SeasonEvaluation e;
    e.season = test_season;
    e.train_rows = train.size();
    e.validation_rows = validation.size();
    e.test_rows = test.size();
    std::vector<std::vector<double>> predicted, open, close;
    std::vector<float> row(rows.feature_names.size());
    for (const auto* r : test) {
      for (std::size_t k = 0; k < row.size(); ++k) row[k] = static_cast<float>(r->features[k]);
      predicted.push_back(model->probabilities(row));
      open.push_back(*r->market_open);
      close.push_back(*r->market_close);
    }
    e.model = score(predicted, test);
    e.market_open = score(open, test);
    e.market_close = score(close, test);
    e.model_ece = expected_calibration_error(predicted, test);
    e.best_iteration = trained.metadata.best_iteration.value_or(0);
    e.calibration =
        std::string(adapters::ml::calibration_method_name(trained.metadata.calibration.method));
    if (on_season) on_season(e);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace sharpline::backtest
