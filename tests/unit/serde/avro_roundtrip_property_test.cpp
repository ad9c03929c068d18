// Property: for every schema in the catalog, random records encode, decode back to the same
// natural JSON (with defaults filled in), and re-encoding the decoded record gives the same
// bytes. One codec instance per schema is reused for all records, which also checks that Avro C
// values are fully reset between calls (e.g. an array that shrinks).

#include <gtest/gtest.h>

#include "random_record.hpp"
#include "serde/json_avro_codec.hpp"
#include "serde_test_support.hpp"

namespace sharpline::serde {
namespace {

constexpr int kRecordsPerSchema = 300;

TEST(AvroRoundTripPropertyTest, RandomRecordsOfEverySchemaRoundTrip) {
  for (const CatalogEntry& entry : testing::project_catalog().entries()) {
    SCOPED_TRACE(entry.stem);
    const JsonAvroCodec codec(entry.schema);
    testing::RandomRecords random(/*seed=*/20241117);
    for (int i = 0; i < kRecordsPerSchema; ++i) {
      const testing::GeneratedRecord record = random.record(entry.schema.root());
      std::vector<uint8_t> bytes;
      ASSERT_NO_THROW(codec.encode(record.input, bytes)) << record.input.dump();
      nlohmann::json decoded;
      ASSERT_NO_THROW(decoded = codec.decode(bytes)) << record.input.dump();
      ASSERT_EQ(decoded, record.expected) << "record " << i;
      ASSERT_EQ(codec.encode(decoded), bytes) << "record " << i;
    }
  }
}

TEST(AvroRoundTripPropertyTest, GeneratorCoversNullsEmptiesAndExtremes) {
  // Guards the property above against a generator that quietly stops producing hard cases.
  const AvroSchema schema = testing::project_catalog().at("dead_letter").schema;
  testing::RandomRecords random(/*seed=*/20241117);
  bool null_key = false, empty_headers = false, big_offset = false, unicode = false;
  for (int i = 0; i < kRecordsPerSchema; ++i) {
    const nlohmann::json r = random.record(schema.root()).expected;
    null_key |= r["key"].is_null();
    empty_headers |= r["headers"].empty();
    big_offset |= r["source_offset"] == std::numeric_limits<int64_t>::max();
    unicode |= r["reason"].get<std::string>().find("中文") != std::string::npos;
  }
  EXPECT_TRUE(null_key);
  EXPECT_TRUE(empty_headers);
  EXPECT_TRUE(big_offset);
  EXPECT_TRUE(unicode);
}

}  // namespace
}  // namespace sharpline::serde
