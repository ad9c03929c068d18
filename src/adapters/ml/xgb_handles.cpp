#include "adapters/ml/xgb_handles.hpp"

namespace sharpline::adapters::ml {

void xgb_check(int rc, std::string_view what) {
  if (rc == 0) return;
  const char* last = XGBGetLastError();
  throw XgbError("xgboost " + std::string(what) + ": " + (last ? last : "unknown error"));
}

DMatrix::DMatrix(std::span<const float> values, std::size_t rows, std::size_t cols, float missing)
    : rows_(rows) {
  if (values.size() != rows * cols) {
    throw XgbError("DMatrix: " + std::to_string(values.size()) + " values for " +
                   std::to_string(rows) + " x " + std::to_string(cols));
  }
  DMatrixHandle out = nullptr;
  xgb_check(XGDMatrixCreateFromMat(values.data(), static_cast<bst_ulong>(rows),
                                   static_cast<bst_ulong>(cols), missing, &out),
            "XGDMatrixCreateFromMat");
  handle_.reset(out);
}

// NOLINTNEXTLINE(readability-make-member-function-const): changes the native object
void DMatrix::set_labels(std::span<const float> labels) {
  if (labels.size() != rows_) {
    throw XgbError("DMatrix: " + std::to_string(labels.size()) + " labels for " +
                   std::to_string(rows_) + " rows");
  }
  xgb_check(
      XGDMatrixSetFloatInfo(get(), "label", labels.data(), static_cast<bst_ulong>(labels.size())),
      "XGDMatrixSetFloatInfo(label)");
}

Booster::Booster() : Booster(std::span<const DMatrixHandle>{}) {}

Booster::Booster(std::span<const DMatrixHandle> cache) {
  BoosterHandle out = nullptr;
  xgb_check(XGBoosterCreate(cache.data(), static_cast<bst_ulong>(cache.size()), &out),
            "XGBoosterCreate");
  handle_.reset(out);
}

// NOLINTNEXTLINE(readability-make-member-function-const): changes the native object
void Booster::set_param(const std::string& name, const std::string& value) {
  xgb_check(XGBoosterSetParam(get(), name.c_str(), value.c_str()),
            "XGBoosterSetParam(" + name + "=" + value + ")");
}

// NOLINTNEXTLINE(readability-make-member-function-const): changes the native object
void Booster::update_one_iter(int iteration, const DMatrix& train) {
  xgb_check(XGBoosterUpdateOneIter(get(), iteration, train.get()), "XGBoosterUpdateOneIter");
}

// NOLINTNEXTLINE(readability-make-member-function-const): changes the native object
void Booster::load_model(const std::string& path) {
  xgb_check(XGBoosterLoadModel(get(), path.c_str()), "XGBoosterLoadModel(" + path + ")");
}

// NOLINTNEXTLINE(readability-make-member-function-const): changes the native object
void Booster::load_model_from_buffer(std::string_view bytes) {
  xgb_check(XGBoosterLoadModelFromBuffer(get(), bytes.data(), static_cast<bst_ulong>(bytes.size())),
            "XGBoosterLoadModelFromBuffer");
}

std::string Booster::save_json() const {
  bst_ulong length = 0;
  const char* data = nullptr;
  xgb_check(XGBoosterSaveModelToBuffer(get(), R"({"format": "json"})", &length, &data),
            "XGBoosterSaveModelToBuffer");
  return {data, length};
}

std::size_t Booster::num_features() const {
  bst_ulong out = 0;
  xgb_check(XGBoosterGetNumFeature(get(), &out), "XGBoosterGetNumFeature");
  return static_cast<std::size_t>(out);
}

int Booster::boosted_rounds() const {
  int out = 0;
  xgb_check(XGBoosterBoostedRounds(get(), &out), "XGBoosterBoostedRounds");
  return out;
}

}  // namespace sharpline::adapters::ml
