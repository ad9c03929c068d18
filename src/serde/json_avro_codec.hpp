#pragma once

// JsonAvroCodec: natural JSON <-> Avro binary for one schema, through Avro C's generic values.
//
// Natural JSON is what a person or a script would write, not Avro's own JSON encoding:
//   null / boolean / string        as themselves
//   int, long (timestamps too)     JSON integers; a number with a fraction is an error, never
//                                  rounded; out-of-range values are errors
//   float, double                  JSON numbers (integers accepted); NaN and +-Infinity are
//                                  rejected unless CodecOptions::allow_non_finite, which maps
//                                  them to the strings "NaN", "Infinity", "-Infinity" (the
//                                  spelling Java's and Python's Avro JSON tools use)
//   enum                           its symbol string
//   bytes, fixed                   standard base64 string with padding
//   array / map / record           JSON array / object / object
//   union                          the plain value: null for the null branch, else the value of
//                                  the first branch it fits (for ["null", T], simply T's value);
//                                  never Avro-JSON's {"double": 1.5} wrapping
// Records are strict: unknown fields are errors (they are usually typos); missing fields take
// the schema default and are errors without one. Errors are RecordError with the field path.
// Decoding accepts exactly one value with no trailing bytes; malformed input never reaches Avro C
// (see binary_check.hpp). Decoded records are nlohmann::json objects, so keys come out sorted.
//
// Thread-safety: encode() and decode() reuse per-instance Avro C buffers, so one instance must
// not be used by two threads at once. Copying is cheap (the parsed schema is shared) and gives
// an independent instance: give each thread its own copy.

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <vector>

#include "serde/avro_schema.hpp"

namespace sharpline::serde {

struct CodecOptions {
  bool allow_non_finite = false;
};

class JsonAvroCodec {
 public:
  // Throws SchemaError if a field default does not fit its field's type.
  explicit JsonAvroCodec(AvroSchema schema, CodecOptions options = {});
  JsonAvroCodec(const JsonAvroCodec& other);
  JsonAvroCodec& operator=(const JsonAvroCodec& other);
  JsonAvroCodec(JsonAvroCodec&& other) noexcept;
  JsonAvroCodec& operator=(JsonAvroCodec&& other) noexcept;
  ~JsonAvroCodec();

  // Appends the Avro binary encoding of `record` to `out`. On error `out` is left unchanged.
  void encode(const nlohmann::json& record, std::vector<uint8_t>& out) const;
  std::vector<uint8_t> encode(const nlohmann::json& record) const;

  // Decodes exactly one value (the whole span) written with this schema.
  nlohmann::json decode(std::span<const uint8_t> bytes) const;

  const AvroSchema& schema() const noexcept;
  const CodecOptions& options() const noexcept;

 private:
  struct Shared;
  struct Scratch;
  Scratch& scratch() const;

  std::shared_ptr<const Shared> shared_;
  mutable std::unique_ptr<Scratch> scratch_;  // created on first use
};

}  // namespace sharpline::serde
