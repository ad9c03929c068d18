#pragma once

// Confluent Schema Registry wire format, the framing every sharpline topic value uses:
//   byte 0      magic byte 0x00
//   bytes 1-4   schema id, 32-bit big-endian (the registry's global id of the writer schema)
//   bytes 5-    Avro binary of one record, written with that schema
// Readers fetch the writer schema by id (GET /schemas/ids/{id}) and decode the payload with it.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace sharpline::serde {

inline constexpr uint8_t kWireMagicByte = 0;
inline constexpr std::size_t kWireHeaderSize = 5;

// Appends the 5-byte header for `schema_id` to `out`; the caller then appends the payload
// (e.g. JsonAvroCodec::encode into the same vector, which avoids a copy). Throws WireFormatError
// for a negative id (registry ids are positive).
void write_header(int32_t schema_id, std::vector<uint8_t>& out);

// Appends header and payload to `out`.
void frame(int32_t schema_id, std::span<const uint8_t> payload, std::vector<uint8_t>& out);

struct Framed {
  int32_t schema_id;
  std::span<const uint8_t> payload;  // points into the input of unframe()
};

// Throws WireFormatError if `message` is shorter than the header, its first byte is not the
// magic byte, or the id is negative. The payload may be empty (a record of only nulls).
Framed unframe(std::span<const uint8_t> message);

}  // namespace sharpline::serde
