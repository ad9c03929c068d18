// nlohmann::json parses any depth without recursion, but dump(), copies and comparisons recurse
// once per nesting level: a payload nested tens of thousands of levels deep (64 KiB of '[') would
// overflow the stack the moment a parser reports it. Parsers check depth first, iteratively.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>

namespace sharpline::adapters::sources {

// Deeper than any real payload of the feeds we read (an MLB live feed nests about 12 levels).
inline constexpr std::size_t kMaxJsonDepth = 64;

// True if `root` has a structured value more than `limit` levels down (root = level 1).
bool nested_deeper_than(const nlohmann::json& root, std::size_t limit = kMaxJsonDepth);

}  // namespace sharpline::adapters::sources
