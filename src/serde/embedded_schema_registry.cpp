#include "serde/embedded_schema_registry.hpp"

#include <avro.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <type_traits>

namespace sharpline::serde {
namespace {

struct AvroSchemaDeleter {
  void operator()(avro_schema_t schema) const { avro_schema_decref(schema); }
};
using AvroSchemaPtr = std::unique_ptr<std::remove_pointer_t<avro_schema_t>, AvroSchemaDeleter>;

SchemaRegistryError invalid_schema(const std::string& reason) {
  return SchemaRegistryError(registry_error::kInvalidSchema, "Invalid schema: " + reason);
}

void require_subject(const std::string& subject) {
  if (subject.empty()) {
    throw SchemaRegistryError(registry_error::kUnprocessable, "Subject must not be empty.");
  }
}

SchemaRegistryError subject_not_found(const std::string& subject) {
  return SchemaRegistryError(registry_error::kSubjectNotFound,
                             "Subject '" + subject + "' not found.");
}

// Both forms of a new schema text, computed before taking the registry lock.
struct PreparedSchema {
  std::string canonical;
  std::string text;
};

PreparedSchema prepare(const std::string& schema_json) {
  PreparedSchema prepared;
  prepared.canonical = canonical_schema_json(schema_json);
  validate_avro_schema(schema_json);
  prepared.text = nlohmann::ordered_json::parse(schema_json).dump();
  return prepared;
}

}  // namespace

std::string canonical_schema_json(const std::string& schema_json) {
  try {
    return nlohmann::json::parse(schema_json).dump();
  } catch (const nlohmann::json::exception& e) {
    throw invalid_schema(e.what());
  }
}

void validate_avro_schema(const std::string& schema_json) {
  avro_schema_t raw = nullptr;
  if (avro_schema_from_json_length(schema_json.data(), schema_json.size(), &raw) != 0) {
    throw invalid_schema(avro_strerror());
  }
  AvroSchemaPtr schema(raw);
}

int EmbeddedSchemaRegistry::register_schema(const std::string& subject,
                                            const std::string& schema_json) {
  require_subject(subject);
  auto prepared = prepare(schema_json);
  std::unique_lock lock(mutex_);
  int id = 0;
  if (auto it = id_by_canonical_.find(prepared.canonical); it != id_by_canonical_.end()) {
    id = it->second;
  } else {
    schemas_.push_back({prepared.canonical, std::move(prepared.text)});
    id = static_cast<int>(schemas_.size());
    id_by_canonical_.emplace(std::move(prepared.canonical), id);
  }
  auto& ids = subjects_[subject];
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  return id;
}

std::string EmbeddedSchemaRegistry::schema_by_id(int id) {
  std::shared_lock lock(mutex_);
  if (id < 1 || id > static_cast<int>(schemas_.size())) {
    throw SchemaRegistryError(registry_error::kSchemaNotFound,
                              "Schema " + std::to_string(id) + " not found.");
  }
  return schemas_[static_cast<std::size_t>(id - 1)].text;
}

RegisteredSchema EmbeddedSchemaRegistry::latest(const std::string& subject) {
  std::shared_lock lock(mutex_);
  return make_registered(subject, static_cast<int>(subject_ids(subject).size()));
}

RegisteredSchema EmbeddedSchemaRegistry::version(const std::string& subject, int version) {
  if (version == -1) return latest(subject);
  std::shared_lock lock(mutex_);
  const auto& ids = subject_ids(subject);
  if (version < 1) {
    throw SchemaRegistryError(registry_error::kInvalidVersion,
                              "The specified version '" + std::to_string(version) +
                                  "' is not a valid version id. Allowed values are between [1, "
                                  "2^31-1] and the string \"latest\"");
  }
  if (version > static_cast<int>(ids.size())) {
    throw SchemaRegistryError(registry_error::kVersionNotFound,
                              "Version " + std::to_string(version) + " not found.");
  }
  return make_registered(subject, version);
}

std::vector<std::string> EmbeddedSchemaRegistry::subjects() {
  std::shared_lock lock(mutex_);
  std::vector<std::string> names;
  names.reserve(subjects_.size());
  for (const auto& [name, ids] : subjects_) names.push_back(name);
  return names;
}

std::vector<int> EmbeddedSchemaRegistry::versions(const std::string& subject) {
  std::shared_lock lock(mutex_);
  std::vector<int> numbers(subject_ids(subject).size());
  for (std::size_t i = 0; i < numbers.size(); ++i) numbers[i] = static_cast<int>(i + 1);
  return numbers;
}

RegisteredSchema EmbeddedSchemaRegistry::lookup(const std::string& subject,
                                                const std::string& schema_json) {
  auto canonical = canonical_schema_json(schema_json);
  validate_avro_schema(schema_json);
  std::shared_lock lock(mutex_);
  const auto& ids = subject_ids(subject);
  if (auto it = id_by_canonical_.find(canonical); it != id_by_canonical_.end()) {
    auto pos = std::find(ids.begin(), ids.end(), it->second);
    if (pos != ids.end()) return make_registered(subject, static_cast<int>(pos - ids.begin()) + 1);
  }
  throw SchemaRegistryError(registry_error::kSchemaNotFound, "Schema not found");
}

std::vector<SubjectVersion> EmbeddedSchemaRegistry::subject_versions(int id) {
  std::shared_lock lock(mutex_);
  if (id < 1 || id > static_cast<int>(schemas_.size())) {
    throw SchemaRegistryError(registry_error::kSchemaNotFound,
                              "Schema " + std::to_string(id) + " not found.");
  }
  std::vector<SubjectVersion> uses;
  for (const auto& [subject, ids] : subjects_) {
    auto pos = std::find(ids.begin(), ids.end(), id);
    if (pos != ids.end()) uses.push_back({subject, static_cast<int>(pos - ids.begin()) + 1});
  }
  return uses;
}

// Callers hold the lock.
const std::vector<int>& EmbeddedSchemaRegistry::subject_ids(const std::string& subject) const {
  auto it = subjects_.find(subject);
  if (it == subjects_.end()) throw subject_not_found(subject);
  return it->second;
}

RegisteredSchema EmbeddedSchemaRegistry::make_registered(const std::string& subject,
                                                         int version) const {
  int id = subject_ids(subject)[static_cast<std::size_t>(version - 1)];
  return {id, subject, version, schemas_[static_cast<std::size_t>(id - 1)].text};
}

}  // namespace sharpline::serde
