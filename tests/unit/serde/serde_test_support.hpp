#pragma once

// Shared helpers for the serde tests: the project's schema catalog and example records.

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "serde/schema_catalog.hpp"

namespace sharpline::serde::testing {

inline std::filesystem::path schemas_dir() {
  return std::filesystem::path(SHARPLINE_SOURCE_DIR) / "schemas";
}

inline std::filesystem::path test_data_dir() {
  return SHARPLINE_TEST_DATA_DIR;
}

inline const SchemaCatalog& project_catalog() {
  static const SchemaCatalog catalog = SchemaCatalog::load(schemas_dir());
  return catalog;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::filesystem::path example_path(const std::string& stem) {
  return schemas_dir() / "examples" / (stem + ".json");
}

inline nlohmann::json load_example(const std::string& stem) {
  return nlohmann::json::parse(read_text(example_path(stem)));
}

}  // namespace sharpline::serde::testing
