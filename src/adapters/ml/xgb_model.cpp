#include "adapters/ml/xgb_model.hpp"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>

namespace sharpline::adapters::ml {
namespace {

// Missing values are NaN (always missing for XGBoost); -1e30 is never a feature value.
constexpr const char* kValueConfig =
    R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
    R"("strict_shape": false, "cache_id": 0, "missing": -1e30})";
constexpr const char* kMarginConfig =
    R"({"type": 1, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
    R"("strict_shape": false, "cache_id": 0, "missing": -1e30})";
// In-place prediction (XGBoosterPredictFromDense) supports only types 0 and 1 in XGBoost 1.7
// ("Unsupported prediction type: 2"), so contributions go through a one-row DMatrix.
constexpr const char* kContribConfig =
    R"({"type": 2, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
    R"("strict_shape": false})";
constexpr const char* kDenseConfig = R"({"missing": -1e30, "nthread": 1})";

}  // namespace

XgbModel::XgbModel(std::string_view model_bytes, std::string name) : name_(std::move(name)) {
  try {
    booster_.load_model_from_buffer(model_bytes);
    booster_.set_param("nthread", "1");
    num_features_ = booster_.num_features();
  } catch (const XgbError& e) {
    throw XgbError("model " + name_ + ": " + e.what());
  }
  if (num_features_ == 0) throw XgbError("model " + name_ + " has no features");
  input_.assign(num_features_, 0.0f);
  std::ostringstream iface;
  iface << R"({"data": [)" << reinterpret_cast<std::uintptr_t>(input_.data())
        << R"(, true], "shape": [1, )" << num_features_ << R"(], "typestr": "<f4", "version": 3})";
  input_interface_ = iface.str();
}

std::unique_ptr<XgbModel> XgbModel::load_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw XgbError("cannot read model file " + path.string());
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return std::make_unique<XgbModel>(bytes, path.filename().string());
}

void XgbModel::fill_input(std::span<const float> row) const {
  if (row.size() != num_features_) {
    throw XgbError("model " + name_ + " takes " + std::to_string(num_features_) +
                   " features, got " + std::to_string(row.size()));
  }
  std::copy(row.begin(), row.end(), input_.begin());
}

double XgbModel::predict_type(std::span<const float> row, const char* config) const {
  std::lock_guard lock(mutex_);
  fill_input(row);
  const bst_ulong* shape = nullptr;
  bst_ulong dims = 0;
  const float* out = nullptr;
  xgb_check(XGBoosterPredictFromDense(booster_.get(), input_interface_.c_str(), config, nullptr,
                                      &shape, &dims, &out),
            "XGBoosterPredictFromDense(" + name_ + ")");
  return static_cast<double>(out[0]);
}

double XgbModel::predict(std::span<const float> row) const {
  return predict_type(row, kValueConfig);
}

double XgbModel::margin(std::span<const float> row) const {
  return predict_type(row, kMarginConfig);
}

Contributions XgbModel::contributions(std::span<const float> row) const {
  std::vector<double> all(num_features_ + 1);
  contributions(row, all);
  Contributions out;
  out.bias = all.back();
  all.pop_back();
  out.values = std::move(all);
  return out;
}

void XgbModel::contributions(std::span<const float> row, std::span<double> out) const {
  if (out.size() != num_features_ + 1) {
    throw XgbError("model " + name_ + ": contributions need " + std::to_string(num_features_ + 1) +
                   " slots, got " + std::to_string(out.size()));
  }
  std::lock_guard lock(mutex_);
  fill_input(row);
  DMatrixHandle raw = nullptr;
  xgb_check(XGDMatrixCreateFromDense(input_interface_.c_str(), kDenseConfig, &raw),
            "XGDMatrixCreateFromDense(" + name_ + ")");
  const std::unique_ptr<void, int (*)(DMatrixHandle)> matrix(raw, &XGDMatrixFree);
  const bst_ulong* shape = nullptr;
  bst_ulong dims = 0;
  const float* result = nullptr;
  xgb_check(XGBoosterPredictFromDMatrix(booster_.get(), matrix.get(), kContribConfig, &shape, &dims,
                                        &result),
            "XGBoosterPredictFromDMatrix(" + name_ + ", contributions)");
  bst_ulong count = 1;
  for (bst_ulong d = 0; d < dims; ++d) count *= shape[d];
  if (count != out.size()) {
    throw XgbError("model " + name_ + ": " + std::to_string(count) + " contributions, expected " +
                   std::to_string(out.size()) + " (multi-output models are not supported)");
  }
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<double>(result[i]);
}

}  // namespace sharpline::adapters::ml
