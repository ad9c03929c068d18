#include "domain/features/soccer_match_features.hpp"

#include <cmath>
#include <string>

#include "domain/errors.hpp"

namespace sharpline::domain::features {
namespace {

void require_probability(double value, std::string_view what) {
  if (!(value >= 0.0 && value <= 1.0)) {
    throw_invalid(std::string(what) + " must be a probability in [0, 1]", value);
  }
}

void require_finite(double value, std::string_view what) {
  if (!std::isfinite(value)) throw_invalid(std::string(what) + " must be a finite number", value);
}

}  // namespace

std::array<double, kSoccer1x2FeatureNames.size()> soccer_1x2_features(
    const Soccer1x2Inputs& inputs) {
  require_probability(inputs.consensus_prob_home, "consensus_prob_home");
  require_probability(inputs.consensus_prob_draw, "consensus_prob_draw");
  require_probability(inputs.consensus_prob_away, "consensus_prob_away");
  const TeamFormView& form = inputs.form;
  require_finite(form.elo_prob_home, "elo_prob_home");
  require_finite(form.elo_diff, "elo_diff");
  require_finite(form.rest_days_home, "rest_days_home");
  require_finite(form.rest_days_away, "rest_days_away");
  require_finite(inputs.line_move_home, "line_move_home");
  require_finite(inputs.hours_to_kickoff, "hours_to_kickoff");
  require_finite(inputs.books, "books");
  require_finite(inputs.best_booksum, "best_booksum");
  return {inputs.consensus_prob_home,
          inputs.consensus_prob_draw,
          inputs.consensus_prob_away,
          form.elo_prob_home,
          form.elo_diff,
          form.rest_days_home,
          form.rest_days_away,
          inputs.line_move_home,
          inputs.hours_to_kickoff,
          inputs.books,
          inputs.best_booksum};
}

}  // namespace sharpline::domain::features
