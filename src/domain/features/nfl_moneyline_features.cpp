#include "domain/features/nfl_moneyline_features.hpp"

#include <cmath>

#include "domain/errors.hpp"

namespace sharpline::domain::features {
namespace {

constexpr double kDefaultTemperatureC = 15.0;
constexpr double kDefaultWindKmh = 0.0;

double finite_or(const std::optional<double>& value, double fallback) {
  return value && std::isfinite(*value) ? *value : fallback;
}

void require_finite(double value, std::string_view what) {
  if (!std::isfinite(value)) throw_invalid(std::string(what) + " must be a finite number", value);
}

}  // namespace

std::array<double, kNflMoneylineFeatureNames.size()> nfl_moneyline_features(
    const NflMoneylineInputs& inputs) {
  if (!(inputs.consensus_prob_home >= 0.0 && inputs.consensus_prob_home <= 1.0)) {
    throw_invalid("consensus_prob_home must be a probability in [0, 1]",
                  inputs.consensus_prob_home);
  }
  const TeamFormView& form = inputs.form;
  require_finite(form.elo_prob_home, "elo_prob_home");
  require_finite(form.elo_diff, "elo_diff");
  require_finite(form.rest_days_home, "rest_days_home");
  require_finite(form.rest_days_away, "rest_days_away");
  // Indoors the weather outside does not reach the field: the same values as "unknown".
  const double temperature =
      inputs.indoors ? kDefaultTemperatureC : finite_or(inputs.temperature_c, kDefaultTemperatureC);
  const double wind =
      inputs.indoors ? kDefaultWindKmh : finite_or(inputs.wind_speed_kmh, kDefaultWindKmh);
  return {
      inputs.consensus_prob_home, form.elo_prob_home, form.elo_diff, form.rest_days_home,
      form.rest_days_away,        temperature,        wind,          inputs.indoors ? 1.0 : 0.0};
}

}  // namespace sharpline::domain::features
