#include "serde/wire_format.hpp"

#include <cstdio>
#include <string>

#include "serde/errors.hpp"

namespace sharpline::serde {
namespace {

std::string hex_byte(uint8_t b) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02x", b);
  return text;
}

}  // namespace

void write_header(int32_t schema_id, std::vector<uint8_t>& out) {
  if (schema_id < 0) {
    throw WireFormatError("schema id " + std::to_string(schema_id) + " is negative");
  }
  const auto id = static_cast<uint32_t>(schema_id);
  out.push_back(kWireMagicByte);
  out.push_back(static_cast<uint8_t>(id >> 24));
  out.push_back(static_cast<uint8_t>(id >> 16));
  out.push_back(static_cast<uint8_t>(id >> 8));
  out.push_back(static_cast<uint8_t>(id));
}

void frame(int32_t schema_id, std::span<const uint8_t> payload, std::vector<uint8_t>& out) {
  out.reserve(out.size() + kWireHeaderSize + payload.size());
  write_header(schema_id, out);
  out.insert(out.end(), payload.begin(), payload.end());
}

Framed unframe(std::span<const uint8_t> message) {
  if (message.size() < kWireHeaderSize) {
    throw WireFormatError("message of " + std::to_string(message.size()) +
                          " byte(s) is too short for the Confluent wire format (needs at least " +
                          std::to_string(kWireHeaderSize) + ")");
  }
  if (message[0] != kWireMagicByte) {
    std::string hint;
    if (message[0] == '{' || message[0] == '[') hint = "; it looks like JSON, not Avro";
    throw WireFormatError("wrong magic byte " + hex_byte(message[0]) + " (expected " +
                          hex_byte(kWireMagicByte) + ")" + hint);
  }
  const uint32_t id = (uint32_t{message[1]} << 24) | (uint32_t{message[2]} << 16) |
                      (uint32_t{message[3]} << 8) | uint32_t{message[4]};
  if (id > 0x7fffffffU) {
    throw WireFormatError("schema id " +
                          std::to_string(static_cast<int64_t>(id) - (int64_t{1} << 32)) +
                          " is negative");
  }
  return Framed{static_cast<int32_t>(id), message.subspan(kWireHeaderSize)};
}

}  // namespace sharpline::serde
