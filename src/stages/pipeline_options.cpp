#include "stages/pipeline_options.hpp"

#include <sstream>

#include "domain/odds/devig.hpp"

namespace sharpline::stages {
namespace {

double positive(const Config& config, const std::string& key) {
  const double value = config.get_double(key);
  if (!(value > 0.0)) throw ConfigError(key + " must be > 0, got " + std::to_string(value));
  return value;
}

double non_negative(const Config& config, const std::string& key) {
  const double value = config.get_double(key);
  if (!(value >= 0.0)) throw ConfigError(key + " must be >= 0, got " + std::to_string(value));
  return value;
}

}  // namespace

domain::odds::BookWeights parse_book_weights(const std::string& text) {
  double default_weight = 1.0;
  std::vector<std::pair<std::string, double>> weights;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw ConfigError("book weight '" + item + "' is not BOOK=WEIGHT");
    }
    double weight = 0.0;
    try {
      std::size_t used = 0;
      weight = std::stod(item.substr(eq + 1), &used);
      if (used != item.size() - eq - 1) throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
      throw ConfigError("book weight '" + item + "' has no number after '='");
    }
    if (!(weight >= 0.0)) throw ConfigError("book weight '" + item + "' is negative");
    const std::string book = item.substr(0, eq);
    if (book == "default") {
      default_weight = weight;
    } else {
      weights.emplace_back(book, weight);
    }
  }
  domain::odds::BookWeights result(default_weight);
  for (const auto& [book, weight] : weights) result.set(book, weight);
  return result;
}

PipelineOptions pipeline_options_from_config(const Config& config) {
  PipelineOptions options;
  const std::string method = config.get_or("features.devig.method", "shin");
  const auto parsed = domain::odds::parse_devig_method(method);
  if (!parsed) throw ConfigError("features.devig.method: unknown method '" + method + "'");
  options.consensus.method = *parsed;
  options.consensus.weights = parse_book_weights(config.get_or("features.book.weights", ""));
  {
    std::stringstream books(config.get_or("features.bettable.books", ""));
    std::string book;
    while (std::getline(books, book, ',')) {
      if (!book.empty()) options.consensus.bettable_books.push_back(book);
    }
  }

  options.steam.min_books = static_cast<int>(config.get_int("features.steam.min.books"));
  if (options.steam.min_books < 2) throw ConfigError("features.steam.min.books must be >= 2");
  options.steam.min_move = positive(config, "features.steam.min.move");
  options.steam.window_ms = config.get_int("features.steam.window.minutes") * 60000;
  if (options.steam.window_ms <= 0) throw ConfigError("features.steam.window.minutes must be > 0");
  options.emission.min_probability_change =
      non_negative(config, "features.emit.min.probability.change");

  options.model_dir = config.get_or("inference.model.dir", "");
  options.model_refresh_ms = config.get_int("inference.refresh.seconds") * 1000;
  options.top_contributions = static_cast<int>(config.get_int("inference.contributions.top"));

  auto& d = options.detection;
  const std::string source = config.get_or("opportunities.probability.source", "consensus");
  if (source == "consensus") {
    d.source = domain::opportunities::ProbabilitySource::kConsensus;
  } else if (source == "model") {
    d.source = domain::opportunities::ProbabilitySource::kModel;
  } else {
    throw ConfigError("opportunities.probability.source must be consensus or model, got '" +
                      source + "'");
  }
  d.min_ev = non_negative(config, "opportunities.value.min.ev");
  d.min_books = static_cast<int>(config.get_int("opportunities.value.min.books"));
  d.kelly_multiplier = positive(config, "opportunities.kelly.multiplier");
  if (d.kelly_multiplier > 1.0) throw ConfigError("opportunities.kelly.multiplier must be <= 1");
  d.kelly_cap = positive(config, "opportunities.kelly.cap");
  if (d.kelly_cap > 1.0) throw ConfigError("opportunities.kelly.cap must be <= 1");
  d.min_arbitrage_return = non_negative(config, "opportunities.arbitrage.min.return");
  d.middle_max_cost = non_negative(config, "opportunities.middle.max.cost");
  d.steam_min_ev = config.get_double("opportunities.steam.min.ev");
  d.hysteresis = non_negative(config, "opportunities.hysteresis");
  options.lifecycle.min_ev_change = non_negative(config, "opportunities.update.min.ev.change");
  return options;
}

}  // namespace sharpline::stages
