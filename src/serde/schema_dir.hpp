#pragma once

// Finds the directory holding the *.avsc files, in this order:
//   1. an explicit path (command-line option), which must exist;
//   2. the environment variable SHARPLINE_SCHEMAS_DIR, if set and non-empty, which must exist;
//   3. <directory of the running executable>/../share/sharpline/schemas (an installed tree);
//   4. SHARPLINE_SOURCE_DIR "/schemas", the source tree the library was built from.
// An explicit or environment path that does not exist is an error rather than a reason to fall
// back: silently using other schemas than the ones asked for would be worse.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sharpline::serde {

// Throws SchemaError listing every place it looked.
std::filesystem::path find_schemas_dir(
    const std::optional<std::filesystem::path>& explicit_path = std::nullopt);

// The same search with its inputs spelled out, for tests and tools.
struct SchemaDirSearch {
  std::optional<std::filesystem::path> explicit_path;
  std::optional<std::string> env_value;             // value of SHARPLINE_SCHEMAS_DIR
  std::optional<std::filesystem::path> executable;  // path of the running program
  std::filesystem::path source_dir;                 // SHARPLINE_SOURCE_DIR
};
std::filesystem::path find_schemas_dir(const SchemaDirSearch& search);

}  // namespace sharpline::serde
