#include "serde/binary_check.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "serde/errors.hpp"
#include "serde/field_path.hpp"
#include "serde/utf8.hpp"

namespace sharpline::serde {
namespace {

// Upper bound on items in one array/map block when an item may take zero bytes (arrays of null
// or of empty records): the byte count cannot bound them, so this stops a 10-byte input from
// asking Avro C for 2^62 elements.
constexpr int64_t kMaxZeroSizeItems = int64_t{1} << 20;

class Checker {
 public:
  Checker(std::span<const uint8_t> bytes, const BinaryCheckOptions& options)
      : p_(bytes.data()), end_(bytes.data() + bytes.size()), options_(options) {}

  void value(const SchemaNode& node, int depth) {
    if (depth > options_.max_depth)
      fail("nesting deeper than " + std::to_string(options_.max_depth));
    switch (node.kind) {
      case NodeKind::kNull:
        return;
      case NodeKind::kBoolean: {
        const uint8_t b = take(1, "boolean")[0];
        if (b > 1) fail("invalid boolean byte " + std::to_string(b) + " (must be 0 or 1)");
        return;
      }
      case NodeKind::kInt: {
        const int64_t v = varint("int");
        if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
          fail("value " + std::to_string(v) + " is out of range for int");
        }
        return;
      }
      case NodeKind::kLong:
        varint("long");
        return;
      case NodeKind::kFloat: {
        float f = 0;
        std::memcpy(&f, take(4, "float"), 4);  // Avro is little-endian, as is every target here
        finite(f);
        return;
      }
      case NodeKind::kDouble: {
        double d = 0;
        std::memcpy(&d, take(8, "double"), 8);
        finite(d);
        return;
      }
      case NodeKind::kString: {
        const auto text = length_prefixed("string");
        if (!is_valid_utf8(text)) fail("string is not valid UTF-8");
        return;
      }
      case NodeKind::kBytes:
        length_prefixed("bytes");
        return;
      case NodeKind::kFixed:
        take(static_cast<std::size_t>(node.fixed_size), "fixed");
        return;
      case NodeKind::kEnum: {
        const int64_t i = varint("enum index");
        if (i < 0 || i >= static_cast<int64_t>(node.symbols.size())) {
          fail("enum index " + std::to_string(i) + " is out of range (" +
               std::to_string(node.symbols.size()) + " symbols)");
        }
        return;
      }
      case NodeKind::kUnion: {
        const int64_t i = varint("union branch index");
        if (i < 0 || i >= static_cast<int64_t>(node.branches.size())) {
          fail("union branch index " + std::to_string(i) + " is out of range (" +
               std::to_string(node.branches.size()) + " branches)");
        }
        value(*node.branches[static_cast<std::size_t>(i)], depth + 1);
        return;
      }
      case NodeKind::kRecord:
        for (const FieldNode& field : node.fields) {
          auto scope = path_.field(field.name);
          value(*field.type, depth + 1);
        }
        return;
      case NodeKind::kArray:
      case NodeKind::kMap:
        blocks(node, depth);
        return;
    }
  }

  void expect_end() {
    if (p_ != end_) {
      path_.clear();
      fail(std::to_string(end_ - p_) + " trailing byte(s) after the record");
    }
  }

 private:
  [[noreturn]] void fail(const std::string& problem) { throw RecordError(path_.str(), problem); }

  std::size_t left() const noexcept { return static_cast<std::size_t>(end_ - p_); }

  const uint8_t* take(std::size_t n, const char* what) {
    if (n > left()) {
      fail(std::string("truncated: ") + what + " needs " + std::to_string(n) + " byte(s), " +
           std::to_string(left()) + " left");
    }
    const uint8_t* at = p_;
    p_ += n;
    return at;
  }

  int64_t varint(const char* what) {
    uint64_t value = 0;
    for (int i = 0; i < 10; ++i) {
      if (p_ == end_) fail(std::string("truncated: ") + what + " ends mid-varint");
      const uint8_t b = *p_++;
      // The 10th byte may only carry bit 63; anything more does not fit a long.
      if (i == 9 && (b & 0xFE) != 0) fail(std::string("malformed varint in ") + what);
      value |= static_cast<uint64_t>(b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) return static_cast<int64_t>((value >> 1) ^ (0 - (value & 1)));
    }
    fail(std::string("malformed varint in ") + what + " (longer than 10 bytes)");
  }

  std::string_view length_prefixed(const char* what) {
    const int64_t n = varint(what);
    if (n < 0) fail(std::string("negative ") + what + " length " + std::to_string(n));
    if (static_cast<uint64_t>(n) > left()) {
      fail(std::string("truncated: ") + what + " of " + std::to_string(n) + " byte(s), " +
           std::to_string(left()) + " left");
    }
    const auto* at = reinterpret_cast<const char*>(p_);
    p_ += n;
    return {at, static_cast<std::size_t>(n)};
  }

  template <typename F>
  void finite(F v) {
    if (!options_.allow_non_finite && !std::isfinite(v)) {
      fail(std::string("non-finite number ") +
           (std::isnan(v) ? "NaN"
            : v > 0       ? "Infinity"
                          : "-Infinity") +
           " (not allowed by this codec)");
    }
  }

  void blocks(const SchemaNode& node, int depth) {
    const bool is_map = node.kind == NodeKind::kMap;
    const SchemaNode& item = is_map ? *node.values : *node.items;
    // A map entry is at least a key length byte plus the value.
    const std::size_t item_min = item.min_encoded_size() + (is_map ? 1 : 0);
    const char* what = is_map ? "map block count" : "array block count";
    std::size_t index = 0;
    for (;;) {
      int64_t count = varint(what);
      if (count == 0) return;
      const uint8_t* block_start = nullptr;
      int64_t block_size = -1;
      if (count < 0) {
        // Negative count: a byte size follows, so readers can skip the block.
        if (count == std::numeric_limits<int64_t>::min()) fail(std::string("invalid ") + what);
        count = -count;
        block_size = varint("block size");
        if (block_size < 0 || static_cast<uint64_t>(block_size) > left()) {
          fail("invalid block size " + std::to_string(block_size));
        }
        block_start = p_;
      }
      const bool too_many = item_min > 0 ? static_cast<uint64_t>(count) > left() / item_min
                                         : count > kMaxZeroSizeItems;
      if (too_many) {
        fail(std::string("truncated: ") + (is_map ? "map" : "array") + " claims " +
             std::to_string(count) + " item(s), more than the " + std::to_string(left()) +
             " byte(s) left can hold");
      }
      for (int64_t i = 0; i < count; ++i, ++index) {
        if (is_map) {
          const auto key = length_prefixed("map key");
          auto scope = path_.key(key);
          if (!is_valid_utf8(key)) fail("map key is not valid UTF-8");
          if (key.find('\0') != std::string_view::npos) fail("map key contains a NUL character");
          value(item, depth + 1);
        } else {
          auto scope = path_.index(index);
          value(item, depth + 1);
        }
      }
      if (block_start != nullptr && p_ - block_start != block_size) {
        fail("block size " + std::to_string(block_size) + " does not match its " +
             std::to_string(p_ - block_start) + " byte(s) of items");
      }
    }
  }

  const uint8_t* p_;
  const uint8_t* end_;
  const BinaryCheckOptions& options_;
  FieldPath path_;
};

}  // namespace

void check_binary(const SchemaNode& root, std::span<const uint8_t> bytes,
                  const BinaryCheckOptions& options) {
  Checker checker(bytes, options);
  checker.value(root, 0);
  checker.expect_end();
}

}  // namespace sharpline::serde
