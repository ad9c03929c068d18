#pragma once

// Generates random natural-JSON values for any schema, for property tests: nulls, empty and
// unicode strings (embedded NUL included), empty arrays and maps, extreme ints and longs,
// subnormal and huge doubles. Seeded, so every run generates the same records.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "serde/base64.hpp"
#include "serde/schema_tree.hpp"

namespace sharpline::serde::testing {

struct GeneratedRecord {
  nlohmann::json input;     // what is encoded: fields with a default are sometimes left out
  nlohmann::json expected;  // what decoding must give: defaults filled in
};

class RandomRecords {
 public:
  explicit RandomRecords(uint32_t seed, bool python_safe = false)
      : rng_(seed), python_safe_(python_safe) {}

  GeneratedRecord record(const SchemaNode& root) {
    GeneratedRecord out;
    generate(root, out.input, out.expected, 0);
    return out;
  }

 private:
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T>
  T uniform(T lo, T hi) {
    return std::uniform_int_distribution<T>(lo, hi)(rng_);
  }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[uniform<std::size_t>(0, items.size() - 1)];
  }

  std::string text() {
    static const std::vector<std::string> pieces = {"",
                                                    "a",
                                                    "Buffalo Bills",
                                                    "Draw",
                                                    "Över",
                                                    "Ümlaut",
                                                    "中文",
                                                    "🏈",
                                                    "⚽️",
                                                    "עברית",
                                                    "\"quoted\"",
                                                    "back\\slash",
                                                    "line\nbreak",
                                                    "tab\t",
                                                    std::string("nul\0byte", 8),
                                                    "\x7f",
                                                    "é",
                                                    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
                                                    " "};
    std::string out;
    const int n = uniform(0, 4);
    for (int i = 0; i < n; ++i) out += pick(pieces);
    return out;
  }

  std::string key() {
    std::string k = text();
    k.erase(std::remove(k.begin(), k.end(), '\0'), k.end());  // Avro C map keys are C strings
    return k;
  }

  double real() {
    static const std::vector<double> specials = {0.0,
                                                 -0.0,
                                                 1.0,
                                                 -1.0,
                                                 1.01,
                                                 1000.0,
                                                 0.5,
                                                 1e-300,
                                                 -1e300,
                                                 5e-324,
                                                 std::numeric_limits<double>::max(),
                                                 std::numeric_limits<double>::lowest(),
                                                 std::numeric_limits<double>::min()};
    if (chance(0.3)) return pick(specials);
    return std::uniform_real_distribution<double>(-1e6, 1e6)(rng_);
  }

  int64_t long_value(const SchemaNode& node) {
    if (python_safe_ && node.logical_type == "timestamp-millis") {
      // Python's datetime stops at years 1 and 9999.
      return uniform<int64_t>(-62135596800000, 253402300799999);
    }
    static const std::vector<int64_t> specials = {0,
                                                  1,
                                                  -1,
                                                  63,
                                                  64,
                                                  -65,
                                                  1731877150000,
                                                  std::numeric_limits<int64_t>::min(),
                                                  std::numeric_limits<int64_t>::max(),
                                                  std::numeric_limits<int32_t>::max() + int64_t{1}};
    if (chance(0.4)) return pick(specials);
    return uniform(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
  }

  void generate(const SchemaNode& node, nlohmann::json& input, nlohmann::json& expected,
                int depth) {
    switch (node.kind) {
      case NodeKind::kNull:
        input = nullptr;
        break;
      case NodeKind::kBoolean:
        input = chance(0.5);
        break;
      case NodeKind::kInt: {
        static const std::vector<int32_t> specials = {0, -1, 1, std::numeric_limits<int32_t>::min(),
                                                      std::numeric_limits<int32_t>::max()};
        input = chance(0.4) ? pick(specials)
                            : uniform(std::numeric_limits<int32_t>::min(),
                                      std::numeric_limits<int32_t>::max());
        break;
      }
      case NodeKind::kLong:
        input = long_value(node);
        break;
      case NodeKind::kFloat:
        input = static_cast<double>(
            static_cast<float>(std::uniform_real_distribution<double>(-1e6, 1e6)(rng_)));
        break;
      case NodeKind::kDouble:
        input = real();
        break;
      case NodeKind::kString:
        input = text();
        break;
      case NodeKind::kBytes:
      case NodeKind::kFixed: {
        std::vector<uint8_t> bytes(node.kind == NodeKind::kFixed
                                       ? static_cast<std::size_t>(node.fixed_size)
                                       : uniform<std::size_t>(0, 12));
        for (auto& b : bytes) b = static_cast<uint8_t>(uniform(0, 255));
        input = base64_encode(bytes);
        break;
      }
      case NodeKind::kEnum:
        input = pick(node.symbols);
        break;
      case NodeKind::kArray: {
        input = nlohmann::json::array();
        expected = nlohmann::json::array();
        const int n = depth > 6 ? 0 : uniform(0, 4);
        for (int i = 0; i < n; ++i) {
          nlohmann::json in, ex;
          generate(*node.items, in, ex, depth + 1);
          input.push_back(std::move(in));
          expected.push_back(std::move(ex));
        }
        return;
      }
      case NodeKind::kMap: {
        input = nlohmann::json::object();
        expected = nlohmann::json::object();
        const int n = depth > 6 ? 0 : uniform(0, 3);
        for (int i = 0; i < n; ++i) {
          const std::string k = key();
          nlohmann::json in, ex;
          generate(*node.values, in, ex, depth + 1);
          input[k] = std::move(in);
          expected[k] = std::move(ex);
        }
        return;
      }
      case NodeKind::kUnion: {
        const int null_index = node.null_branch();
        if (null_index >= 0 && (chance(0.3) || depth > 6)) {
          input = expected = nullptr;
          return;
        }
        std::size_t i = 0;
        do {
          i = uniform<std::size_t>(0, node.branches.size() - 1);
        } while (static_cast<int>(i) == null_index);
        generate(*node.branches[i], input, expected, depth + 1);
        return;
      }
      case NodeKind::kRecord: {
        input = nlohmann::json::object();
        expected = nlohmann::json::object();
        for (const FieldNode& field : node.fields) {
          // Defaults of these schemas (null, false, {}) read the same in natural JSON.
          if (field.default_value && chance(0.25)) {
            expected[field.name] = *field.default_value;
            continue;
          }
          generate(*field.type, input[field.name], expected[field.name], depth + 1);
        }
        return;
      }
    }
    expected = input;
  }

  std::mt19937 rng_;
  bool python_safe_;
};

}  // namespace sharpline::serde::testing
