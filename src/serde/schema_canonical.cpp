#include "serde/schema_canonical.hpp"

#include <array>
#include <set>

namespace sharpline::serde {
namespace {

void append_string(std::string& out, std::string_view text) {
  out += nlohmann::json(std::string(text)).dump();  // escapes only what JSON requires
}

void write(const SchemaNode& node, std::string& out, std::set<std::string, std::less<>>& defined) {
  const bool named = node.kind == NodeKind::kRecord || node.kind == NodeKind::kEnum ||
                     node.kind == NodeKind::kFixed;
  if (named) {
    if (defined.contains(node.full_name)) {
      append_string(out, node.full_name);
      return;
    }
    defined.insert(node.full_name);
  }
  switch (node.kind) {
    case NodeKind::kRecord:
      out += R"({"name":)";
      append_string(out, node.full_name);
      out += R"(,"type":"record","fields":[)";
      for (std::size_t i = 0; i < node.fields.size(); ++i) {
        if (i > 0) out += ',';
        out += R"({"name":)";
        append_string(out, node.fields[i].name);
        out += R"(,"type":)";
        write(*node.fields[i].type, out, defined);
        out += '}';
      }
      out += "]}";
      return;
    case NodeKind::kEnum:
      out += R"({"name":)";
      append_string(out, node.full_name);
      out += R"(,"type":"enum","symbols":[)";
      for (std::size_t i = 0; i < node.symbols.size(); ++i) {
        if (i > 0) out += ',';
        append_string(out, node.symbols[i]);
      }
      out += "]}";
      return;
    case NodeKind::kFixed:
      out += R"({"name":)";
      append_string(out, node.full_name);
      out += R"(,"type":"fixed","size":)" + std::to_string(node.fixed_size) + "}";
      return;
    case NodeKind::kArray:
      out += R"({"type":"array","items":)";
      write(*node.items, out, defined);
      out += '}';
      return;
    case NodeKind::kMap:
      out += R"({"type":"map","values":)";
      write(*node.values, out, defined);
      out += '}';
      return;
    case NodeKind::kUnion:
      out += '[';
      for (std::size_t i = 0; i < node.branches.size(); ++i) {
        if (i > 0) out += ',';
        write(*node.branches[i], out, defined);
      }
      out += ']';
      return;
    default:
      out += '"';
      out += kind_name(node.kind);
      out += '"';
      return;
  }
}

constexpr uint64_t kEmpty = 0xc15d213aa4d7a795ULL;

constexpr std::array<uint64_t, 256> make_table() {
  std::array<uint64_t, 256> table{};
  for (uint64_t i = 0; i < 256; ++i) {
    uint64_t fp = i;
    for (int j = 0; j < 8; ++j) fp = (fp >> 1) ^ (kEmpty & (0 - (fp & 1)));
    table[i] = fp;
  }
  return table;
}

constexpr std::array<uint64_t, 256> kTable = make_table();

}  // namespace

std::string parsing_canonical_form(const SchemaNode& root) {
  std::string out;
  std::set<std::string, std::less<>> defined;
  write(root, out, defined);
  return out;
}

uint64_t crc64_avro(std::string_view bytes) noexcept {
  uint64_t fp = kEmpty;
  for (unsigned char b : bytes) fp = (fp >> 8) ^ kTable[(fp ^ b) & 0xff];
  return fp;
}

}  // namespace sharpline::serde
