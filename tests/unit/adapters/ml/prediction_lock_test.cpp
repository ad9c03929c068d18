// The prediction lock: recomputable, verifies when unchanged, changes when any field changes.
#include "adapters/ml/prediction_lock.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace sharpline::adapters::ml {
namespace {

domain::Prediction sample() {
  domain::Prediction p;
  p.prediction_id = "pred-1";
  p.event_id = "americanfootball_nfl:2025-09-04:dallas-cowboys@philadelphia-eagles";
  p.sport = "americanfootball_nfl";
  p.market = "h2h";
  p.as_of_ms = 1757030400000;
  p.created_ms = 1757030400123;
  p.model_name = "nfl_h2h_xgb";
  p.model_version = "0123456789ab";
  p.role = domain::ModelRole::kChampion;
  p.outcomes = {{"Philadelphia Eagles", std::nullopt, 0.71},
                {"Dallas Cowboys", std::nullopt, 0.29}};
  p.contributions = {{"consensus_prob_home", 0.4, std::nullopt},
                     {"elo_diff", 0.1, std::string("Philadelphia Eagles")}};
  p.base_value = 0.05;
  p.commence_ms = 1757032200000;
  p.lock_sha256 = prediction_lock(p);
  return p;
}

TEST(PredictionLock, VerifiesWhenUnchangedAndIsStable) {
  const auto p = sample();
  EXPECT_EQ(p.lock_sha256.size(), 64u);
  EXPECT_TRUE(verify_prediction_lock(p));
  EXPECT_EQ(prediction_lock(p), prediction_lock(sample()));
  domain::Prediction unlocked = p;
  unlocked.lock_sha256.clear();
  EXPECT_FALSE(verify_prediction_lock(unlocked));
  // The lock field itself is not hashed.
  EXPECT_EQ(prediction_lock(unlocked), p.lock_sha256);
  const std::string text = canonical_prediction_text(p);
  EXPECT_EQ(text.rfind("sharpline.prediction.lock.v1\n", 0), 0u);
  EXPECT_NE(text.find("created_ms=i1757030400123\n"), std::string::npos);
  EXPECT_NE(text.find("d0.70999999999999996"), std::string::npos);
}

TEST(PredictionLock, ChangesWhenAnyFieldChanges) {
  using Edit = std::function<void(domain::Prediction&)>;
  const std::vector<std::pair<const char*, Edit>> edits = {
      {"prediction_id", [](auto& p) { p.prediction_id += "x"; }},
      {"event_id", [](auto& p) { p.event_id += "x"; }},
      {"sport", [](auto& p) { p.sport += "x"; }},
      {"market", [](auto& p) { p.market = "spreads"; }},
      {"as_of_ms", [](auto& p) { ++p.as_of_ms; }},
      {"created_ms", [](auto& p) { ++p.created_ms; }},
      {"model_name", [](auto& p) { p.model_name += "x"; }},
      {"model_version", [](auto& p) { p.model_version += "x"; }},
      {"role", [](auto& p) { p.role = domain::ModelRole::kChallenger; }},
      {"outcome name", [](auto& p) { p.outcomes[0].outcome += "x"; }},
      {"outcome point", [](auto& p) { p.outcomes[0].point = -3.5; }},
      {"outcome probability", [](auto& p) { p.outcomes[0].probability += 1e-12; }},
      {"outcome dropped", [](auto& p) { p.outcomes.pop_back(); }},
      {"outcome order", [](auto& p) { std::swap(p.outcomes[0], p.outcomes[1]); }},
      {"contribution feature", [](auto& p) { p.contributions[0].feature += "x"; }},
      {"contribution value", [](auto& p) { p.contributions[0].value = 0.4000000001; }},
      {"contribution outcome", [](auto& p) { p.contributions[1].outcome.reset(); }},
      {"contribution added",
       [](auto& p) {
         p.contributions.push_back({"x", 0.0, {}});
       }},
      {"base_value", [](auto& p) { p.base_value.reset(); }},
      {"commence_ms", [](auto& p) { p.commence_ms = *p.commence_ms + 1; }},
      {"commence_ms absent", [](auto& p) { p.commence_ms.reset(); }},
      // Shifting text between adjacent strings must not give the same bytes.
      {"string boundary",
       [](auto& p) {
         p.sport = p.sport + p.market.substr(0, 1);
         p.market = p.market.substr(1);
       }},
  };
  const auto original = sample();
  for (const auto& [what, edit] : edits) {
    domain::Prediction changed = original;
    edit(changed);
    EXPECT_NE(prediction_lock(changed), original.lock_sha256) << what;
    EXPECT_FALSE(verify_prediction_lock(changed)) << what;
  }
}

}  // namespace
}  // namespace sharpline::adapters::ml
