// RAII owners of the XGBoost C API handles. Every failing XGBoost call becomes an XgbError whose
// message names the call and carries XGBGetLastError()'s text.
#pragma once

#include <xgboost/c_api.h>

#include <cstddef>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sharpline::adapters::ml {

class XgbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws XgbError("<what>: <XGBGetLastError()>") when rc != 0.
void xgb_check(int rc, std::string_view what);

// A DMatrix: rows x cols of float, row-major. Missing values are given as `missing`.
class DMatrix {
 public:
  DMatrix(std::span<const float> values, std::size_t rows, std::size_t cols,
          float missing = kMissing);
  DMatrixHandle get() const { return handle_.get(); }
  void set_labels(std::span<const float> labels);

  static constexpr float kMissing = -1e30f;

 private:
  struct Free {
    void operator()(void* handle) const noexcept { XGDMatrixFree(handle); }
  };
  std::unique_ptr<void, Free> handle_;
  std::size_t rows_ = 0;
};

class Booster {
 public:
  // An empty booster (load a model into it), or one caching the given training matrices.
  Booster();
  explicit Booster(std::span<const DMatrixHandle> cache);
  BoosterHandle get() const { return handle_.get(); }

  void set_param(const std::string& name, const std::string& value);
  void update_one_iter(int iteration, const DMatrix& train);
  void load_model(const std::string& path);
  void load_model_from_buffer(std::string_view bytes);
  // The model as XGBoost's JSON document (config {"format": "json"}).
  std::string save_json() const;
  std::size_t num_features() const;
  int boosted_rounds() const;

 private:
  struct Free {
    void operator()(void* handle) const noexcept { XGBoosterFree(handle); }
  };
  std::unique_ptr<void, Free> handle_;
};

}  // namespace sharpline::adapters::ml
