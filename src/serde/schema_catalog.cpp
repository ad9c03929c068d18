#include "serde/schema_catalog.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "serde/errors.hpp"

namespace sharpline::serde {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SchemaError(path.string() + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw SchemaError(path.string() + ": read error");
  return text.str();
}

}  // namespace

SchemaCatalog SchemaCatalog::load(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw SchemaError(dir.string() + ": schema directory does not exist");
  }
  std::vector<std::filesystem::path> files;
  for (const auto& item : std::filesystem::directory_iterator(dir)) {
    if (item.is_regular_file() && item.path().extension() == ".avsc") files.push_back(item.path());
  }
  if (files.empty()) throw SchemaError(dir.string() + ": no .avsc files");
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.filename() < b.filename(); });

  SchemaCatalog catalog;
  catalog.dir_ = dir;
  for (const auto& path : files) {
    const std::string text = read_file(path);
    std::optional<AvroSchema> schema;
    try {
      schema = AvroSchema::parse(text);
    } catch (const SchemaError& e) {
      throw SchemaError(path.string() + ": " + e.what());
    }
    if (schema->root().kind != NodeKind::kRecord) {
      throw SchemaError(path.string() + ": top-level type is " +
                        std::string(kind_name(schema->root().kind)) + ", expected a record");
    }
    if (const CatalogEntry* other = catalog.find(schema->full_name())) {
      throw SchemaError(path.string() + ": record " + schema->full_name() +
                        " is already defined in " + other->path.string());
    }
    CatalogEntry entry{path.stem().string(), schema->full_name(), std::move(*schema), path};
    catalog.entries_.push_back(std::move(entry));
  }
  return catalog;
}

const CatalogEntry* SchemaCatalog::find(std::string_view stem_or_full_name) const noexcept {
  for (const CatalogEntry& entry : entries_) {
    if (entry.stem == stem_or_full_name || entry.full_name == stem_or_full_name) return &entry;
  }
  return nullptr;
}

const CatalogEntry& SchemaCatalog::at(std::string_view stem_or_full_name) const {
  if (const CatalogEntry* entry = find(stem_or_full_name)) return *entry;
  std::string known;
  for (const CatalogEntry& entry : entries_) known += (known.empty() ? "" : ", ") + entry.stem;
  throw SchemaError("no schema '" + std::string(stem_or_full_name) + "' in " + dir_.string() +
                    " (known: " + known + ")");
}

}  // namespace sharpline::serde
