// Inference micro-benchmarks on the default NFL moneyline model, trained once at start-up from
// nflverse history with the project's own trainer (ensure_nfl_moneyline_model, 200 rounds, depth
// 3) into a temporary directory, and loaded as the inference stage loads it (load_model).
// Rows are the model's real training rows, cycled.
//
//   - single row: LoadedModel::probabilities and XgbModel::class_contributions, the two calls the
//     inference stage makes per feature vector;
//   - batched: the project's API predicts one row per call, so the batched figures call the
//     XGBoost C API directly on a Booster loaded from the same model file: in-place
//     XGBoosterPredictFromDense (type 0) for values, and a DMatrix + XGBoosterPredictFromDMatrix
//     (type 2) for SHAP, since XGBoost 1.7's in-place prediction does not do contributions.
// The data directory is SHARPLINE_DATA_DIR, else ../shared/data next to the source tree.
#include <benchmark/benchmark.h>
#include <unistd.h>
#include <xgboost/c_api.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "adapters/ml/model_metadata.hpp"
#include "adapters/ml/nfl_moneyline_training.hpp"
#include "adapters/ml/xgb_handles.hpp"
#include "adapters/ml/xgb_model.hpp"
#include "adapters/ml/xgb_predict_config.hpp"

namespace {

namespace fs = std::filesystem;
namespace ml = sharpline::adapters::ml;

fs::path data_dir() {
  if (const char* env = std::getenv("SHARPLINE_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return fs::path(SHARPLINE_SOURCE_DIR) / ".." / "shared" / "data";
}

struct Fixture {
  fs::path model_dir;
  std::shared_ptr<const ml::LoadedModel> model;
  std::unique_ptr<ml::Booster> booster;  // the same model file, for the C API batched calls
  std::vector<float> rows;               // row-major, num_features wide
  std::size_t num_features = 0;
  std::size_t num_rows = 0;

  Fixture() {
    model_dir =
        fs::temp_directory_path() / ("sharpline_inference_bench_" + std::to_string(getpid()));
    fs::create_directories(model_dir);
    const fs::path data = data_dir();
    (void)ml::ensure_nfl_moneyline_model(model_dir, data);
    model = ml::load_model(model_dir / (std::string(ml::kNflMoneylineModelStem) + ".meta.json"));
    booster = std::make_unique<ml::Booster>();
    booster->load_model(model->model_path.string());
    booster->set_param("nthread", "1");
    const ml::NflTrainingSet set =
        ml::build_nfl_moneyline_training_set(data / "nflverse" / "games_1999_2025.csv.gz", 2025);
    rows = set.matrix();
    num_features = set.feature_names.size();
    num_rows = set.rows.size();
    // Both loads hold the model in memory: the files are no longer needed.
    std::error_code ignored;
    fs::remove_all(model_dir, ignored);
    if (num_features != model->model->num_features() || num_rows == 0) {
      throw std::runtime_error("training rows do not fit the model");
    }
  }
  std::span<const float> row(std::size_t i) const {
    return std::span<const float>(rows).subspan((i % num_rows) * num_features, num_features);
  }
  // `count` consecutive rows starting at row `first` (wrapping), copied into `out`.
  void batch(std::size_t first, std::size_t count, std::vector<float>& out) const {
    out.resize(count * num_features);
    for (std::size_t r = 0; r < count; ++r) {
      const auto src = row(first + r);
      std::copy(src.begin(), src.end(),
                out.begin() + static_cast<std::ptrdiff_t>(r * num_features));
    }
  }
};

// Never destroyed: freeing the boosters after XGBoost's own statics are gone crashes at exit.
const Fixture& fixture() {
  static const Fixture* instance = new Fixture();
  return *instance;
}

std::string array_interface(const std::vector<float>& data, std::size_t rows, std::size_t cols) {
  return R"({"data": [)" + std::to_string(reinterpret_cast<std::uintptr_t>(data.data())) +
         R"(, true], "shape": [)" + std::to_string(rows) + ", " + std::to_string(cols) +
         R"(], "typestr": "<f4", "version": 3})";
}

constexpr const char* kLabel = "nfl_h2h_xgb trained from nflverse";

void BM_InferenceSingleRow(benchmark::State& state) {
  const Fixture& f = fixture();
  std::vector<double> out(f.model->num_classes());
  std::size_t i = 0;
  for (auto _ : state) {
    f.model->probabilities(f.row(i++), out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(kLabel);
}
BENCHMARK(BM_InferenceSingleRow);

void BM_InferenceShapSingleRow(benchmark::State& state) {
  const Fixture& f = fixture();
  const ml::XgbModel& xgb = *f.model->model;
  std::vector<double> out(xgb.contribution_groups() * (xgb.num_features() + 1));
  std::size_t i = 0;
  for (auto _ : state) {
    xgb.class_contributions(f.row(i++), out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(kLabel);
}
BENCHMARK(BM_InferenceShapSingleRow);

void BM_InferenceBatch(benchmark::State& state) {
  const Fixture& f = fixture();
  const auto batch_rows = static_cast<std::size_t>(state.range(0));
  std::vector<float> input;
  f.batch(0, batch_rows, input);
  const std::string iface = array_interface(input, batch_rows, f.num_features);
  for (auto _ : state) {
    const bst_ulong* shape = nullptr;
    bst_ulong dims = 0;
    const float* out = nullptr;
    ml::xgb_check(XGBoosterPredictFromDense(f.booster->get(), iface.c_str(),
                                            ml::kPredictValueConfig, nullptr, &shape, &dims, &out),
                  "XGBoosterPredictFromDense");
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetLabel(std::string(kLabel) + ", C API in-place");
}
BENCHMARK(BM_InferenceBatch)->Arg(256)->Arg(4096);

void BM_InferenceShapBatch(benchmark::State& state) {
  const Fixture& f = fixture();
  const auto batch_rows = static_cast<std::size_t>(state.range(0));
  std::vector<float> input;
  f.batch(0, batch_rows, input);
  for (auto _ : state) {
    // The DMatrix is built per call: that is what a batched SHAP call on fresh rows costs.
    const ml::DMatrix matrix(input, batch_rows, f.num_features);
    const bst_ulong* shape = nullptr;
    bst_ulong dims = 0;
    const float* out = nullptr;
    ml::xgb_check(XGBoosterPredictFromDMatrix(f.booster->get(), matrix.get(),
                                              ml::kPredictContribConfig, &shape, &dims, &out),
                  "XGBoosterPredictFromDMatrix(contributions)");
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetLabel(std::string(kLabel) + ", C API DMatrix");
}
BENCHMARK(BM_InferenceShapBatch)->Arg(256)->Arg(4096);

}  // namespace
