// docs/schemas.md carries a field reference generated from the schema docs; it must not drift.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "serde_test_support.hpp"

namespace sharpline::serde {
namespace {

TEST(SchemaDocsTest, FieldReferenceIsUpToDate) {
  const std::filesystem::path python = "/usr/bin/python3";
  if (!std::filesystem::exists(python)) GTEST_SKIP() << "no " << python;
  const std::filesystem::path script =
      std::filesystem::path(SHARPLINE_SOURCE_DIR) / "tools" / "gen_schema_docs.py";
  const std::string command = python.string() + " " + script.string() + " --check";
  EXPECT_EQ(std::system(command.c_str()), 0) << "run tools/gen_schema_docs.py --write";
}

}  // namespace
}  // namespace sharpline::serde
