#pragma once

// Fills an Avro C generic value from natural JSON (see json_avro_codec.hpp for the mapping).
// Internal to the codec; separate because it is the part with all the validation rules.

#include <avro.h>

#include <nlohmann/json.hpp>

#include "serde/schema_tree.hpp"

namespace sharpline::serde {

struct JsonToAvroOptions {
  bool allow_non_finite = false;
  // Encode a schema default rather than a record: unions take their first branch and bytes are
  // strings of code points 0-255, as the Avro spec writes defaults.
  bool schema_default = false;
  int max_depth = 128;
};

// `dest` must be a freshly reset value of `node`'s type. Throws RecordError.
void json_to_avro(const SchemaNode& node, const nlohmann::json& json, avro_value_t& dest,
                  const JsonToAvroOptions& options);

}  // namespace sharpline::serde
