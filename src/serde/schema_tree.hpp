#pragma once

// A navigable view of a parsed Avro schema. Avro C's avro_schema_t forgets everything that is
// not needed to read and write binary (docs, field defaults, logical types), yet the codec needs
// defaults and the docs tooling needs docs. SchemaTree walks Avro C's schema and the schema's
// JSON text side by side and keeps both: the structure and field order come from Avro C, the
// annotations from the JSON.

#include <avro.h>

#include <cstdint>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sharpline::serde {

enum class NodeKind {
  kNull,
  kBoolean,
  kInt,
  kLong,
  kFloat,
  kDouble,
  kBytes,
  kString,
  kRecord,
  kEnum,
  kArray,
  kMap,
  kUnion,
  kFixed,
};

// The Avro type name: "null", "int", "record", ...
std::string_view kind_name(NodeKind kind) noexcept;

struct SchemaNode;

struct FieldNode {
  std::string name;
  const SchemaNode* type = nullptr;
  std::string doc;
  // The default exactly as written in the schema (Avro's JSON encoding of defaults: a union's
  // default belongs to its first branch, bytes are strings of code points 0-255).
  std::optional<nlohmann::json> default_value;
};

struct SchemaNode {
  NodeKind kind = NodeKind::kNull;
  std::string full_name;                    // records, enums and fixed: "sharpline.v1.OddsQuote"
  std::string doc;                          // named types only
  std::string logical_type;                 // "timestamp-millis", ...; empty if none
  std::vector<FieldNode> fields;            // kRecord, in schema (= binary) order
  std::vector<std::string> symbols;         // kEnum
  const SchemaNode* items = nullptr;        // kArray
  const SchemaNode* values = nullptr;       // kMap
  std::vector<const SchemaNode*> branches;  // kUnion
  int64_t fixed_size = 0;                   // kFixed
  avro_schema_t avro = nullptr;             // borrowed; lives as long as the owning AvroSchema

  // Index into fields / symbols, or -1.
  int field_index(std::string_view name) const noexcept;
  int symbol_index(std::string_view symbol) const noexcept;
  // For unions: index of the null branch, or -1.
  int null_branch() const noexcept;
  // For unions of null and exactly one other type: that type; else nullptr.
  const SchemaNode* nullable_of() const noexcept;
  // Fewest bytes any value of this type takes in Avro binary (0 for null and empty records).
  std::size_t min_encoded_size() const noexcept { return min_size_; }

 private:
  friend class SchemaTree;
  std::size_t min_size_ = 0;
};

class SchemaTree {
 public:
  // Throws SchemaError for what Avro C 1.11 accepts but the Avro spec forbids (duplicate field
  // names or enum symbols, non-string docs, ...). `schema` must outlive the tree.
  SchemaTree(avro_schema_t schema, const nlohmann::json& json);
  SchemaTree(const SchemaTree&) = delete;
  SchemaTree& operator=(const SchemaTree&) = delete;

  const SchemaNode& root() const noexcept { return *root_; }

 private:
  const SchemaNode* build(avro_schema_t schema, const nlohmann::json& json,
                          const std::string& path);
  SchemaNode& add(NodeKind kind, avro_schema_t schema);
  void compute_min_sizes();

  std::deque<SchemaNode> nodes_;  // deque: nodes refer to each other by address
  std::map<std::string, const SchemaNode*, std::less<>> named_;
  const SchemaNode* root_ = nullptr;
};

}  // namespace sharpline::serde
