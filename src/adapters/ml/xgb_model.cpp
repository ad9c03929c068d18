#include "adapters/ml/xgb_model.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>

#include "adapters/ml/xgb_predict_config.hpp"

namespace sharpline::adapters::ml {
namespace {

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
  // The number of outputs per row tells binary (1) from multi:softprob (num_class): one
  // prediction of an all-missing row reads it without parsing the model's configuration.
  std::fill(input_.begin(), input_.end(), std::numeric_limits<float>::quiet_NaN());
  const bst_ulong* shape = nullptr;
  bst_ulong dims = 0;
  const float* out = nullptr;
  xgb_check(XGBoosterPredictFromDense(booster_.get(), input_interface_.c_str(), kPredictValueConfig,
                                      nullptr, &shape, &dims, &out),
            "XGBoosterPredictFromDense(" + name_ + ")");
  bst_ulong count = 1;
  for (bst_ulong d = 0; d < dims; ++d) count *= shape[d];
  num_outputs_ = static_cast<std::size_t>(count);
  multiclass_ = num_outputs_ > 1;
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

void XgbModel::require_binary(const char* what) const {
  if (multiclass_) {
    throw XgbError("model " + name_ + " has " + std::to_string(num_outputs_) + " classes; " + what +
                   " is for binary models");
  }
}

double XgbModel::predict(std::span<const float> row) const {
  require_binary("predict");
  return predict_type(row, kPredictValueConfig);
}

double XgbModel::margin(std::span<const float> row) const {
  require_binary("margin");
  return predict_type(row, kPredictMarginConfig);
}

void XgbModel::class_probabilities(std::span<const float> row, std::span<double> out) const {
  if (out.size() != num_classes()) {
    throw XgbError("model " + name_ + ": class probabilities need " +
                   std::to_string(num_classes()) + " slots, got " + std::to_string(out.size()));
  }
  if (!multiclass_) {
    const double p = predict_type(row, kPredictValueConfig);
    out[0] = 1.0 - p;
    out[1] = p;
    return;
  }
  std::lock_guard lock(mutex_);
  fill_input(row);
  const bst_ulong* shape = nullptr;
  bst_ulong dims = 0;
  const float* result = nullptr;
  xgb_check(XGBoosterPredictFromDense(booster_.get(), input_interface_.c_str(), kPredictValueConfig,
                                      nullptr, &shape, &dims, &result),
            "XGBoosterPredictFromDense(" + name_ + ")");
  // The softmax is computed in float; summing again in double makes the served probabilities
  // add up to 1 to double precision, as the binary {1 - p, p} do.
  double sum = 0.0;
  for (std::size_t k = 0; k < out.size(); ++k) {
    out[k] = static_cast<double>(result[k]);
    sum += out[k];
  }
  if (sum > 0.0) {
    for (double& p : out) p /= sum;
  }
}

std::vector<double> XgbModel::class_probabilities(std::span<const float> row) const {
  std::vector<double> out(num_classes());
  class_probabilities(row, out);
  return out;
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
  require_binary("contributions");
  class_contributions(row, out);
}

std::vector<Contributions> XgbModel::class_contributions(std::span<const float> row) const {
  const std::size_t width = num_features_ + 1;
  std::vector<double> all(contribution_groups() * width);
  class_contributions(row, all);
  std::vector<Contributions> out(contribution_groups());
  for (std::size_t g = 0; g < out.size(); ++g) {
    out[g].values.assign(all.begin() + static_cast<std::ptrdiff_t>(g * width),
                         all.begin() + static_cast<std::ptrdiff_t>(g * width + num_features_));
    out[g].bias = all[g * width + num_features_];
  }
  return out;
}

void XgbModel::class_contributions(std::span<const float> row, std::span<double> out) const {
  if (out.size() != contribution_groups() * (num_features_ + 1)) {
    throw XgbError("model " + name_ + ": contributions need " +
                   std::to_string(contribution_groups() * (num_features_ + 1)) + " slots, got " +
                   std::to_string(out.size()));
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
  xgb_check(XGBoosterPredictFromDMatrix(booster_.get(), matrix.get(), kPredictContribConfig, &shape,
                                        &dims, &result),
            "XGBoosterPredictFromDMatrix(" + name_ + ", contributions)");
  bst_ulong count = 1;
  for (bst_ulong d = 0; d < dims; ++d) count *= shape[d];
  if (count != out.size()) {
    throw XgbError("model " + name_ + ": " + std::to_string(count) + " contributions, expected " +
                   std::to_string(out.size()));
  }
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<double>(result[i]);
}

}  // namespace sharpline::adapters::ml
