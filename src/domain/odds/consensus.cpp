#include "domain/odds/consensus.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <utility>

#include "domain/errors.hpp"
#include "domain/odds/formats.hpp"

namespace sharpline::domain::odds {
namespace {

constexpr double kMadToSigma = 1.4826;  // MAD of a normal sample times this estimates sigma
constexpr double kSumTolerance = 1e-6;

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string book_label(const BookProbabilities& book, std::size_t index) {
  return book.book.empty() ? "book " + std::to_string(index)
                           : "book '" + std::string(book.book) + "'";
}

// Lower weighted median: the smallest value whose cumulative weight reaches half the total.
double weighted_median(std::vector<std::pair<double, double>>& values_and_weights) {
  std::sort(values_and_weights.begin(), values_and_weights.end());
  double total = 0.0;
  for (const auto& [value, weight] : values_and_weights) total += weight;
  double cumulative = 0.0;
  for (const auto& [value, weight] : values_and_weights) {
    cumulative += weight;
    if (cumulative >= 0.5 * total) return value;
  }
  return values_and_weights.back().first;
}

void validate(std::span<const BookProbabilities> books) {
  if (books.empty()) throw InvalidInput("need at least one book, got 0");
  const std::size_t outcomes = books[0].probabilities.size();
  if (outcomes < 2) {
    throw InvalidInput("a market needs at least 2 outcomes, got " + std::to_string(outcomes));
  }
  for (std::size_t b = 0; b < books.size(); ++b) {
    const BookProbabilities& book = books[b];
    if (book.probabilities.size() != outcomes) {
      throw InvalidInput(book_label(book, b) + " has " + std::to_string(book.probabilities.size()) +
                         " outcomes, expected " + std::to_string(outcomes));
    }
    if (!std::isfinite(book.weight) || book.weight < 0.0) {
      throw_invalid(book_label(book, b) + ": weight must be >= 0", book.weight);
    }
    double sum = 0.0;
    for (std::size_t i = 0; i < outcomes; ++i) {
      require_probability(book.probabilities[i], i);
      sum += book.probabilities[i];
    }
    if (std::fabs(sum - 1.0) > kSumTolerance) {
      throw_invalid(book_label(book, b) + ": fair probabilities must sum to 1 (de-vig first)", sum);
    }
  }
}

}  // namespace

ConsensusResult consensus_probabilities(std::span<const BookProbabilities> books,
                                        const ConsensusOptions& options) {
  validate(books);
  const std::size_t outcomes = books[0].probabilities.size();
  ConsensusResult result;

  std::vector<bool> keep(books.size());
  std::size_t weighted_books = 0;
  for (std::size_t b = 0; b < books.size(); ++b) {
    keep[b] = books[b].weight > 0.0;
    if (keep[b]) ++weighted_books;
  }

  if (weighted_books >= options.min_books_for_rejection) {
    std::vector<std::pair<double, double>> column;
    for (std::size_t i = 0; i < outcomes; ++i) {
      column.clear();
      for (std::size_t b = 0; b < books.size(); ++b) {
        if (books[b].weight > 0.0) column.emplace_back(books[b].probabilities[i], books[b].weight);
      }
      const double median = weighted_median(column);
      for (auto& [value, weight] : column) value = std::fabs(value - median);
      const double spread = kMadToSigma * weighted_median(column);
      const double tolerance = std::fmax(options.outlier_threshold * spread, options.min_deviation);
      for (std::size_t b = 0; b < books.size(); ++b) {
        if (books[b].weight > 0.0 && std::fabs(books[b].probabilities[i] - median) > tolerance) {
          keep[b] = false;
        }
      }
    }
  }

  result.probabilities.assign(outcomes, 0.0);
  for (std::size_t b = 0; b < books.size(); ++b) {
    if (!keep[b]) {
      result.rejected.push_back(b);
      continue;
    }
    result.used.push_back(b);
    result.total_weight += books[b].weight;
    for (std::size_t i = 0; i < outcomes; ++i) {
      result.probabilities[i] += books[b].weight * books[b].probabilities[i];
    }
  }
  if (result.used.empty()) {
    result.valid = false;
    result.reason = "no book left with a positive weight after outlier rejection";
    return result;
  }
  double sum = 0.0;
  for (double p : result.probabilities) sum += p;
  for (double& p : result.probabilities) p /= sum;
  result.fair_odds = fair_odds(result.probabilities);
  return result;
}

ConsensusResult consensus_fair_price(std::span<const BookPrices> books, DevigMethod method,
                                     const ConsensusOptions& options) {
  std::vector<DevigResult> fair;
  fair.reserve(books.size());
  std::vector<BookProbabilities> usable;
  std::vector<std::size_t> original_index;
  std::vector<std::size_t> unusable;
  for (std::size_t b = 0; b < books.size(); ++b) {
    fair.push_back(devig(method, books[b].decimal_odds));
    if (!fair.back().valid) {
      unusable.push_back(b);
      continue;
    }
    usable.push_back({books[b].book, fair.back().probabilities, books[b].weight});
    original_index.push_back(b);
  }
  if (usable.empty()) {
    ConsensusResult result;
    result.valid = false;
    result.rejected = unusable;
    result.reason = "no book could be de-vigged with method " + std::string(method_name(method));
    return result;
  }
  ConsensusResult result = consensus_probabilities(usable, options);
  for (std::size_t& index : result.used) index = original_index[index];
  for (std::size_t& index : result.rejected) index = original_index[index];
  result.rejected.insert(result.rejected.end(), unusable.begin(), unusable.end());
  std::sort(result.rejected.begin(), result.rejected.end());
  return result;
}

BookWeights::BookWeights(double default_weight) : default_weight_(default_weight) {
  if (!std::isfinite(default_weight) || default_weight < 0.0) {
    throw_invalid("default book weight must be >= 0", default_weight);
  }
}

BookWeights& BookWeights::set(std::string_view book, double weight) {
  if (!std::isfinite(weight) || weight < 0.0) {
    throw_invalid("weight of book '" + std::string(book) + "' must be >= 0", weight);
  }
  weights_[lowercase(book)] = weight;
  return *this;
}

double BookWeights::weight(std::string_view book) const {
  const auto it = weights_.find(lowercase(book));
  return it == weights_.end() ? default_weight_ : it->second;
}

BookWeights BookWeights::sharp_books() {
  BookWeights weights(1.0);
  weights.set("pinnacle", 3.0).set("circasports", 2.0).set("bookmaker", 2.0);
  return weights;
}

}  // namespace sharpline::domain::odds
