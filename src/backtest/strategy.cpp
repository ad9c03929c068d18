#include "backtest/strategy.hpp"

#include <algorithm>
#include <charconv>
#include <set>

namespace sharpline::backtest {
namespace {

const std::set<std::string>& known_kinds() {
  static const std::set<std::string> kinds = {"value", "arbitrage", "middle", "steam"};
  return kinds;
}

template <typename T>
T field(const nlohmann::json& json, const char* name) {
  try {
    return json.at(name).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw StrategyError(std::string("strategy: '") + name + "' has the wrong type");
  }
}

}  // namespace

Timing parse_timing(const std::string& text) {
  if (text == "open") return {TimingKind::kOpen, 0};
  if (text == "close") return {TimingKind::kClose, 0};
  if (text.starts_with("before:") && text.size() > 8) {
    const std::string amount = text.substr(7, text.size() - 8);
    const char unit = text.back();
    double value = 0.0;
    const auto [end, error] = std::from_chars(amount.data(), amount.data() + amount.size(), value);
    int64_t unit_ms = 0;
    if (unit == 'm') unit_ms = 60LL * 1000;
    if (unit == 'h') unit_ms = 3600LL * 1000;
    if (unit == 'd') unit_ms = 24LL * 3600 * 1000;
    if (error == std::errc() && end == amount.data() + amount.size() && unit_ms > 0 &&
        value > 0.0 && value <= 365.0 * 24 * 60) {
      return {TimingKind::kBefore, static_cast<int64_t>(value * static_cast<double>(unit_ms))};
    }
  }
  throw StrategyError("timing: '" + text + "' is not open, close or before:<N>m|h|d");
}

std::string timing_name(const Timing& timing) {
  switch (timing.kind) {
    case TimingKind::kOpen:
      return "open";
    case TimingKind::kClose:
      return "close";
    case TimingKind::kBefore:
      break;
  }
  if (timing.lead_ms % (3600LL * 1000) == 0) {
    return "before:" + std::to_string(timing.lead_ms / (3600LL * 1000)) + "h";
  }
  return "before:" + std::to_string(timing.lead_ms / (60LL * 1000)) + "m";
}

Strategy strategy_from_json(const nlohmann::json& json, Strategy base) {
  if (!json.is_object()) throw StrategyError("strategy: not a JSON object");
  static const std::set<std::string> keys = {"kinds",     "market",
                                             "timing",    "min_ev",
                                             "min_books", "kelly_multiplier",
                                             "kelly_cap", "bankroll",
                                             "books",     "probability_source",
                                             "model_dir", "bootstrap_resamples",
                                             "seed"};
  for (const auto& [key, value] : json.items()) {
    if (!keys.contains(key)) throw StrategyError("strategy: unknown key '" + key + "'");
  }
  Strategy s = std::move(base);
  if (json.contains("kinds")) s.kinds = field<std::vector<std::string>>(json, "kinds");
  if (json.contains("market")) s.market = field<std::string>(json, "market");
  if (json.contains("timing")) s.timing = parse_timing(field<std::string>(json, "timing"));
  if (json.contains("min_ev")) s.min_ev = field<double>(json, "min_ev");
  if (json.contains("min_books")) s.min_books = field<int>(json, "min_books");
  if (json.contains("kelly_multiplier"))
    s.kelly_multiplier = field<double>(json, "kelly_multiplier");
  if (json.contains("kelly_cap")) s.kelly_cap = field<double>(json, "kelly_cap");
  if (json.contains("bankroll")) s.bankroll = field<double>(json, "bankroll");
  if (json.contains("books")) s.books = field<std::vector<std::string>>(json, "books");
  if (json.contains("probability_source")) {
    const auto source = field<std::string>(json, "probability_source");
    if (source == "consensus") {
      s.source = domain::opportunities::ProbabilitySource::kConsensus;
    } else if (source == "model") {
      s.source = domain::opportunities::ProbabilitySource::kModel;
    } else {
      throw StrategyError("strategy: probability_source '" + source + "' (consensus or model)");
    }
  }
  if (json.contains("model_dir")) s.model_dir = field<std::string>(json, "model_dir");
  if (json.contains("bootstrap_resamples")) {
    s.bootstrap_resamples = field<int>(json, "bootstrap_resamples");
  }
  if (json.contains("seed")) s.seed = field<uint64_t>(json, "seed");
  validate(s);
  return s;
}

void validate(const Strategy& s) {
  if (s.kinds.empty()) throw StrategyError("strategy: kinds is empty");
  for (const auto& kind : s.kinds) {
    if (!known_kinds().contains(kind)) {
      throw StrategyError("strategy: unknown kind '" + kind +
                          "' (value, arbitrage, middle, steam)");
    }
  }
  if (!(s.min_ev > -1.0 && s.min_ev < 10.0)) throw StrategyError("strategy: min_ev out of range");
  if (s.min_books < 1) throw StrategyError("strategy: min_books must be at least 1");
  if (!(s.kelly_multiplier > 0.0 && s.kelly_multiplier <= 1.0)) {
    throw StrategyError("strategy: kelly_multiplier must be in (0, 1]");
  }
  if (!(s.kelly_cap > 0.0 && s.kelly_cap <= 1.0)) {
    throw StrategyError("strategy: kelly_cap must be in (0, 1]");
  }
  if (!(s.bankroll > 0.0 && s.bankroll < 1e15))
    throw StrategyError("strategy: bankroll must be > 0");
  if (s.bootstrap_resamples < 0 || s.bootstrap_resamples > 1000000) {
    throw StrategyError("strategy: bootstrap_resamples must be in [0, 1000000]");
  }
  if (s.source == domain::opportunities::ProbabilitySource::kModel && s.model_dir.empty()) {
    throw StrategyError("strategy: probability_source model needs a model directory");
  }
}

nlohmann::json strategy_to_json(const Strategy& s) {
  return {{"kinds", s.kinds},
          {"market", s.market},
          {"timing", timing_name(s.timing)},
          {"min_ev", s.min_ev},
          {"min_books", s.min_books},
          {"kelly_multiplier", s.kelly_multiplier},
          {"kelly_cap", s.kelly_cap},
          {"bankroll", s.bankroll},
          {"books", s.books},
          {"probability_source",
           s.source == domain::opportunities::ProbabilitySource::kModel ? "model" : "consensus"},
          {"bootstrap_resamples", s.bootstrap_resamples},
          {"seed", s.seed}};
}

stages::PipelineOptions pipeline_options_for(const Strategy& s, stages::PipelineOptions base) {
  base.detection.min_ev = s.min_ev;
  base.detection.steam_min_ev = std::max(base.detection.steam_min_ev, 0.0);
  base.detection.min_books = s.min_books;
  base.detection.kelly_multiplier = s.kelly_multiplier;
  base.detection.kelly_cap = s.kelly_cap;
  base.detection.source = s.source;
  base.consensus.bettable_books = s.books;
  if (s.source == domain::opportunities::ProbabilitySource::kModel) base.model_dir = s.model_dir;
  return base;
}

}  // namespace sharpline::backtest
