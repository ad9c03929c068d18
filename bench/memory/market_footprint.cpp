#include "memory/market_footprint.hpp"

#include <malloc.h>

#include <numeric>
#include <vector>

namespace sharpline::bench::memory {
namespace {

constexpr std::size_t kChunkHeader = 8;    // glibc: the size field before each block
constexpr std::size_t kRbNodeHeader = 32;  // libstdc++ _Rb_tree_node_base: colour + 3 links

std::size_t block(const void* p) {
  return p == nullptr ? 0 : malloc_usable_size(const_cast<void*>(p)) + kChunkHeader;
}

// Heap bytes of a string beyond its inline buffer (0 when the short-string buffer holds it).
std::size_t heap(const std::string& s) {
  return s.capacity() > 15 ? block(s.data()) : 0;
}

template <typename T>
std::size_t heap(const std::vector<T>& v) {
  return v.capacity() > 0 ? block(v.data()) : 0;
}

// Smallest glibc chunk holding n bytes of payload (16-byte aligned, 32 at least).
std::size_t chunk_for(std::size_t n) {
  const std::size_t with_header = n + kChunkHeader;
  const std::size_t rounded = (with_header + 15) / 16 * 16;
  return rounded < 32 ? 32 : rounded;
}

}  // namespace

std::size_t Footprint::total() const {
  return std::accumulate(bytes.begin(), bytes.end(), std::size_t{0},
                         [](std::size_t sum, const auto& part) { return sum + part.second; });
}

Footprint market_footprint(
    const runtime::stream::KeyValueStore<stages::FeaturesMarket>::Map& markets) {
  using Node = std::pair<const std::string, stages::FeaturesMarket>;
  Footprint out;
  auto& b = out.bytes;
  for (const auto& [key, market] : markets) {
    ++out.markets;
    const auto& state = market.state;
    b["map_nodes"] += chunk_for(kRbNodeHeader + sizeof(Node));
    b["keys_and_ids"] += heap(key) + heap(state.event_id) + heap(state.sport) + heap(state.market);
    out.prices += state.prices.size();
    b["prices_vector"] += heap(state.prices);
    for (const auto& price : state.prices)
      b["prices_strings"] += heap(price.book) + heap(price.outcome);
    b["openings_vector"] += heap(state.openings);
    for (const auto& opening : state.openings) {
      b["openings_strings"] += heap(opening.book) + heap(opening.outcome);
    }
    out.moves += state.moves.size();
    b["moves_vector"] += heap(state.moves);
    for (const auto& move : state.moves) b["moves_strings"] += heap(move.book) + heap(move.outcome);
    b["emitted_view"] += heap(market.emitted.outcomes) +
                         (market.emitted.steam_key ? heap(*market.emitted.steam_key) : 0);
    for (const auto& outcome : market.emitted.outcomes) {
      b["emitted_view"] += heap(outcome.outcome) + heap(outcome.best_book);
    }
  }
  return out;
}

}  // namespace sharpline::bench::memory
