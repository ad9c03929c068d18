#include "serde/avro_schema.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "serde/errors.hpp"

namespace sharpline::serde {
namespace {

using ::testing::HasSubstr;

std::string parse_error(std::string_view text) {
  try {
    AvroSchema::parse(text);
  } catch (const SchemaError& e) {
    return e.what();
  }
  return "no error";
}

constexpr std::string_view kQuote = R"({
  "type": "record", "name": "Quote", "namespace": "t.v1", "doc": "A quote.",
  "fields": [
    {"name": "price", "type": "double", "doc": "decimal odds"},
    {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
    {"name": "side", "type": {"type": "enum", "name": "Side", "symbols": ["HOME", "AWAY"]}},
    {"name": "again", "type": ["null", "Side"], "default": null}
  ]})";

TEST(AvroSchemaTest, ExposesNamesTextAndTree) {
  const AvroSchema schema = AvroSchema::parse(kQuote);
  EXPECT_EQ(schema.full_name(), "t.v1.Quote");
  EXPECT_EQ(schema.name(), "Quote");
  EXPECT_EQ(schema.text(), kQuote);
  ASSERT_NE(schema.get(), nullptr);
  EXPECT_STREQ(avro_schema_type_name(schema.get()), "Quote");

  const SchemaNode& root = schema.root();
  ASSERT_EQ(root.kind, NodeKind::kRecord);
  EXPECT_EQ(root.doc, "A quote.");
  ASSERT_EQ(root.fields.size(), 4u);
  EXPECT_EQ(root.fields[0].doc, "decimal odds");
  EXPECT_EQ(root.fields[1].type->kind, NodeKind::kLong);
  EXPECT_EQ(root.fields[1].type->logical_type, "timestamp-millis");
  EXPECT_EQ(root.fields[2].type->full_name, "t.v1.Side");
  // The second use of Side is the same node as its definition.
  ASSERT_NE(root.fields[3].type->nullable_of(), nullptr);
  EXPECT_EQ(root.fields[3].type->nullable_of(), root.fields[2].type);
  EXPECT_EQ(root.fields[3].default_value, nlohmann::json(nullptr));
  EXPECT_FALSE(root.fields[0].default_value.has_value());
  EXPECT_EQ(root.field_index("side"), 2);
  EXPECT_EQ(root.field_index("nope"), -1);
}

TEST(AvroSchemaTest, CanonicalFormDropsDocsDefaultsAndLogicalTypes) {
  const AvroSchema schema = AvroSchema::parse(kQuote);
  EXPECT_EQ(
      schema.canonical_json(),
      R"({"name":"t.v1.Quote","type":"record","fields":[{"name":"price","type":"double"},)"
      R"({"name":"at","type":"long"},{"name":"side","type":{"name":"t.v1.Side","type":"enum",)"
      R"("symbols":["HOME","AWAY"]}},{"name":"again","type":["null","t.v1.Side"]}]})");
}

// Vectors from the Avro project's share/test/data/schema-tests.txt, which Java cross-checks.
struct CanonicalCase {
  const char* input;
  const char* canonical;
  int64_t fingerprint;
};

class AvroSchemaCanonicalTest : public ::testing::TestWithParam<CanonicalCase> {};

TEST_P(AvroSchemaCanonicalTest, MatchesAvroReferenceVectors) {
  const AvroSchema schema = AvroSchema::parse(GetParam().input);
  EXPECT_EQ(schema.canonical_json(), GetParam().canonical);
  EXPECT_EQ(static_cast<int64_t>(schema.fingerprint()), GetParam().fingerprint);
}

INSTANTIATE_TEST_SUITE_P(
    ReferenceVectors, AvroSchemaCanonicalTest,
    ::testing::Values(
        CanonicalCase{R"("int")", R"("int")", 8247732601305521295},
        CanonicalCase{R"({"type":"string"})", R"("string")", -8142146995180207161},
        CanonicalCase{R"({"fields":[], "type":"record", "name":"foo", "namespace":"x.y"})",
                      R"({"name":"x.y.foo","type":"record","fields":[]})", 5916914534497305771},
        CanonicalCase{
            R"({ "fields":[{"type":"boolean", "aliases":[], "name":"f1", "default":true},
                 {"order":"descending","name":"f2","doc":"Hello","type":"int"}],
                 "type":"record", "name":"foo"})",
            R"({"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"},{"name":"f2","type":"int"}]})",
            -4860222112080293046},
        CanonicalCase{
            R"({"namespace":"x.y.z", "type":"enum", "name":"foo", "doc":"foo bar", "symbols":["A1", "A2"]})",
            R"({"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]})", -4448647247586288245},
        CanonicalCase{R"({"namespace":"x.y.z", "type":"fixed", "name":"foo", "size":32})",
                      R"({"name":"x.y.z.foo","type":"fixed","size":32})", -3064184465700546786},
        CanonicalCase{R"({ "items":{"type":"null"}, "type":"array"})",
                      R"({"type":"array","items":"null"})", -589620603366471059},
        CanonicalCase{R"({ "values":"string", "type":"map"})",
                      R"({"type":"map","values":"string"})", -8732877298790414990},
        CanonicalCase{
            R"({"name":"PigValue","type":"record",
                "fields":[{"name":"value", "type":["null", "int", "long", "PigValue"]}]})",
            R"({"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]})",
            -1759257747318642341}),
    // Stable, filter-safe names: ctest runs each case by name, and the default name (the
    // struct's bytes) contains '-', which --gtest_filter reads as an exclusion.
    [](const ::testing::TestParamInfo<CanonicalCase>& info) {
      return "vector" + std::to_string(info.index);
    });

TEST(AvroSchemaTest, InvalidJsonCarriesAvroErrorText) {
  EXPECT_THAT(parse_error(R"({"type": "record", "name": "A", "fields": [)"),
              HasSubstr("invalid Avro schema: Error parsing JSON"));
}

TEST(AvroSchemaTest, UnknownTypeCarriesAvroErrorText) {
  EXPECT_THAT(parse_error(R"({"type":"record","name":"A","fields":[{"name":"a","type":"nope"}]})"),
              HasSubstr("Unknown Avro \"type\": nope"));
}

TEST(AvroSchemaTest, RejectsDuplicateFieldsThatAvroCAccepts) {
  EXPECT_THAT(parse_error(R"({"type":"record","name":"A","fields":[
                {"name":"a","type":"int"},{"name":"a","type":"long"}]})"),
              HasSubstr("A: duplicate field 'a'"));
}

TEST(AvroSchemaTest, RejectsDuplicateEnumSymbolsThatAvroCAccepts) {
  EXPECT_THAT(parse_error(R"({"type":"enum","name":"E","symbols":["X","X"]})"),
              HasSubstr("duplicate enum symbol 'X'"));
}

TEST(AvroSchemaTest, RejectsNonStringDoc) {
  EXPECT_THAT(parse_error(R"({"type":"record","name":"A","fields":[
                {"name":"a","type":"int","doc":5}]})"),
              HasSubstr("A.a: \"doc\" must be a string"));
}

TEST(AvroSchemaTest, CopiesShareTheAvroSchemaAndOutliveTheOriginal) {
  std::optional<AvroSchema> original = AvroSchema::parse(kQuote);
  const avro_schema_t handle = original->get();
  AvroSchema copy = *original;
  AvroSchema assigned = AvroSchema::parse(R"("int")");
  assigned = copy;
  original.reset();
  EXPECT_EQ(copy.get(), handle);
  EXPECT_EQ(assigned.get(), handle);
  EXPECT_EQ(copy.full_name(), "t.v1.Quote");
  EXPECT_EQ(assigned.root().fields.size(), 4u);
  // Avro C still sees a live schema (a freed one would trip ASan here).
  EXPECT_STREQ(avro_schema_name(assigned.get()), "Quote");

  AvroSchema moved = std::move(copy);
  EXPECT_EQ(moved.get(), handle);
  EXPECT_EQ(copy.get(), nullptr);  // NOLINT(bugprone-use-after-move): documented state
  moved = std::move(assigned);
  EXPECT_EQ(moved.get(), handle);
}

TEST(AvroSchemaTest, NonRecordTopLevelHasTypeNameAsFullName) {
  const AvroSchema schema = AvroSchema::parse(R"({"type":"map","values":"double"})");
  EXPECT_EQ(schema.full_name(), "map");
  EXPECT_EQ(schema.root().kind, NodeKind::kMap);
  EXPECT_EQ(schema.root().values->kind, NodeKind::kDouble);
}

}  // namespace
}  // namespace sharpline::serde
