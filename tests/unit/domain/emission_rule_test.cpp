#include "domain/market/emission_rule.hpp"

#include <gtest/gtest.h>

namespace sharpline::domain::market {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kT0 = 1'000'000'000;

OutcomeView outcome(const std::string& name, double best, const std::string& book, double p,
                    int books) {
  OutcomeView o;
  o.outcome = name;
  o.best_price = best;
  o.best_book = book;
  o.consensus_probability = p;
  o.books_quoting = books;
  return o;
}

MarketView base_view() {
  MarketView v;
  v.outcomes = {outcome("Away", 1.85, "pinnacle", 0.52, 4),
                outcome("Home", 2.10, "fanduel", 0.48, 4)};
  v.group_of = {0, 0};
  v.books = 4;
  return v;
}

EmittedView emitted(const MarketView& view) {
  EmittedView last;
  remember_emission(last, view, std::nullopt, kT0);
  return last;
}

Steam home_steam() {
  Steam s;
  s.outcome = "Home";
  s.direction = SteamDirection::kShortening;
  s.books_moved = {"a", "b", "c"};
  return s;
}

std::optional<std::string> trigger(const EmittedView& last, const MarketView& now,
                                   const std::optional<Steam>& steam = std::nullopt,
                                   int64_t at = kT0 + kMinute) {
  return emission_trigger(last, now, steam, at, SteamOptions{}, EmissionOptions{});
}

TEST(EmissionRuleTest, FirstVectorIsNewBook) {
  EXPECT_EQ(trigger(EmittedView{}, base_view()), "new_book");
}

TEST(EmissionRuleTest, NothingChangedNoVector) {
  const auto view = base_view();
  EXPECT_EQ(trigger(emitted(view), view), std::nullopt);
}

TEST(EmissionRuleTest, ConsensusMoveBelowThresholdWithSameBestPricesIsAbsorbed) {
  const auto last = emitted(base_view());
  auto now = base_view();
  now.outcomes[0].consensus_probability = 0.524;  // 0.4 points < 0.5
  now.outcomes[1].consensus_probability = 0.476;
  EXPECT_EQ(trigger(last, now), std::nullopt);
}

TEST(EmissionRuleTest, ConsensusMoveAtTheThresholdIsAPriceMove) {
  const auto last = emitted(base_view());
  auto now = base_view();
  now.outcomes[0].consensus_probability = 0.53;  // 1 point
  now.outcomes[1].consensus_probability = 0.47;
  EXPECT_EQ(trigger(last, now), "price_move");
}

TEST(EmissionRuleTest, BestPriceOrItsBookChangingIsAPriceMove) {
  const auto last = emitted(base_view());
  auto price = base_view();
  price.outcomes[1].best_price = 2.15;
  EXPECT_EQ(trigger(last, price), "price_move");
  auto book = base_view();
  book.outcomes[1].best_book = "draftkings";
  EXPECT_EQ(trigger(last, book), "price_move");
}

TEST(EmissionRuleTest, BookCountChangesAreNewBookAndBookRemoved) {
  const auto last = emitted(base_view());
  auto more = base_view();
  more.outcomes[0].books_quoting = 5;
  EXPECT_EQ(trigger(last, more), "new_book");
  auto fewer = base_view();
  fewer.outcomes[0].books_quoting = 3;
  EXPECT_EQ(trigger(last, fewer), "book_removed");
  auto gone = base_view();
  gone.outcomes.pop_back();
  gone.group_of.pop_back();
  EXPECT_EQ(trigger(last, gone), "book_removed");
}

TEST(EmissionRuleTest, PriorityIsSteamThenRemovedThenNewThenPriceMove) {
  const auto last = emitted(base_view());
  auto now = base_view();
  now.outcomes[0].books_quoting = 3;  // removed
  now.outcomes[1].books_quoting = 5;  // new
  now.outcomes[1].best_price = 2.30;  // price move
  EXPECT_EQ(trigger(last, now, home_steam()), "steam");
  EXPECT_EQ(trigger(last, now), "book_removed");
  now.outcomes[0].books_quoting = 4;
  EXPECT_EQ(trigger(last, now), "new_book");
  now.outcomes[1].books_quoting = 4;
  EXPECT_EQ(trigger(last, now), "price_move");
}

TEST(EmissionRuleTest, SameSteamDoesNotRetriggerWithinTheWindow) {
  const auto view = base_view();
  EmittedView last;
  remember_emission(last, view, home_steam(), kT0);
  EXPECT_EQ(last.steam_key, steam_key(home_steam()));
  EXPECT_EQ(last.steam_ms, kT0);
  EXPECT_EQ(last.emitted_ms, kT0);
  // Same key, 30 minutes later and exactly at the window: no trigger.
  EXPECT_EQ(trigger(last, view, home_steam(), kT0 + 30 * kMinute), std::nullopt);
  EXPECT_EQ(trigger(last, view, home_steam(), kT0 + 60 * kMinute), std::nullopt);
  // Past the window: the same steam is news again.
  EXPECT_EQ(trigger(last, view, home_steam(), kT0 + 60 * kMinute + 1), "steam");
  // Another direction or outcome: a new key.
  Steam drifting = home_steam();
  drifting.direction = SteamDirection::kDrifting;
  EXPECT_EQ(trigger(last, view, drifting, kT0 + kMinute), "steam");
  Steam away = home_steam();
  away.outcome = "Away";
  EXPECT_EQ(trigger(last, view, away, kT0 + kMinute), "steam");
}

TEST(EmissionRuleTest, RememberWithoutSteamKeepsTheLastSteam) {
  EmittedView last;
  remember_emission(last, base_view(), home_steam(), kT0);
  auto now = base_view();
  now.outcomes[1].best_price = 2.2;
  remember_emission(last, now, std::nullopt, kT0 + 5 * kMinute);
  EXPECT_EQ(last.outcomes, now.outcomes);
  EXPECT_EQ(last.emitted_ms, kT0 + 5 * kMinute);
  EXPECT_EQ(last.steam_key, steam_key(home_steam()));
  EXPECT_EQ(last.steam_ms, kT0);
}

}  // namespace
}  // namespace sharpline::domain::market
