#pragma once

// SchemaCatalog: every record schema of the project, loaded from the *.avsc files of one
// directory (normally schemas/, found with find_schemas_dir()). Entries are sorted by file name so
// that iteration order, and anything derived from it, is the same on every machine.
// Immutable after load(); safe to share between threads.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "serde/avro_schema.hpp"

namespace sharpline::serde {

struct CatalogEntry {
  std::string stem;       // file name without .avsc: "odds_quote"
  std::string full_name;  // record full name: "sharpline.v1.OddsQuote"
  AvroSchema schema;
  std::filesystem::path path;

  const std::string& text() const noexcept { return schema.text(); }
};

class SchemaCatalog {
 public:
  // Loads every regular file ending in .avsc directly in `dir` (not subdirectories: examples
  // live in dir/examples). Throws SchemaError naming the file for unreadable or invalid schemas,
  // a top-level type that is not a record, or two files defining the same record; and naming
  // the directory if it is missing or has no schemas.
  static SchemaCatalog load(const std::filesystem::path& dir);

  const std::vector<CatalogEntry>& entries() const noexcept { return entries_; }
  const std::filesystem::path& directory() const noexcept { return dir_; }

  // Lookup by file stem ("odds_quote") or record full name ("sharpline.v1.OddsQuote");
  // nullptr if there is none.
  const CatalogEntry* find(std::string_view stem_or_full_name) const noexcept;
  // As find(), but throws SchemaError listing the known stems.
  const CatalogEntry& at(std::string_view stem_or_full_name) const;

 private:
  std::filesystem::path dir_;
  std::vector<CatalogEntry> entries_;
};

}  // namespace sharpline::serde
