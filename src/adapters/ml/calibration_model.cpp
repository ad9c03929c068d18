#include "adapters/ml/calibration_model.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>

namespace sharpline::adapters::ml {
namespace {

namespace cal = domain::calibration;

constexpr double kClip = 1e-15;

void check_shape(std::span<const double> probabilities, std::span<const float> labels,
                 std::size_t num_classes) {
  if (num_classes < 2) throw std::invalid_argument("calibration needs at least 2 classes");
  if (probabilities.size() != labels.size() * num_classes) {
    throw std::invalid_argument("calibration: " + std::to_string(probabilities.size()) +
                                " probabilities for " + std::to_string(labels.size()) +
                                " rows of " + std::to_string(num_classes) + " classes");
  }
  for (const float label : labels) {
    if (!(label >= 0.0f && label < static_cast<float>(num_classes)) || label != std::floor(label)) {
      throw std::invalid_argument("calibration: a label is not a class index");
    }
  }
}

// The calibrated class (binary: the positive class) k's column and one-vs-rest labels.
void column(std::span<const double> probabilities, std::span<const float> labels,
            std::size_t num_classes, std::size_t k, std::vector<double>& p,
            std::vector<double>& y) {
  p.resize(labels.size());
  y.resize(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    p[i] = probabilities[i * num_classes + k];
    y[i] = static_cast<std::size_t>(labels[i]) == k ? 1.0 : 0.0;
  }
}

double mean_log_loss(const cal::PlattCalibrator& platt, std::span<const double> p,
                     std::span<const double> y) {
  double sum = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double q = std::clamp(platt.apply(p[i]), kClip, 1.0 - kClip);
    sum -= y[i] > 0.5 ? std::log(q) : std::log(1.0 - q);
  }
  return sum / static_cast<double>(p.size());
}

// A maximum-likelihood fit is never worse on its own rows than the identity map (a 1, b 0), so
// a fit that is, or that is not finite, has failed: keep the identity for that class rather
// than serve a step function. fit_platt's Newton steps are damped (it never raises the loss),
// so this is a last line of defence, not a path taken on ordinary data.
cal::PlattCalibrator checked_platt(std::span<const double> p, std::span<const double> y) {
  const cal::PlattCalibrator fitted = cal::fit_platt(p, y);
  const cal::PlattCalibrator identity;
  if (std::isfinite(fitted.a) && std::isfinite(fitted.b) &&
      mean_log_loss(fitted, p, y) <= mean_log_loss(identity, p, y)) {
    return fitted;
  }
  return identity;
}

// Total (not mean) log loss of `rows` after applying `calibration`.
double total_log_loss(const Calibration& calibration, std::span<const double> probabilities,
                      std::span<const float> labels, std::size_t num_classes) {
  std::vector<double> calibrated(probabilities.begin(), probabilities.end());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    calibration.apply(std::span<double>(calibrated).subspan(i * num_classes, num_classes));
  }
  return class_log_loss(calibrated, labels, num_classes) * static_cast<double>(labels.size());
}

}  // namespace

std::string_view calibration_method_name(CalibrationMethod method) {
  switch (method) {
    case CalibrationMethod::kNone:
      return "none";
    case CalibrationMethod::kPlatt:
      return "platt";
    case CalibrationMethod::kIsotonic:
      return "isotonic";
  }
  return "none";
}

std::optional<CalibrationMethod> parse_calibration_method(std::string_view text) {
  if (text == "none") return CalibrationMethod::kNone;
  if (text == "platt") return CalibrationMethod::kPlatt;
  if (text == "isotonic") return CalibrationMethod::kIsotonic;
  return std::nullopt;
}

std::size_t Calibration::calibrators_for(CalibrationMethod method, std::size_t num_classes) {
  if (method == CalibrationMethod::kNone) return 0;
  return num_classes == 2 ? 1 : num_classes;
}

void Calibration::apply(std::span<double> probabilities) const {
  if (method == CalibrationMethod::kNone) return;
  const std::size_t n = probabilities.size();
  const std::size_t count = method == CalibrationMethod::kPlatt ? platt.size() : isotonic.size();
  if (count != calibrators_for(method, n)) {
    throw std::invalid_argument("calibration has " + std::to_string(count) + " calibrators for " +
                                std::to_string(n) + " classes");
  }
  const auto one = [&](std::size_t index, double p) {
    return method == CalibrationMethod::kPlatt ? platt[index].apply(p) : isotonic[index].apply(p);
  };
  if (n == 2) {
    const double p = std::clamp(one(0, probabilities[1]), 0.0, 1.0);
    probabilities[0] = 1.0 - p;
    probabilities[1] = p;
    return;
  }
  // One-vs-rest calibration does not keep the sum at 1; renormalise. When every class maps to
  // 0 (isotonic at the bottom of all its steps) the raw probabilities are the better answer.
  double raw[16];
  const bool keep_raw = n <= std::size(raw);
  double sum = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    if (keep_raw) raw[k] = probabilities[k];
    probabilities[k] = std::max(0.0, one(k, probabilities[k]));
    sum += probabilities[k];
  }
  if (sum > 0.0 && std::isfinite(sum)) {
    for (double& p : probabilities) p /= sum;
  } else if (keep_raw) {
    std::copy(raw, raw + n, probabilities.begin());
  } else {
    for (double& p : probabilities) p = 1.0 / static_cast<double>(n);
  }
}

bool operator==(const Calibration& a, const Calibration& b) {
  if (a.method != b.method || a.platt.size() != b.platt.size() ||
      a.isotonic.size() != b.isotonic.size() || a.selection_log_loss != b.selection_log_loss) {
    return false;
  }
  for (std::size_t i = 0; i < a.platt.size(); ++i) {
    if (a.platt[i].a != b.platt[i].a || a.platt[i].b != b.platt[i].b) return false;
  }
  for (std::size_t i = 0; i < a.isotonic.size(); ++i) {
    if (a.isotonic[i].x != b.isotonic[i].x || a.isotonic[i].y != b.isotonic[i].y) return false;
  }
  return true;
}

Calibration fit_calibration(CalibrationMethod method, std::span<const double> probabilities,
                            std::span<const float> labels, std::size_t num_classes) {
  check_shape(probabilities, labels, num_classes);
  Calibration out;
  out.method = method;
  if (method == CalibrationMethod::kNone) return out;
  if (labels.size() < 2) throw std::invalid_argument("calibration needs at least 2 rows");
  std::vector<double> p;
  std::vector<double> y;
  const std::size_t first = num_classes == 2 ? 1 : 0;
  for (std::size_t k = first; k < num_classes; ++k) {
    column(probabilities, labels, num_classes, k, p, y);
    if (method == CalibrationMethod::kPlatt) {
      out.platt.push_back(checked_platt(p, y));
    } else {
      out.isotonic.push_back(cal::fit_isotonic(p, y));
    }
  }
  return out;
}

Calibration choose_calibration(std::span<const double> probabilities, std::span<const float> labels,
                               std::size_t num_classes) {
  check_shape(probabilities, labels, num_classes);
  const std::size_t n = labels.size();
  if (n < 4) return {};
  const std::size_t half = n / 2;
  const auto first_p = probabilities.first(half * num_classes);
  const auto second_p = probabilities.subspan(half * num_classes);
  const auto first_y = labels.first(half);
  const auto second_y = labels.subspan(half);
  CalibrationMethod best = CalibrationMethod::kNone;
  double best_score = 0.0;
  std::vector<std::pair<std::string, double>> scores;
  for (const auto method :
       {CalibrationMethod::kNone, CalibrationMethod::kPlatt, CalibrationMethod::kIsotonic}) {
    const double score = total_log_loss(fit_calibration(method, first_p, first_y, num_classes),
                                        second_p, second_y, num_classes) +
                         total_log_loss(fit_calibration(method, second_p, second_y, num_classes),
                                        first_p, first_y, num_classes);
    scores.emplace_back(calibration_method_name(method), score);
    // Strictly better only: a tie keeps the simpler method.
    if (method == CalibrationMethod::kNone || score < best_score) {
      best = method;
      best_score = score;
    }
  }
  Calibration chosen = fit_calibration(best, probabilities, labels, num_classes);
  chosen.selection_log_loss = std::move(scores);
  return chosen;
}

double class_log_loss(std::span<const double> probabilities, std::span<const float> labels,
                      std::size_t num_classes) {
  check_shape(probabilities, labels, num_classes);
  if (labels.empty()) throw std::invalid_argument("log loss of no rows");
  double sum = 0.0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const double p = probabilities[i * num_classes + static_cast<std::size_t>(labels[i])];
    sum -= std::log(std::clamp(p, kClip, 1.0 - kClip));
  }
  return sum / static_cast<double>(labels.size());
}

double class_brier(std::span<const double> probabilities, std::span<const float> labels,
                   std::size_t num_classes) {
  check_shape(probabilities, labels, num_classes);
  if (labels.empty()) throw std::invalid_argument("Brier score of no rows");
  double sum = 0.0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto y = static_cast<std::size_t>(labels[i]);
    if (num_classes == 2) {
      const double e = probabilities[i * 2 + 1] - (y == 1 ? 1.0 : 0.0);
      sum += e * e;
      continue;
    }
    for (std::size_t k = 0; k < num_classes; ++k) {
      const double e = probabilities[i * num_classes + k] - (y == k ? 1.0 : 0.0);
      sum += e * e;
    }
  }
  return sum / static_cast<double>(labels.size());
}

nlohmann::json calibration_to_json(const Calibration& c) {
  nlohmann::json classes = nlohmann::json::array();
  for (const auto& p : c.platt) classes.push_back({{"a", p.a}, {"b", p.b}});
  for (const auto& i : c.isotonic) classes.push_back({{"x", i.x}, {"y", i.y}});
  nlohmann::json out = {{"method", std::string(calibration_method_name(c.method))},
                        {"classes", classes}};
  if (!c.selection_log_loss.empty()) {
    nlohmann::json selection = nlohmann::json::object();
    for (const auto& [name, score] : c.selection_log_loss) selection[name] = score;
    out["selection_log_loss"] = selection;
  }
  return out;
}

Calibration calibration_from_json(const nlohmann::json& json) {
  try {
    Calibration c;
    const auto text = json.at("method").get<std::string>();
    const auto method = parse_calibration_method(text);
    if (!method) throw std::invalid_argument("unknown calibration method '" + text + "'");
    c.method = *method;
    for (const auto& entry : json.value("classes", nlohmann::json::array())) {
      if (c.method == CalibrationMethod::kPlatt) {
        c.platt.push_back({entry.at("a").get<double>(), entry.at("b").get<double>()});
      } else if (c.method == CalibrationMethod::kIsotonic) {
        cal::IsotonicCalibrator iso;
        iso.x = entry.at("x").get<std::vector<double>>();
        iso.y = entry.at("y").get<std::vector<double>>();
        if (iso.x.size() != iso.y.size() || !std::is_sorted(iso.x.begin(), iso.x.end())) {
          throw std::invalid_argument("isotonic calibrator needs increasing x and as many y");
        }
        c.isotonic.push_back(std::move(iso));
      } else {
        throw std::invalid_argument("calibration none takes no parameters");
      }
    }
    if (const auto it = json.find("selection_log_loss"); it != json.end() && it->is_object()) {
      // Sorted by method order so the value compares equal with what was fitted.
      for (const auto method :
           {CalibrationMethod::kNone, CalibrationMethod::kPlatt, CalibrationMethod::kIsotonic}) {
        const std::string name(calibration_method_name(method));
        if (const auto s = it->find(name); s != it->end()) {
          c.selection_log_loss.emplace_back(name, s->get<double>());
        }
      }
    }
    return c;
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("calibration: ") + e.what());
  }
}

}  // namespace sharpline::adapters::ml
