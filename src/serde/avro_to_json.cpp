#include "serde/avro_to_json.hpp"

#include <cmath>
#include <string>

#include "serde/base64.hpp"
#include "serde/errors.hpp"

namespace sharpline::serde {
namespace {

void check(int rc) {
  if (rc != 0) throw RecordError("", std::string("Avro C: ") + avro_strerror());
}

nlohmann::json number(double v) {
  if (std::isfinite(v)) return v;
  // Only reachable when the codec allows non-finite numbers; JSON has no literal for them.
  return std::isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
}

nlohmann::json convert(const SchemaNode& node, avro_value_t& value) {
  switch (node.kind) {
    case NodeKind::kNull:
      return nullptr;
    case NodeKind::kBoolean: {
      int v = 0;
      check(avro_value_get_boolean(&value, &v));
      return v != 0;
    }
    case NodeKind::kInt: {
      int32_t v = 0;
      check(avro_value_get_int(&value, &v));
      return v;
    }
    case NodeKind::kLong: {
      int64_t v = 0;
      check(avro_value_get_long(&value, &v));
      return v;
    }
    case NodeKind::kFloat: {
      float v = 0;
      check(avro_value_get_float(&value, &v));
      return number(v);
    }
    case NodeKind::kDouble: {
      double v = 0;
      check(avro_value_get_double(&value, &v));
      return number(v);
    }
    case NodeKind::kString: {
      const char* text = nullptr;
      size_t size = 0;  // includes the terminating NUL
      check(avro_value_get_string(&value, &text, &size));
      return std::string(text, size > 0 ? size - 1 : 0);
    }
    case NodeKind::kBytes: {
      const void* bytes = nullptr;
      size_t size = 0;
      check(avro_value_get_bytes(&value, &bytes, &size));
      return base64_encode({static_cast<const uint8_t*>(bytes), size});
    }
    case NodeKind::kFixed: {
      const void* bytes = nullptr;
      size_t size = 0;
      check(avro_value_get_fixed(&value, &bytes, &size));
      return base64_encode({static_cast<const uint8_t*>(bytes), size});
    }
    case NodeKind::kEnum: {
      int v = 0;
      check(avro_value_get_enum(&value, &v));
      if (v < 0 || static_cast<std::size_t>(v) >= node.symbols.size()) {
        throw RecordError("", "enum index " + std::to_string(v) + " is out of range");
      }
      return node.symbols[static_cast<std::size_t>(v)];
    }
    case NodeKind::kArray: {
      size_t size = 0;
      check(avro_value_get_size(&value, &size));
      nlohmann::json out = nlohmann::json::array();
      out.get_ref<nlohmann::json::array_t&>().reserve(size);
      for (size_t i = 0; i < size; ++i) {
        avro_value_t child;
        check(avro_value_get_by_index(&value, i, &child, nullptr));
        out.push_back(convert(*node.items, child));
      }
      return out;
    }
    case NodeKind::kMap: {
      size_t size = 0;
      check(avro_value_get_size(&value, &size));
      nlohmann::json out = nlohmann::json::object();
      for (size_t i = 0; i < size; ++i) {
        avro_value_t child;
        const char* key = nullptr;
        check(avro_value_get_by_index(&value, i, &child, &key));
        out[key] = convert(*node.values, child);
      }
      return out;
    }
    case NodeKind::kRecord: {
      nlohmann::json out = nlohmann::json::object();
      for (size_t i = 0; i < node.fields.size(); ++i) {
        avro_value_t child;
        check(avro_value_get_by_index(&value, i, &child, nullptr));
        out[node.fields[i].name] = convert(*node.fields[i].type, child);
      }
      return out;
    }
    case NodeKind::kUnion: {
      int discriminant = -1;
      check(avro_value_get_discriminant(&value, &discriminant));
      if (discriminant < 0 || static_cast<std::size_t>(discriminant) >= node.branches.size()) {
        throw RecordError("", "union has no branch selected");
      }
      avro_value_t branch;
      check(avro_value_get_current_branch(&value, &branch));
      return convert(*node.branches[static_cast<std::size_t>(discriminant)], branch);
    }
  }
  return nullptr;
}

}  // namespace

nlohmann::json avro_to_json(const SchemaNode& node, avro_value_t& value) {
  return convert(node, value);
}

}  // namespace sharpline::serde
