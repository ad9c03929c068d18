#pragma once

// Structural check of Avro binary against a schema, run before Avro C reads it. Avro C 1.11
// trusts length prefixes: a corrupt string length makes it allocate gigabytes (and leak them)
// before noticing the input is short, and enum indexes are not range-checked. Walking the bytes
// first, with every length bounded by what is left, lets the decoder hand Avro C only input it
// can read safely and name the offending field in the error.

#include <cstdint>
#include <span>

#include "serde/schema_tree.hpp"

namespace sharpline::serde {

struct BinaryCheckOptions {
  bool allow_non_finite = false;  // accept NaN/Infinity in float and double
  int max_depth = 128;            // nesting limit (only recursive schemas can get deep)
};

// Throws RecordError ("legs[1].price: truncated: ...") unless `bytes` holds exactly one value of
// `root` and nothing else.
void check_binary(const SchemaNode& root, std::span<const uint8_t> bytes,
                  const BinaryCheckOptions& options);

}  // namespace sharpline::serde
