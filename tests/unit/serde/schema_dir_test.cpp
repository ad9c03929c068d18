#include "serde/schema_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "serde/errors.hpp"

namespace sharpline::serde {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class SchemaDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("sharpline_schema_dir_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "prefix" / "bin");
    fs::create_directories(root_ / "prefix" / "share" / "sharpline" / "schemas");
    fs::create_directories(root_ / "src" / "schemas");
    fs::create_directories(root_ / "explicit");
    fs::create_directories(root_ / "from_env");
  }
  void TearDown() override { fs::remove_all(root_); }

  SchemaDirSearch search() const {
    SchemaDirSearch s;
    s.executable = root_ / "prefix" / "bin" / "sharpline";
    s.source_dir = root_ / "src";
    return s;
  }
  std::string error_of(const SchemaDirSearch& s) const {
    try {
      find_schemas_dir(s);
    } catch (const SchemaError& e) {
      return e.what();
    }
    return "<no error>";
  }

  fs::path root_;
};

TEST_F(SchemaDirTest, ExplicitPathWins) {
  SchemaDirSearch s = search();
  s.explicit_path = root_ / "explicit";
  s.env_value = (root_ / "from_env").string();
  EXPECT_EQ(find_schemas_dir(s), root_ / "explicit");
}

TEST_F(SchemaDirTest, EnvironmentBeatsInstalledAndSource) {
  SchemaDirSearch s = search();
  s.env_value = (root_ / "from_env").string();
  EXPECT_EQ(find_schemas_dir(s), root_ / "from_env");
}

TEST_F(SchemaDirTest, EmptyEnvironmentIsIgnored) {
  SchemaDirSearch s = search();
  s.env_value = "";
  EXPECT_EQ(find_schemas_dir(s), root_ / "prefix" / "share" / "sharpline" / "schemas");
}

TEST_F(SchemaDirTest, InstalledTreeBeatsSourceTree) {
  EXPECT_EQ(find_schemas_dir(search()), root_ / "prefix" / "share" / "sharpline" / "schemas");
}

TEST_F(SchemaDirTest, FallsBackToSourceTree) {
  fs::remove_all(root_ / "prefix" / "share");
  EXPECT_EQ(find_schemas_dir(search()), root_ / "src" / "schemas");
}

TEST_F(SchemaDirTest, MissingExplicitOrEnvironmentPathIsAnErrorNotAFallback) {
  SchemaDirSearch s = search();
  s.explicit_path = root_ / "nope";
  EXPECT_THAT(error_of(s), HasSubstr("(given explicitly) does not exist"));
  s = search();
  s.env_value = (root_ / "nope").string();
  EXPECT_THAT(error_of(s), HasSubstr("(from SHARPLINE_SCHEMAS_DIR) does not exist"));
}

TEST_F(SchemaDirTest, NothingFoundListsWhereItLooked) {
  fs::remove_all(root_ / "prefix" / "share");
  fs::remove_all(root_ / "src" / "schemas");
  const std::string error = error_of(search());
  EXPECT_THAT(error, HasSubstr("share/sharpline/schemas"));
  EXPECT_THAT(error, HasSubstr((root_ / "src" / "schemas").string()));
}

TEST(SchemaDirDefaultTest, ProcessDefaultFindsTheProjectSchemas) {
  // The test binary is neither installed nor told where to look, unless the caller set the
  // variable; either way the result must hold the project's schemas.
  const fs::path dir = find_schemas_dir();
  EXPECT_TRUE(fs::exists(dir / "odds_quote.avsc")) << dir;
}

}  // namespace
}  // namespace sharpline::serde
