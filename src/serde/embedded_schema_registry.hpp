#pragma once

// In-process schema registry: what a sharpline process that owns the bus serves over HTTP when no
// external registry is configured. Ids are sequential from 1 in registration order, so a process
// that registers the same schemas in the same order at startup hands out the same ids every time.
// Nothing is persisted. Compatibility is not enforced (GET /config still reports BACKWARD so
// Confluent clients are satisfied).

#include <map>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "serde/schema_registry.hpp"

namespace sharpline::serde {

// Identity of a schema text: the JSON parsed and re-serialised compactly with object keys sorted
// (array order, e.g. record fields, is kept). Whitespace and key order therefore do not make a new
// schema, while anything that changes meaning — including "default", "doc" and "logicalType" —
// does. The Avro Parsing Canonical Form is not used: Avro C 1.11 cannot produce it, and it drops
// defaults and logical types, which would give two different reader schemas one id.
// Throws SchemaRegistryError(42201) when the text is not JSON.
std::string canonical_schema_json(const std::string& schema_json);

// Throws SchemaRegistryError(42201) carrying Avro C's reason unless the text is a valid Avro
// schema.
void validate_avro_schema(const std::string& schema_json);

struct SubjectVersion {
  std::string subject;
  int version = 0;
};

class EmbeddedSchemaRegistry final : public SchemaRegistry {
 public:
  // Validates with Avro C. The same schema (by canonical_schema_json) gets the same id under any
  // subject; under a subject that already has it, no new version is created.
  int register_schema(const std::string& subject, const std::string& schema_json) override;
  std::string schema_by_id(int id) override;
  RegisteredSchema latest(const std::string& subject) override;
  // version -1 means latest, as in Confluent's API.
  RegisteredSchema version(const std::string& subject, int version) override;
  std::vector<std::string> subjects() override;  // sorted
  std::vector<int> versions(const std::string& subject) override;

  // Whether `subject` already has this schema (Confluent's POST /subjects/{subject}). Throws
  // 40401 for an unknown subject, 40403 when the subject lacks the schema, 42201 when invalid.
  RegisteredSchema lookup(const std::string& subject, const std::string& schema_json);
  // Every subject and version that uses schema `id`; throws 40403 for an unknown id.
  std::vector<SubjectVersion> subject_versions(int id);

 private:
  struct StoredSchema {
    std::string canonical;
    std::string text;  // compact JSON in the key order of its first registration
  };
  RegisteredSchema make_registered(const std::string& subject, int version) const;
  const std::vector<int>& subject_ids(const std::string& subject) const;

  mutable std::shared_mutex mutex_;
  std::vector<StoredSchema> schemas_;  // schemas_[id - 1]
  std::unordered_map<std::string, int> id_by_canonical_;
  std::map<std::string, std::vector<int>> subjects_;  // schema id of version v at [v - 1]
};

}  // namespace sharpline::serde
