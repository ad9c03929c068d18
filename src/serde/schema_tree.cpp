#include "serde/schema_tree.hpp"

#include <algorithm>
#include <set>

#include "serde/errors.hpp"

namespace sharpline::serde {
namespace {

std::string full_name_of(avro_schema_t schema) {
  const char* ns = avro_schema_namespace(schema);
  const char* name = avro_schema_name(schema);
  std::string out;
  if (ns != nullptr && *ns != '\0') {
    out = ns;
    out += '.';
  }
  out += name != nullptr ? name : "";
  return out;
}

std::string doc_of(const nlohmann::json& json, const std::string& where) {
  if (!json.is_object()) return {};
  auto it = json.find("doc");
  if (it == json.end()) return {};
  if (!it->is_string()) throw SchemaError(where + ": \"doc\" must be a string");
  return it->get<std::string>();
}

NodeKind primitive_kind(avro_type_t type) {
  switch (type) {
    case AVRO_NULL:
      return NodeKind::kNull;
    case AVRO_BOOLEAN:
      return NodeKind::kBoolean;
    case AVRO_INT32:
      return NodeKind::kInt;
    case AVRO_INT64:
      return NodeKind::kLong;
    case AVRO_FLOAT:
      return NodeKind::kFloat;
    case AVRO_DOUBLE:
      return NodeKind::kDouble;
    case AVRO_BYTES:
      return NodeKind::kBytes;
    case AVRO_STRING:
      return NodeKind::kString;
    default:
      throw SchemaError("unsupported Avro type " + std::to_string(static_cast<int>(type)));
  }
}

}  // namespace

std::string_view kind_name(NodeKind kind) noexcept {
  switch (kind) {
    case NodeKind::kNull:
      return "null";
    case NodeKind::kBoolean:
      return "boolean";
    case NodeKind::kInt:
      return "int";
    case NodeKind::kLong:
      return "long";
    case NodeKind::kFloat:
      return "float";
    case NodeKind::kDouble:
      return "double";
    case NodeKind::kBytes:
      return "bytes";
    case NodeKind::kString:
      return "string";
    case NodeKind::kRecord:
      return "record";
    case NodeKind::kEnum:
      return "enum";
    case NodeKind::kArray:
      return "array";
    case NodeKind::kMap:
      return "map";
    case NodeKind::kUnion:
      return "union";
    case NodeKind::kFixed:
      return "fixed";
  }
  return "?";
}

int SchemaNode::field_index(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int SchemaNode::symbol_index(std::string_view symbol) const noexcept {
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    if (symbols[i] == symbol) return static_cast<int>(i);
  }
  return -1;
}

int SchemaNode::null_branch() const noexcept {
  for (std::size_t i = 0; i < branches.size(); ++i) {
    if (branches[i]->kind == NodeKind::kNull) return static_cast<int>(i);
  }
  return -1;
}

const SchemaNode* SchemaNode::nullable_of() const noexcept {
  if (kind != NodeKind::kUnion || branches.size() != 2) return nullptr;
  if (branches[0]->kind == NodeKind::kNull) return branches[1];
  if (branches[1]->kind == NodeKind::kNull) return branches[0];
  return nullptr;
}

SchemaTree::SchemaTree(avro_schema_t schema, const nlohmann::json& json) {
  root_ = build(schema, json, "schema");
  compute_min_sizes();
}

SchemaNode& SchemaTree::add(NodeKind kind, avro_schema_t schema) {
  SchemaNode& node = nodes_.emplace_back();
  node.kind = kind;
  node.avro = schema;
  return node;
}

const SchemaNode* SchemaTree::build(avro_schema_t schema, const nlohmann::json& json,
                                    const std::string& where) {
  // A named type used a second time: Avro C hands back a link (or the same schema), the JSON
  // a bare name. Either way it is the node built at its definition.
  if (is_avro_link(schema)) schema = avro_schema_link_target(schema);
  if (is_avro_named_type(schema)) {
    auto known = named_.find(full_name_of(schema));
    if (known != named_.end()) return known->second;
  }
  // {"type": {...}} wraps a complete type; annotations of the wrapper do not matter here.
  if (json.is_object()) {
    auto type = json.find("type");
    if (type != json.end() && (type->is_object() || type->is_array())) {
      return build(schema, *type, where);
    }
  }

  const avro_type_t type = avro_typeof(schema);
  switch (type) {
    case AVRO_RECORD: {
      SchemaNode& node = add(NodeKind::kRecord, schema);
      node.full_name = full_name_of(schema);
      named_.emplace(node.full_name, &node);  // before the fields: records may be recursive
      const std::string here = node.full_name;
      node.doc = doc_of(json, here);
      const auto* fields = json.is_object() && json.contains("fields") ? &json["fields"] : nullptr;
      const std::size_t count = avro_schema_record_size(schema);
      if (fields == nullptr || !fields->is_array() || fields->size() != count) {
        throw SchemaError(here + ": \"fields\" does not match the parsed schema");
      }
      std::set<std::string, std::less<>> seen;
      for (std::size_t i = 0; i < count; ++i) {
        const nlohmann::json& fjson = (*fields)[i];
        FieldNode field;
        field.name = avro_schema_record_field_name(schema, static_cast<int>(i));
        const std::string fwhere = here + "." + field.name;
        if (!seen.insert(field.name).second) {
          throw SchemaError(here + ": duplicate field '" + field.name + "'");
        }
        if (!fjson.is_object() || !fjson.contains("type")) {
          throw SchemaError(fwhere + ": field must be an object with a \"type\"");
        }
        field.doc = doc_of(fjson, fwhere);
        if (auto d = fjson.find("default"); d != fjson.end()) field.default_value = *d;
        field.type = build(avro_schema_record_field_get_by_index(schema, static_cast<int>(i)),
                           fjson["type"], fwhere);
        node.fields.push_back(std::move(field));
      }
      return &node;
    }
    case AVRO_ENUM: {
      SchemaNode& node = add(NodeKind::kEnum, schema);
      node.full_name = full_name_of(schema);
      named_.emplace(node.full_name, &node);
      node.doc = doc_of(json, node.full_name);
      const int count = avro_schema_enum_number_of_symbols(schema);
      std::set<std::string, std::less<>> seen;
      for (int i = 0; i < count; ++i) {
        std::string symbol = avro_schema_enum_get(schema, i);
        if (!seen.insert(symbol).second) {
          throw SchemaError(node.full_name + ": duplicate enum symbol '" + symbol + "'");
        }
        node.symbols.push_back(std::move(symbol));
      }
      if (node.symbols.empty()) throw SchemaError(node.full_name + ": enum has no symbols");
      return &node;
    }
    case AVRO_FIXED: {
      SchemaNode& node = add(NodeKind::kFixed, schema);
      node.full_name = full_name_of(schema);
      named_.emplace(node.full_name, &node);
      node.doc = doc_of(json, node.full_name);
      node.fixed_size = avro_schema_fixed_size(schema);
      if (json.is_object()) node.logical_type = json.value("logicalType", "");
      return &node;
    }
    case AVRO_ARRAY: {
      SchemaNode& node = add(NodeKind::kArray, schema);
      const nlohmann::json items =
          json.is_object() ? json.value("items", nlohmann::json()) : nullptr;
      node.items = build(avro_schema_array_items(schema), items, where + "[]");
      return &node;
    }
    case AVRO_MAP: {
      SchemaNode& node = add(NodeKind::kMap, schema);
      const nlohmann::json values =
          json.is_object() ? json.value("values", nlohmann::json()) : nullptr;
      node.values = build(avro_schema_map_values(schema), values, where + "{}");
      return &node;
    }
    case AVRO_UNION: {
      SchemaNode& node = add(NodeKind::kUnion, schema);
      const std::size_t count = avro_schema_union_size(schema);
      if (!json.is_array() || json.size() != count) {
        throw SchemaError(where + ": union does not match the parsed schema");
      }
      for (std::size_t i = 0; i < count; ++i) {
        node.branches.push_back(
            build(avro_schema_union_branch(schema, static_cast<int>(i)), json[i], where));
      }
      return &node;
    }
    default: {
      SchemaNode& node = add(primitive_kind(type), schema);
      if (json.is_object()) {
        auto logical = json.find("logicalType");
        if (logical != json.end() && logical->is_string()) node.logical_type = *logical;
      }
      return &node;
    }
  }
}

void SchemaTree::compute_min_sizes() {
  // Iterate to a fixed point because records may refer to themselves through unions; every
  // intermediate value is a lower bound, which is all the binary checker needs.
  constexpr std::size_t kCap = std::size_t{1} << 32;
  for (int pass = 0; pass < 64; ++pass) {
    bool changed = false;
    for (SchemaNode& node : nodes_) {
      std::size_t size = 0;
      switch (node.kind) {
        case NodeKind::kNull:
          size = 0;
          break;
        case NodeKind::kFloat:
          size = 4;
          break;
        case NodeKind::kDouble:
          size = 8;
          break;
        case NodeKind::kFixed:
          size = static_cast<std::size_t>(node.fixed_size);
          break;
        case NodeKind::kRecord:
          // Saturate: a record that must contain itself has no finite size.
          for (const FieldNode& f : node.fields) size = std::min(size + f.type->min_size_, kCap);
          break;
        case NodeKind::kUnion: {
          std::size_t smallest = SIZE_MAX;
          for (const SchemaNode* b : node.branches) smallest = std::min(smallest, b->min_size_);
          size = 1 + (smallest == SIZE_MAX ? 0 : smallest);
          break;
        }
        default:
          size = 1;
          break;  // varint, length prefix, block count or boolean byte
      }
      if (size != node.min_size_) {
        node.min_size_ = size;
        changed = true;
      }
    }
    if (!changed) break;
  }
}

}  // namespace sharpline::serde
