// Every schema in the catalog has a realistic example under schemas/examples/, and every example
// survives encode -> decode unchanged. Driven by the catalog, so a new .avsc is covered (and
// fails until it gets an example) without touching this file.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "serde/json_avro_codec.hpp"
#include "serde_test_support.hpp"

namespace sharpline::serde {
namespace {

using testing::example_path;
using testing::load_example;
using testing::project_catalog;

TEST(SchemaExamplesTest, EverySchemaHasAnExample) {
  for (const CatalogEntry& entry : project_catalog().entries()) {
    EXPECT_TRUE(std::filesystem::exists(example_path(entry.stem)))
        << entry.stem << ": add " << example_path(entry.stem);
  }
}

TEST(SchemaExamplesTest, EveryExampleBelongsToASchema) {
  for (const auto& item :
       std::filesystem::directory_iterator(testing::schemas_dir() / "examples")) {
    EXPECT_NE(project_catalog().find(item.path().stem().string()), nullptr) << item.path();
  }
}

TEST(SchemaExamplesTest, EveryExampleRoundTripsAndSpellsOutEveryField) {
  for (const CatalogEntry& entry : project_catalog().entries()) {
    SCOPED_TRACE(entry.stem);
    if (!std::filesystem::exists(example_path(entry.stem))) {
      ADD_FAILURE() << "no example";
      continue;
    }
    const nlohmann::json example = load_example(entry.stem);
    // Examples document the record, so they show every top-level field, defaults included.
    for (const FieldNode& field : entry.schema.root().fields) {
      EXPECT_TRUE(example.contains(field.name)) << "example lacks field " << field.name;
    }
    const JsonAvroCodec codec(entry.schema);
    const std::vector<uint8_t> bytes = codec.encode(example);
    EXPECT_FALSE(bytes.empty());
    EXPECT_EQ(codec.decode(bytes), example);
  }
}

}  // namespace
}  // namespace sharpline::serde
