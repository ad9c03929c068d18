// Consensus fair price of one market across bookmakers, for the stages that need "the" fair
// probability: a weighted linear pool of each book's de-vigged probabilities after dropping
// books whose line is far from the others (stale or mis-posted prices).
//
// Outlier rule (robust z-score, Iglewicz & Hoaglin 1993): for every outcome i take the weighted
// median m_i of the books' probabilities and the weighted median absolute deviation MAD_i. A book
// is dropped when, for some outcome, |p_bi - m_i| > max(threshold * 1.4826 * MAD_i, min_deviation).
// The floor keeps books that differ by a hair from being dropped when the others agree exactly.
// With fewer than `min_books_for_rejection` books nothing is dropped: two books cannot say which
// of them is wrong.
#pragma once

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/odds/devig.hpp"

namespace sharpline::domain::odds {

struct ConsensusOptions {
  double outlier_threshold = 3.5;  // robust z-score beyond which a book is an outlier
  double min_deviation = 0.01;     // absolute probability difference always tolerated
  std::size_t min_books_for_rejection = 3;
};

struct BookProbabilities {
  std::string_view book;                  // for reporting only
  std::span<const double> probabilities;  // de-vigged, summing to 1, same outcome order
  double weight = 1.0;                    // >= 0; 0 ignores the book
};

struct BookPrices {
  std::string_view book;
  std::span<const double> decimal_odds;
  double weight = 1.0;
};

struct ConsensusResult {
  std::vector<double> probabilities;  // pooled fair probabilities, summing to 1
  std::vector<double> fair_odds;      // 1 / probability
  std::vector<std::size_t> used;      // indices of the books in the pool
  std::vector<std::size_t> rejected;  // indices dropped as outliers or unusable
  double total_weight = 0.0;
  bool valid = true;
  std::string reason;
};

ConsensusResult consensus_probabilities(std::span<const BookProbabilities> books,
                                        const ConsensusOptions& options = {});

// De-vigs every book with `method` first; a book whose de-vig is invalid is rejected.
ConsensusResult consensus_fair_price(std::span<const BookPrices> books, DevigMethod method,
                                     const ConsensusOptions& options = {});

// Per-book weights with a default for books not listed; names compare case-insensitively.
class BookWeights {
 public:
  explicit BookWeights(double default_weight = 1.0);
  BookWeights& set(std::string_view book, double weight);
  double weight(std::string_view book) const;
  double default_weight() const { return default_weight_; }

  // A starting point that trusts market-making books more: pinnacle 3, circasports 2,
  // bookmaker 2, everything else 1.
  static BookWeights sharp_books();

 private:
  double default_weight_;
  std::map<std::string, double> weights_;
};

}  // namespace sharpline::domain::odds
