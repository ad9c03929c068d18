#pragma once

// AvroSchema: a parsed Avro schema. Owns one reference to Avro C's avro_schema_t (released in
// the destructor; copies take another reference, so copies are cheap and share everything) and
// keeps what Avro C drops: the original text, docs, defaults and logical types (see root()).
// Immutable after parse(), so one instance may be shared by any number of threads.

#include <avro.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "serde/schema_tree.hpp"

namespace sharpline::serde {

class AvroSchema {
 public:
  // Parses with Avro C (throws SchemaError carrying avro_strerror()), then checks what Avro C
  // 1.11 lets through (duplicate field names or enum symbols). Field defaults are checked
  // against their types by JsonAvroCodec, which knows how to encode them.
  static AvroSchema parse(std::string_view json_text);

  AvroSchema(const AvroSchema& other) noexcept;
  AvroSchema& operator=(const AvroSchema& other) noexcept;
  // A moved-from AvroSchema may only be assigned to or destroyed.
  AvroSchema(AvroSchema&& other) noexcept;
  AvroSchema& operator=(AvroSchema&& other) noexcept;
  ~AvroSchema();

  // Borrowed handle for Avro C calls; valid while this object (or a copy) lives.
  avro_schema_t get() const noexcept { return schema_; }

  // The schema text exactly as given: what to register with a schema registry, since it keeps
  // docs, defaults and logical types.
  const std::string& text() const noexcept;
  // Avro Parsing Canonical Form (no whitespace, full names, no docs/defaults/logical types).
  const std::string& canonical_json() const noexcept;
  // CRC-64-AVRO fingerprint of canonical_json().
  uint64_t fingerprint() const noexcept;
  // Full name of the top-level named type ("sharpline.v1.OddsQuote"); for an unnamed top-level
  // type its type name ("string", "array", ...).
  const std::string& full_name() const noexcept;
  // full_name() without the namespace ("OddsQuote").
  std::string_view name() const noexcept;
  const SchemaNode& root() const noexcept;

 private:
  struct Details;
  AvroSchema(avro_schema_t schema, std::shared_ptr<const Details> details) noexcept;

  avro_schema_t schema_ = nullptr;
  std::shared_ptr<const Details> details_;
};

}  // namespace sharpline::serde
