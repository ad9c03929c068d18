// The JSON configs of XGBoost's prediction calls, one place for the model (xgb_model.cpp) and
// the inference benchmarks that call the C API on the same model in batches.
#pragma once

namespace sharpline::adapters::ml {

// Missing values are NaN (always missing for XGBoost); -1e30 is never a feature value.
// In-place prediction (XGBoosterPredictFromDense): class probabilities and raw margins.
inline constexpr const char* kPredictValueConfig =
    R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
    R"("strict_shape": false, "cache_id": 0, "missing": -1e30})";
inline constexpr const char* kPredictMarginConfig =
    R"({"type": 1, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
    R"("strict_shape": false, "cache_id": 0, "missing": -1e30})";
// In-place prediction supports only types 0 and 1 in XGBoost 1.7 ("Unsupported prediction
// type: 2"), so SHAP contributions go through a DMatrix (XGBoosterPredictFromDMatrix).
inline constexpr const char* kPredictContribConfig =
    R"({"type": 2, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
    R"("strict_shape": false})";

}  // namespace sharpline::adapters::ml
