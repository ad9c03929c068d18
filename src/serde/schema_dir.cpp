#include "serde/schema_dir.hpp"

#include <cstdlib>

#include "serde/errors.hpp"

#ifndef SHARPLINE_SOURCE_DIR
#error "SHARPLINE_SOURCE_DIR must be defined by the build (see CMakeLists.txt)"
#endif

namespace sharpline::serde {
namespace {

bool is_dir(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec);
}

std::optional<std::filesystem::path> running_executable() {
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return std::nullopt;
  return path;
}

}  // namespace

std::filesystem::path find_schemas_dir(const SchemaDirSearch& search) {
  if (search.explicit_path) {
    if (!is_dir(*search.explicit_path)) {
      throw SchemaError("schemas directory " + search.explicit_path->string() +
                        " (given explicitly) does not exist");
    }
    return *search.explicit_path;
  }
  if (search.env_value && !search.env_value->empty()) {
    if (!is_dir(*search.env_value)) {
      throw SchemaError("schemas directory " + *search.env_value +
                        " (from SHARPLINE_SCHEMAS_DIR) does not exist");
    }
    return *search.env_value;
  }
  std::string tried;
  if (search.executable) {
    auto installed = search.executable->parent_path() / ".." / "share" / "sharpline" / "schemas";
    if (is_dir(installed)) return installed.lexically_normal();
    tried += installed.lexically_normal().string() + ", ";
  }
  auto source = search.source_dir / "schemas";
  if (is_dir(source)) return source;
  tried += source.string();
  throw SchemaError("cannot find the schemas directory (set SHARPLINE_SCHEMAS_DIR); looked in: " +
                    tried);
}

std::filesystem::path find_schemas_dir(const std::optional<std::filesystem::path>& explicit_path) {
  SchemaDirSearch search;
  search.explicit_path = explicit_path;
  if (const char* env = std::getenv("SHARPLINE_SCHEMAS_DIR")) search.env_value = env;
  search.executable = running_executable();
  search.source_dir = SHARPLINE_SOURCE_DIR;
  return find_schemas_dir(search);
}

}  // namespace sharpline::serde
