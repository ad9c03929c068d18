#include "serde/avro_schema.hpp"

#include <nlohmann/json.hpp>
#include <utility>

#include "serde/errors.hpp"
#include "serde/schema_canonical.hpp"

namespace sharpline::serde {

struct AvroSchema::Details {
  std::string text;
  std::string canonical;
  uint64_t fingerprint = 0;
  std::string full_name;
  std::unique_ptr<SchemaTree> tree;  // borrows from the avro_schema_t every holder keeps alive
};

AvroSchema AvroSchema::parse(std::string_view json_text) {
  avro_schema_t schema = nullptr;
  if (avro_schema_from_json_length(json_text.data(), json_text.size(), &schema) != 0) {
    throw SchemaError(std::string("invalid Avro schema: ") + avro_strerror());
  }
  // From here on `owner` releases the reference if anything below throws.
  AvroSchema owner(schema, nullptr);

  nlohmann::json json;
  try {
    json = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::exception& e) {
    throw SchemaError(std::string("invalid Avro schema: ") + e.what());
  }

  auto details = std::make_shared<Details>();
  details->text = std::string(json_text);
  details->tree = std::make_unique<SchemaTree>(schema, json);
  const SchemaNode& root = details->tree->root();
  details->full_name = root.full_name.empty() ? std::string(kind_name(root.kind)) : root.full_name;
  details->canonical = parsing_canonical_form(root);
  details->fingerprint = crc64_avro(details->canonical);
  owner.details_ = std::move(details);
  return owner;
}

AvroSchema::AvroSchema(avro_schema_t schema, std::shared_ptr<const Details> details) noexcept
    : schema_(schema), details_(std::move(details)) {}

AvroSchema::AvroSchema(const AvroSchema& other) noexcept
    : schema_(other.schema_ != nullptr ? avro_schema_incref(other.schema_) : nullptr),
      details_(other.details_) {}

AvroSchema& AvroSchema::operator=(const AvroSchema& other) noexcept {
  if (this != &other) {
    AvroSchema copy(other);
    *this = std::move(copy);
  }
  return *this;
}

AvroSchema::AvroSchema(AvroSchema&& other) noexcept
    : schema_(std::exchange(other.schema_, nullptr)), details_(std::move(other.details_)) {}

AvroSchema& AvroSchema::operator=(AvroSchema&& other) noexcept {
  if (this != &other) {
    // Release the tree before the schema it borrows from.
    details_ = std::move(other.details_);
    if (schema_ != nullptr) avro_schema_decref(schema_);
    schema_ = std::exchange(other.schema_, nullptr);
  }
  return *this;
}

AvroSchema::~AvroSchema() {
  details_.reset();
  if (schema_ != nullptr) avro_schema_decref(schema_);
}

const std::string& AvroSchema::text() const noexcept {
  return details_->text;
}
const std::string& AvroSchema::canonical_json() const noexcept {
  return details_->canonical;
}
uint64_t AvroSchema::fingerprint() const noexcept {
  return details_->fingerprint;
}
const std::string& AvroSchema::full_name() const noexcept {
  return details_->full_name;
}

std::string_view AvroSchema::name() const noexcept {
  std::string_view full = details_->full_name;
  const auto dot = full.rfind('.');
  return dot == std::string_view::npos ? full : full.substr(dot + 1);
}

const SchemaNode& AvroSchema::root() const noexcept {
  return details_->tree->root();
}

}  // namespace sharpline::serde
