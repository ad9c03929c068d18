// The datasets read from the shared data folder (skipped when it is absent).
#include "adapters/history/dataset.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

namespace sharpline::adapters::history {
namespace {

std::filesystem::path data_dir() {
  if (const char* env = std::getenv("SHARPLINE_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return std::filesystem::path(SHARPLINE_SOURCE_DIR) / ".." / "shared" / "data";
}

TEST(Dataset, FootballDataLeagueAndSeasonSelectionWithoutAggregates) {
  if (!std::filesystem::exists(data_dir() / "football_data")) GTEST_SKIP() << "no shared data";
  DatasetSpec spec{"football-data", data_dir(), {"E0"}, 2021, 2022};
  const auto dataset = load_dataset(spec);
  EXPECT_EQ(dataset.batch.events.size(), 760U);  // two Premier League seasons
  EXPECT_EQ(dataset.batch.results.size(), 760U);
  for (const auto& e : dataset.batch.events) {
    EXPECT_EQ(e.sport, "soccer_epl");
    EXPECT_TRUE(e.season == 2021 || e.season == 2022);
  }
  EXPECT_TRUE(std::none_of(dataset.batch.quotes.begin(), dataset.batch.quotes.end(),
                           [](const auto& q) { return is_aggregate_book(q.bookmaker); }));
  spec.keep_aggregate_prices = true;
  const auto with = load_dataset(spec);
  EXPECT_GT(with.batch.quotes.size(), dataset.batch.quotes.size());
}

TEST(Dataset, SbroMlbGetsRetrosheetWeather) {
  if (!std::filesystem::exists(data_dir() / "sbro")) GTEST_SKIP() << "no shared data";
  const auto dataset = load_dataset({"sbro", data_dir(), {"mlb"}, 2019, 2019});
  EXPECT_GT(dataset.batch.events.size(), 2000U);
  EXPECT_GT(dataset.batch.weather.size(), dataset.batch.events.size() / 2);
}

DatasetSpec spec_of(std::string name, std::filesystem::path dir,
                    std::vector<std::string> leagues = {}) {
  DatasetSpec spec;
  spec.name = std::move(name);
  spec.data_dir = std::move(dir);
  spec.leagues = std::move(leagues);
  return spec;
}

TEST(Dataset, BadSelectionsAreClearErrors) {
  EXPECT_THROW(load_dataset(spec_of("kaggle", data_dir())), DatasetError);
  EXPECT_THROW(load_dataset(spec_of("football-data", data_dir(), {"XX"})), DatasetError);
  EXPECT_THROW(load_dataset(spec_of("sbro", data_dir(), {"cfl"})), DatasetError);
  EXPECT_THROW(load_dataset(spec_of("football-data", "/nonexistent/sharpline")), DatasetError);
  if (!std::filesystem::exists(data_dir() / "football_data")) return;
  EXPECT_THROW(load_dataset({"football-data", data_dir(), {"E0"}, 1990, 1991}), DatasetError);
}

}  // namespace
}  // namespace sharpline::adapters::history
