// Micro-benchmarks of the odds-math hot paths: de-vig of one market per iteration through the
// allocation-free span API, on typical 2-way (moneyline), 3-way (1X2) and 12-runner markets.
// Target from issue 3: Shin on a 3-way market well under a microsecond.
#include <benchmark/benchmark.h>

#include <array>
#include <vector>

#include "domain/odds/devig.hpp"
#include "domain/odds/kelly.hpp"
#include "domain/ratings/elo_engine.hpp"

namespace {

using sharpline::domain::odds::DevigMethod;

constexpr std::array<double, 2> kTwoWay = {1.87, 1.95};
constexpr std::array<double, 3> kThreeWay = {2.6, 2.4, 4.3};
constexpr std::array<double, 12> kRace = {3.5,  5.0,  6.5,  8.0,  10.0, 12.0,
                                          15.0, 21.0, 26.0, 34.0, 51.0, 101.0};

template <std::size_t N>
void devig_market(benchmark::State& state, DevigMethod method, const std::array<double, N>& odds) {
  std::array<double, N> out{};
  for (auto _ : state) {
    benchmark::DoNotOptimize(odds.data());
    const auto summary = sharpline::domain::odds::devig(method, odds, out);
    benchmark::DoNotOptimize(summary);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Devig2Way(benchmark::State& state) {
  devig_market(state, static_cast<DevigMethod>(state.range(0)), kTwoWay);
  state.SetLabel(
      std::string(sharpline::domain::odds::method_name(static_cast<DevigMethod>(state.range(0)))));
}
void BM_Devig3Way(benchmark::State& state) {
  devig_market(state, static_cast<DevigMethod>(state.range(0)), kThreeWay);
  state.SetLabel(
      std::string(sharpline::domain::odds::method_name(static_cast<DevigMethod>(state.range(0)))));
}
void BM_Devig12Runners(benchmark::State& state) {
  devig_market(state, static_cast<DevigMethod>(state.range(0)), kRace);
  state.SetLabel(
      std::string(sharpline::domain::odds::method_name(static_cast<DevigMethod>(state.range(0)))));
}

void all_methods(benchmark::internal::Benchmark* bench) {
  for (DevigMethod method : sharpline::domain::odds::kAllDevigMethods) {
    bench->Arg(static_cast<int>(method));
  }
}

BENCHMARK(BM_Devig2Way)->Apply(all_methods);
BENCHMARK(BM_Devig3Way)->Apply(all_methods);
BENCHMARK(BM_Devig12Runners)->Apply(all_methods);

void BM_SimultaneousKelly3Way(benchmark::State& state) {
  constexpr std::array<double, 3> odds = {2.4, 3.1, 3.3};
  constexpr std::array<double, 3> probs = {0.45, 0.33, 0.22};
  std::array<double, 3> stakes{};
  for (auto _ : state) {
    benchmark::DoNotOptimize(odds.data());
    const auto summary = sharpline::domain::odds::simultaneous_kelly(odds, probs, {}, stakes);
    benchmark::DoNotOptimize(summary);
  }
}
BENCHMARK(BM_SimultaneousKelly3Way);

void BM_EloGame(benchmark::State& state) {
  using namespace sharpline::domain::ratings;
  EloEngine engine(nfl538());
  const Game game{"KC", "BUF", 2023, false, 27, 24};
  for (auto _ : state) {
    const GameRating rating = engine.process(game);
    benchmark::DoNotOptimize(rating);
  }
}
BENCHMARK(BM_EloGame);

}  // namespace
