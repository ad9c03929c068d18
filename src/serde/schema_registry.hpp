#pragma once

// Where Avro schemas and their ids live. Records on Kafka carry a schema id (Confluent wire
// format); producers register their schema under "<topic>-value" and consumers resolve ids.
// Implementations: EmbeddedSchemaRegistry (in-process, served over HTTP by the bus owner) and
// adapters::http::RemoteSchemaRegistry (a Confluent-compatible registry over HTTP).

#include <stdexcept>
#include <string>
#include <vector>

namespace sharpline::serde {

// Confluent Schema Registry error codes, shared by both implementations and the HTTP routes.
namespace registry_error {
inline constexpr int kSubjectNotFound = 40401;
inline constexpr int kVersionNotFound = 40402;
inline constexpr int kSchemaNotFound = 40403;
inline constexpr int kInvalidSchema = 42201;
inline constexpr int kInvalidVersion = 42202;
inline constexpr int kUnprocessable = 422;  // malformed request body or parameter
inline constexpr int kInternal = 50001;
}  // namespace registry_error

struct RegisteredSchema {
  int id = 0;
  std::string subject;
  int version = 0;
  std::string schema;
};

// A registry's answer that something is missing or invalid. error_code() is the Confluent code
// (40401, 42201, ...); http_status() the HTTP status Confluent sends with it.
class SchemaRegistryError : public std::runtime_error {
 public:
  SchemaRegistryError(int error_code, const std::string& message)
      : std::runtime_error(message), error_code_(error_code) {}
  int error_code() const { return error_code_; }
  // Five-digit codes start with their HTTP status (40401 → 404); three-digit codes are one.
  int http_status() const { return error_code_ >= 10000 ? error_code_ / 100 : error_code_; }

 private:
  int error_code_;
};

// All methods are thread-safe. Registry answers (not found, invalid) are SchemaRegistryError;
// a remote implementation may also throw other std::runtime_error types for transport failures.
class SchemaRegistry {
 public:
  virtual ~SchemaRegistry() = default;
  // Returns the schema's id; registering an identical schema again returns the same id.
  virtual int register_schema(const std::string& subject, const std::string& schema_json) = 0;
  virtual std::string schema_by_id(int id) = 0;
  virtual RegisteredSchema latest(const std::string& subject) = 0;
  virtual RegisteredSchema version(const std::string& subject, int version) = 0;
  virtual std::vector<std::string> subjects() = 0;
  virtual std::vector<int> versions(const std::string& subject) = 0;
};

}  // namespace sharpline::serde
