// Where the features stage's market store keeps its bytes: walks every stored FeaturesMarket and
// sums the heap blocks it owns as glibc malloc sizes them (malloc_usable_size + the 8-byte
// chunk header), by part. Tree nodes are sized from their layout (libstdc++: a 32-byte node
// header before the key/value pair).
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "stages/store_codecs.hpp"

namespace sharpline::bench::memory {

struct Footprint {
  std::size_t markets = 0;
  std::size_t prices = 0;  // live (book, outcome, line) prices
  std::size_t moves = 0;   // price moves held for steam detection
  // Part name -> bytes, e.g. "map_nodes", "prices_vector", "moves_strings".
  std::map<std::string, std::size_t> bytes;

  std::size_t total() const;
};

Footprint market_footprint(
    const runtime::stream::KeyValueStore<stages::FeaturesMarket>::Map& markets);

}  // namespace sharpline::bench::memory
