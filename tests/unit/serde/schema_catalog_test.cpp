#include "serde/schema_catalog.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

#include "serde/errors.hpp"
#include "serde_test_support.hpp"

namespace sharpline::serde {
namespace {

using ::testing::HasSubstr;
using testing::project_catalog;

// A scratch directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("sharpline_catalog_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
  }

 private:
  std::filesystem::path path_;
};

std::string load_error(const std::filesystem::path& dir) {
  try {
    SchemaCatalog::load(dir);
  } catch (const SchemaError& e) {
    return e.what();
  }
  return "no error";
}

std::string snake_case(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      if (!out.empty()) out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

TEST(SchemaCatalogTest, LoadsEveryProjectSchemaSortedByFileName) {
  const auto& entries = project_catalog().entries();
  std::vector<std::string> stems;
  for (const auto& e : entries) stems.push_back(e.stem);
  EXPECT_EQ(stems, (std::vector<std::string>{"alert", "dead_letter", "event", "feature_vector",
                                             "grade", "odds_quote", "opportunity", "prediction",
                                             "result", "weather"}));
}

TEST(SchemaCatalogTest, EverySchemaFollowsTheProjectConventions) {
  for (const CatalogEntry& entry : project_catalog().entries()) {
    SCOPED_TRACE(entry.stem);
    EXPECT_EQ(entry.full_name.rfind("sharpline.v1.", 0), 0u) << "namespace must be sharpline.v1";
    EXPECT_EQ(snake_case(entry.schema.name()), entry.stem) << "file name = snake_case(record)";
    EXPECT_FALSE(entry.schema.root().doc.empty()) << "record needs a doc";
    EXPECT_EQ(entry.text(), testing::read_text(entry.path));

    // Walk every record reachable from the top level.
    std::vector<const SchemaNode*> pending{&entry.schema.root()};
    std::set<const SchemaNode*> seen;
    while (!pending.empty()) {
      const SchemaNode* node = pending.back();
      pending.pop_back();
      if (!seen.insert(node).second) continue;
      if (node->items) pending.push_back(node->items);
      if (node->values) pending.push_back(node->values);
      for (const SchemaNode* b : node->branches) pending.push_back(b);
      for (const FieldNode& field : node->fields) {
        SCOPED_TRACE(node->full_name + "." + field.name);
        pending.push_back(field.type);
        EXPECT_THAT(field.doc, HasSubstr("Unit:")) << "every field documents its unit";
        const SchemaNode* type = field.type;
        if (type->kind == NodeKind::kUnion) {
          // Nullable fields: ["null", T] with default null, so they can be added compatibly.
          ASSERT_NE(type->nullable_of(), nullptr) << "only [null, T] unions are used";
          EXPECT_EQ(type->branches[0]->kind, NodeKind::kNull);
          EXPECT_EQ(field.default_value, nlohmann::json(nullptr));
          type = type->nullable_of();
        }
        const bool ends_ms =
            field.name.size() > 3 && field.name.compare(field.name.size() - 3, 3, "_ms") == 0;
        if (ends_ms && field.name != "window_ms") {
          EXPECT_EQ(type->kind, NodeKind::kLong);
          EXPECT_EQ(type->logical_type, "timestamp-millis") << "times are timestamp-millis";
        }
      }
    }
  }
}

TEST(SchemaCatalogTest, FindsByStemOrFullName) {
  const auto& catalog = project_catalog();
  const CatalogEntry* by_stem = catalog.find("odds_quote");
  ASSERT_NE(by_stem, nullptr);
  EXPECT_EQ(by_stem->full_name, "sharpline.v1.OddsQuote");
  EXPECT_EQ(catalog.find("sharpline.v1.OddsQuote"), by_stem);
  EXPECT_EQ(&catalog.at("sharpline.v1.DeadLetter"), catalog.find("dead_letter"));
  EXPECT_EQ(catalog.find("OddsQuote"), nullptr);
  EXPECT_EQ(catalog.find("odds"), nullptr);
}

TEST(SchemaCatalogTest, AtListsKnownSchemasWhenMissing) {
  try {
    project_catalog().at("odds");
    FAIL() << "expected SchemaError";
  } catch (const SchemaError& e) {
    EXPECT_THAT(e.what(), HasSubstr("no schema 'odds'"));
    EXPECT_THAT(e.what(), HasSubstr("odds_quote"));
  }
}

TEST(SchemaCatalogTest, InvalidFileIsNamedInTheError) {
  TempDir dir;
  dir.write("a_good.avsc", R"({"type":"record","name":"AGood","fields":[]})");
  dir.write("b_broken.avsc",
            R"({"type":"record","name":"B","fields":[{"name":"x","type":"nope"}]})");
  const std::string error = load_error(dir.path());
  EXPECT_THAT(error, HasSubstr("b_broken.avsc"));
  EXPECT_THAT(error, HasSubstr("nope"));
}

TEST(SchemaCatalogTest, NonRecordTopLevelIsRejected) {
  TempDir dir;
  dir.write("odd.avsc", R"({"type":"enum","name":"Odd","symbols":["A"]})");
  EXPECT_THAT(load_error(dir.path()), HasSubstr("odd.avsc: top-level type is enum"));
}

TEST(SchemaCatalogTest, DuplicateRecordNamesAreRejected) {
  TempDir dir;
  dir.write("one.avsc", R"({"type":"record","name":"Same","namespace":"n","fields":[]})");
  dir.write("two.avsc", R"({"type":"record","name":"n.Same","fields":[]})");
  const std::string error = load_error(dir.path());
  EXPECT_THAT(error, HasSubstr("two.avsc: record n.Same is already defined in"));
  EXPECT_THAT(error, HasSubstr("one.avsc"));
}

TEST(SchemaCatalogTest, MissingOrEmptyDirectoryIsAnError) {
  TempDir dir;
  dir.write("notes.txt", "not a schema");
  EXPECT_THAT(load_error(dir.path()), HasSubstr("no .avsc files"));
  EXPECT_THAT(load_error(dir.path() / "absent"), HasSubstr("does not exist"));
}

TEST(SchemaCatalogTest, IgnoresSubdirectoriesAndOtherFiles) {
  TempDir dir;
  dir.write("x.avsc", R"({"type":"record","name":"X","fields":[]})");
  dir.write("x.json", "{}");
  std::filesystem::create_directories(dir.path() / "examples");
  std::ofstream(dir.path() / "examples" / "y.avsc") << "garbage";
  const SchemaCatalog catalog = SchemaCatalog::load(dir.path());
  ASSERT_EQ(catalog.entries().size(), 1u);
  EXPECT_EQ(catalog.entries()[0].stem, "x");
  EXPECT_EQ(catalog.directory(), dir.path());
}

}  // namespace
}  // namespace sharpline::serde
