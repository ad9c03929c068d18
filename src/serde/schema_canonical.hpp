#pragma once

// Avro's Parsing Canonical Form and its 64-bit fingerprint (Avro specification, "Parsing
// Canonical Form for Schemas" and "Schema Fingerprints"). Two schemas with the same canonical
// form read and write the same bytes; docs, defaults and logical types are not part of it.

#include <cstdint>
#include <string>
#include <string_view>

#include "serde/schema_tree.hpp"

namespace sharpline::serde {

std::string parsing_canonical_form(const SchemaNode& root);

// CRC-64-AVRO (Rabin) fingerprint, as Java's SchemaNormalization.parsingFingerprint64.
uint64_t crc64_avro(std::string_view bytes) noexcept;

}  // namespace sharpline::serde
