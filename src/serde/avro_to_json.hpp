#pragma once

// Turns an Avro C generic value into natural JSON (see json_avro_codec.hpp for the mapping).
// Internal to the codec. Expects a value read from input that check_binary() accepted.

#include <avro.h>

#include <nlohmann/json.hpp>

#include "serde/schema_tree.hpp"

namespace sharpline::serde {

// Throws RecordError if Avro C reports an error (not expected for checked input).
nlohmann::json avro_to_json(const SchemaNode& node, avro_value_t& value);

}  // namespace sharpline::serde
