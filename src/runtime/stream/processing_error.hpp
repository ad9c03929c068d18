// How a failure while processing one record is classified. Poison records (bad bytes, invalid
// content, a processor bug on that input) go to the dead-letter topic and processing continues;
// transient failures (a broker or database hiccup) are retried, never dead-lettered.
#pragma once

#include <stdexcept>
#include <string>

namespace sharpline::runtime::stream {

// The value could not be decoded (wire format, unknown schema id, Avro). DLQ kind
// "deserialization".
class DeserializationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Decoded, but the content is unusable (missing key, impossible odds, no event time). DLQ
// kind "validation".
class ValidationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Worth retrying: the runtime backs off and retries the same record instead of dead-lettering.
class TransientError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace sharpline::runtime::stream
