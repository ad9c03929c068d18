#include "serde/json_to_avro.hpp"

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "serde/base64.hpp"
#include "serde/errors.hpp"
#include "serde/field_path.hpp"
#include "serde/utf8.hpp"

namespace sharpline::serde {
namespace {

std::string describe(const nlohmann::json& json) {
  using T = nlohmann::json::value_t;
  switch (json.type()) {
    case T::null:
      return "null";
    case T::boolean:
      return json.get<bool>() ? "boolean true" : "boolean false";
    case T::string:
      return "string " + describe_for_error(
                             json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    case T::number_integer:
    case T::number_unsigned:
    case T::number_float:
      return "number " + describe_for_error(json.dump());
    case T::object:
      return "object";
    case T::array:
      return "array";
    default:
      return "binary";
  }
}

// "a number", "an integer", ... as used in "expected X, got Y".
std::string expectation(const SchemaNode& node) {
  switch (node.kind) {
    case NodeKind::kNull:
      return "null";
    case NodeKind::kBoolean:
      return "a boolean";
    case NodeKind::kInt:
    case NodeKind::kLong:
      return "an integer";
    case NodeKind::kFloat:
    case NodeKind::kDouble:
      return "a number";
    case NodeKind::kString:
      return "a string";
    case NodeKind::kBytes:
    case NodeKind::kFixed:
      return "a base64 string";
    case NodeKind::kEnum:
      return "a string (enum symbol)";
    case NodeKind::kArray:
      return "an array";
    case NodeKind::kMap:
    case NodeKind::kRecord:
      return "an object";
    case NodeKind::kUnion: {
      std::string out;
      for (std::size_t i = 0; i < node.branches.size(); ++i) {
        if (i > 0) out += i + 1 == node.branches.size() ? " or " : ", ";
        out += expectation(*node.branches[i]);
      }
      return out;
    }
  }
  return "?";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

void check_avro(int rc, const FieldPath& path) {
  if (rc != 0) throw RecordError(path.str(), std::string("Avro C: ") + avro_strerror());
}

class Encoder {
 public:
  explicit Encoder(const JsonToAvroOptions& options)
      : options_(options), in_default_(options.schema_default) {}

  void encode(const SchemaNode& node, const nlohmann::json& json, avro_value_t& dest, int depth,
              const SchemaNode* nullable_union = nullptr) {
    if (depth > options_.max_depth)
      fail("nesting deeper than " + std::to_string(options_.max_depth));
    switch (node.kind) {
      case NodeKind::kNull:
        if (!json.is_null()) mismatch(node, json, nullable_union);
        check_avro(avro_value_set_null(&dest), path_);
        return;
      case NodeKind::kBoolean:
        if (!json.is_boolean()) mismatch(node, json, nullable_union);
        check_avro(avro_value_set_boolean(&dest, json.get<bool>() ? 1 : 0), path_);
        return;
      case NodeKind::kInt: {
        const int64_t v = integer(node, json, nullable_union, std::numeric_limits<int32_t>::min(),
                                  std::numeric_limits<int32_t>::max());
        check_avro(avro_value_set_int(&dest, static_cast<int32_t>(v)), path_);
        return;
      }
      case NodeKind::kLong: {
        const int64_t v = integer(node, json, nullable_union, std::numeric_limits<int64_t>::min(),
                                  std::numeric_limits<int64_t>::max());
        check_avro(avro_value_set_long(&dest, v), path_);
        return;
      }
      case NodeKind::kFloat: {
        const double v = number(node, json, nullable_union);
        if (std::isfinite(v) && std::fabs(v) > FLT_MAX) {
          fail("value " + json.dump() + " is out of range for float");
        }
        check_avro(avro_value_set_float(&dest, static_cast<float>(v)), path_);
        return;
      }
      case NodeKind::kDouble:
        check_avro(avro_value_set_double(&dest, number(node, json, nullable_union)), path_);
        return;
      case NodeKind::kString: {
        if (!json.is_string()) mismatch(node, json, nullable_union);
        const auto& text = json.get_ref<const std::string&>();
        if (!is_valid_utf8(text)) fail("string is not valid UTF-8");
        // Avro C's length counts the terminating NUL, which std::string guarantees.
        check_avro(avro_value_set_string_len(&dest, text.c_str(), text.size() + 1), path_);
        return;
      }
      case NodeKind::kBytes: {
        const std::vector<uint8_t> bytes = binary(node, json, nullable_union);
        // Avro C refuses a null pointer even for zero bytes, which an empty vector may give.
        uint8_t none = 0;
        void* data = bytes.empty() ? &none : const_cast<uint8_t*>(bytes.data());
        check_avro(avro_value_set_bytes(&dest, data, bytes.size()), path_);
        return;
      }
      case NodeKind::kFixed: {
        const std::vector<uint8_t> bytes = binary(node, json, nullable_union);
        if (static_cast<int64_t>(bytes.size()) != node.fixed_size) {
          fail("expected " + std::to_string(node.fixed_size) + " bytes for " + node.full_name +
               ", got " + std::to_string(bytes.size()));
        }
        check_avro(avro_value_set_fixed(&dest, const_cast<uint8_t*>(bytes.data()), bytes.size()),
                   path_);
        return;
      }
      case NodeKind::kEnum: {
        if (!json.is_string()) mismatch(node, json, nullable_union);
        const auto& symbol = json.get_ref<const std::string&>();
        const int index = node.symbol_index(symbol);
        if (index < 0) {
          std::string all;
          for (const auto& s : node.symbols) all += (all.empty() ? "" : ", ") + s;
          fail("'" + describe_for_error(symbol) + "' is not one of " + all);
        }
        check_avro(avro_value_set_enum(&dest, index), path_);
        return;
      }
      case NodeKind::kArray: {
        if (!json.is_array()) mismatch(node, json, nullable_union);
        std::size_t i = 0;
        for (const auto& item : json) {
          auto scope = path_.index(i++);
          avro_value_t child;
          check_avro(avro_value_append(&dest, &child, nullptr), path_);
          encode(*node.items, item, child, depth + 1);
        }
        return;
      }
      case NodeKind::kMap: {
        if (!json.is_object()) mismatch(node, json, nullable_union);
        for (const auto& [key, item] : json.items()) {
          auto scope = path_.key(key);
          if (!is_valid_utf8(key)) fail("map key is not valid UTF-8");
          // Avro C takes keys as C strings; an embedded NUL would silently cut the key.
          if (key.find('\0') != std::string::npos) fail("map key contains a NUL character");
          avro_value_t child;
          check_avro(avro_value_add(&dest, key.c_str(), &child, nullptr, nullptr), path_);
          encode(*node.values, item, child, depth + 1);
        }
        return;
      }
      case NodeKind::kRecord:
        record(node, json, dest, depth, nullable_union);
        return;
      case NodeKind::kUnion:
        union_value(node, json, dest, depth);
        return;
    }
  }

 private:
  [[noreturn]] void fail(const std::string& problem) { throw RecordError(path_.str(), problem); }

  [[noreturn]] void mismatch(const SchemaNode& node, const nlohmann::json& json,
                             const SchemaNode* nullable_union) {
    std::string expected = expectation(node);
    if (nullable_union != nullptr) expected += " or null";
    fail("expected " + expected + ", got " + describe(json));
  }

  int64_t integer(const SchemaNode& node, const nlohmann::json& json,
                  const SchemaNode* nullable_union, int64_t min, int64_t max) {
    const auto out_of_range = [&](const std::string& value) {
      fail("value " + value + " is out of range for " + std::string(kind_name(node.kind)) + " (" +
           std::to_string(min) + ".." + std::to_string(max) + ")");
    };
    if (json.is_number_unsigned()) {
      const auto v = json.get<uint64_t>();
      if (v > static_cast<uint64_t>(max)) out_of_range(std::to_string(v));
      return static_cast<int64_t>(v);
    }
    if (json.is_number_integer()) {
      const auto v = json.get<int64_t>();
      if (v < min || v > max) out_of_range(std::to_string(v));
      return v;
    }
    if (json.is_number_float()) {
      fail("expected an integer, got number " + describe_for_error(json.dump()) +
           " (fractional or exponent notation is not an integer)");
    }
    mismatch(node, json, nullable_union);
  }

  double number(const SchemaNode& node, const nlohmann::json& json,
                const SchemaNode* nullable_union) {
    if (json.is_number()) {
      const double v = json.get<double>();
      if (!std::isfinite(v) && !options_.allow_non_finite) {
        fail(std::string("non-finite number ") +
             (std::isnan(v) ? "NaN"
              : v > 0       ? "Infinity"
                            : "-Infinity") +
             " is not allowed");
      }
      return v;
    }
    if (json.is_string() && options_.allow_non_finite) {
      const auto& s = json.get_ref<const std::string&>();
      if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
      if (s == "Infinity") return std::numeric_limits<double>::infinity();
      if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
    }
    mismatch(node, json, nullable_union);
  }

  std::vector<uint8_t> binary(const SchemaNode& node, const nlohmann::json& json,
                              const SchemaNode* nullable_union) {
    if (!json.is_string()) mismatch(node, json, nullable_union);
    const auto& text = json.get_ref<const std::string&>();
    if (in_default_) {
      // Avro writes byte defaults as strings whose code points are the byte values.
      std::vector<uint8_t> out;
      const auto* p = reinterpret_cast<const unsigned char*>(text.data());
      for (std::size_t i = 0; i < text.size();) {
        uint32_t cp = p[i];
        if (cp >= 0x80) {
          if ((cp & 0xE0) != 0xC0 || i + 1 >= text.size()) fail("byte default above U+00FF");
          cp = ((cp & 0x1F) << 6) | (p[i + 1] & 0x3F);
          i += 2;
        } else {
          ++i;
        }
        if (cp > 0xFF) fail("byte default above U+00FF");
        out.push_back(static_cast<uint8_t>(cp));
      }
      return out;
    }
    auto decoded = base64_decode(text);
    if (!decoded) fail("invalid base64: " + describe(json));
    return std::move(*decoded);
  }

  void record(const SchemaNode& node, const nlohmann::json& json, avro_value_t& dest, int depth,
              const SchemaNode* nullable_union) {
    if (!json.is_object()) mismatch(node, json, nullable_union);
    // Unknown keys first: a misspelt field also shows up as a missing one, and the misspelling
    // is the useful message.
    std::size_t known = 0;
    for (const FieldNode& field : node.fields) known += json.contains(field.name) ? 1 : 0;
    if (known != json.size()) unknown_field(node, json);

    for (std::size_t i = 0; i < node.fields.size(); ++i) {
      const FieldNode& field = node.fields[i];
      avro_value_t child;
      check_avro(avro_value_get_by_index(&dest, i, &child, nullptr), path_);
      auto it = json.find(field.name);
      if (it != json.end()) {
        auto scope = path_.field(field.name);
        encode(*field.type, *it, child, depth + 1);
      } else if (field.default_value) {
        auto scope = path_.field(field.name);
        const bool was_default = in_default_;
        in_default_ = true;
        encode(*field.type, *field.default_value, child, depth + 1);
        in_default_ = was_default;  // not restored on throw: the Encoder is dead by then
      } else {
        fail("missing required field '" + field.name + "'");
      }
    }
  }

  [[noreturn]] void unknown_field(const SchemaNode& node, const nlohmann::json& json) {
    for (const auto& [key, _] : json.items()) {
      if (node.field_index(key) >= 0) continue;
      std::string message = "unknown field '" + describe_for_error(key) + "'";
      const FieldNode* best = nullptr;
      std::size_t best_distance = 3;  // suggest only close misspellings
      for (const FieldNode& field : node.fields) {
        const std::size_t d = edit_distance(key, field.name);
        if (d < best_distance && !json.contains(field.name)) best = &field, best_distance = d;
      }
      if (best != nullptr) message += " (did you mean '" + best->name + "'?)";
      fail(message);
    }
    fail("unknown field");  // unreachable: the caller saw more keys than known fields
  }

  void union_value(const SchemaNode& node, const nlohmann::json& json, avro_value_t& dest,
                   int depth) {
    avro_value_t branch;
    if (in_default_) {
      // A union's default always belongs to its first branch.
      check_avro(avro_value_set_branch(&dest, 0, &branch), path_);
      encode(*node.branches[0], json, branch, depth + 1);
      return;
    }
    const int null_index = node.null_branch();
    if (json.is_null() && null_index >= 0) {
      check_avro(avro_value_set_branch(&dest, null_index, &branch), path_);
      check_avro(avro_value_set_null(&branch), path_);
      return;
    }
    if (const SchemaNode* only = node.nullable_of()) {
      const int index = null_index == 0 ? 1 : 0;
      check_avro(avro_value_set_branch(&dest, index, &branch), path_);
      encode(*only, json, branch, depth + 1, &node);
      return;
    }
    // General union: the first branch that accepts the value wins, like Avro's own resolvers.
    for (std::size_t i = 0; i < node.branches.size(); ++i) {
      if (static_cast<int>(i) == null_index) continue;
      check_avro(avro_value_set_branch(&dest, static_cast<int>(i), &branch), path_);
      check_avro(avro_value_reset(&branch), path_);
      try {
        Encoder attempt(options_);
        attempt.path_ = path_;
        attempt.in_default_ = in_default_;
        attempt.encode(*node.branches[i], json, branch, depth + 1);
        return;
      } catch (const RecordError&) {
        // try the next branch
      }
    }
    fail("expected " + expectation(node) + ", got " + describe(json) +
         " (no branch of the union accepts it)");
  }

  const JsonToAvroOptions& options_;
  bool in_default_;  // encoding a schema default (see JsonToAvroOptions::schema_default)
  FieldPath path_;
};

}  // namespace

void json_to_avro(const SchemaNode& node, const nlohmann::json& json, avro_value_t& dest,
                  const JsonToAvroOptions& options) {
  Encoder(options).encode(node, json, dest, 0);
}

}  // namespace sharpline::serde
