// Decoding untrusted bytes: truncated, corrupted or random input must end in a RecordError that
// names the field, never in a crash, an out-of-bounds read or a huge allocation (run the suite
// under -DSHARPLINE_SANITIZE=ON to check the "never" part).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "serde/errors.hpp"
#include "serde/json_avro_codec.hpp"
#include "serde_test_support.hpp"

namespace sharpline::serde {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using testing::load_example;
using testing::project_catalog;

JsonAvroCodec codec_for(const std::string& stem) {
  return JsonAvroCodec(project_catalog().at(stem).schema);
}

RecordError decode_error(const JsonAvroCodec& codec, const std::vector<uint8_t>& bytes) {
  try {
    codec.decode(bytes);
  } catch (const RecordError& e) {
    return e;
  }
  return RecordError("<none>", "<no error>");
}

// Avro's zig-zag varint, to build corrupt inputs by hand.
std::vector<uint8_t> varint(int64_t v) {
  uint64_t n = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  std::vector<uint8_t> out;
  while (n & ~uint64_t{0x7f}) {
    out.push_back(static_cast<uint8_t>((n & 0x7f) | 0x80));
    n >>= 7;
  }
  out.push_back(static_cast<uint8_t>(n));
  return out;
}

std::vector<uint8_t> concat(std::initializer_list<std::vector<uint8_t>> parts) {
  std::vector<uint8_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

std::vector<uint8_t> str(const std::string& s) {
  return concat({varint(static_cast<int64_t>(s.size())), {s.begin(), s.end()}});
}

TEST(AvroBinaryDecodeTest, EveryTruncationOfEveryExampleIsRejected) {
  for (const CatalogEntry& entry : project_catalog().entries()) {
    SCOPED_TRACE(entry.stem);
    const JsonAvroCodec codec(entry.schema);
    const std::vector<uint8_t> bytes = codec.encode(load_example(entry.stem));
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      const std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + static_cast<long>(n));
      EXPECT_THAT(decode_error(codec, prefix).problem(), HasSubstr("truncated")) << n;
    }
  }
}

TEST(AvroBinaryDecodeTest, TrailingBytesAreRejected) {
  const JsonAvroCodec codec = codec_for("odds_quote");
  std::vector<uint8_t> bytes = codec.encode(load_example("odds_quote"));
  bytes.push_back(0);
  bytes.push_back(0);
  const RecordError error = decode_error(codec, bytes);
  EXPECT_EQ(error.path(), "");
  EXPECT_EQ(error.problem(), "2 trailing byte(s) after the record");
}

TEST(AvroBinaryDecodeTest, HugeStringLengthIsCaughtBeforeAvroCAllocates) {
  // Avro C 1.11 would allocate (and leak) 2 GiB for this before noticing the input is short.
  const JsonAvroCodec codec = codec_for("odds_quote");
  const auto bytes = concat({varint(int64_t{1} << 31), {'a', 'b', 'c'}});
  const RecordError error = decode_error(codec, bytes);
  EXPECT_EQ(error.path(), "event_id");
  EXPECT_EQ(error.problem(), "truncated: string of 2147483648 byte(s), 3 left");
}

TEST(AvroBinaryDecodeTest, NegativeLengthIsRejected) {
  const JsonAvroCodec codec = codec_for("odds_quote");
  EXPECT_EQ(decode_error(codec, concat({varint(-2), str("x")})).what(),
            std::string("event_id: negative string length -2"));
}

TEST(AvroBinaryDecodeTest, OverlongVarintIsRejected) {
  const JsonAvroCodec codec = codec_for("odds_quote");
  const std::vector<uint8_t> bytes(11, 0xff);
  EXPECT_THAT(decode_error(codec, bytes).what(), HasSubstr("event_id: malformed varint"));
}

// OddsQuote up to and including `price`, with the given union index for `point`.
std::vector<uint8_t> quote_head(int64_t point_branch) {
  return concat({str("e1"), str("soccer_epl"), varint(0), str("pinnacle"), str("h2h"),
                 str("Arsenal"), varint(point_branch)});
}

TEST(AvroBinaryDecodeTest, UnionIndexOutOfRangeIsRejected) {
  const JsonAvroCodec codec = codec_for("odds_quote");
  EXPECT_EQ(decode_error(codec, quote_head(2)).what(),
            std::string("point: union branch index 2 is out of range (2 branches)"));
  EXPECT_EQ(decode_error(codec, quote_head(-1)).what(),
            std::string("point: union branch index -1 is out of range (2 branches)"));
}

TEST(AvroBinaryDecodeTest, EnumIndexOutOfRangeIsRejected) {
  const JsonAvroCodec codec = codec_for("odds_quote");
  std::vector<uint8_t> price(8, 0);
  price[6] = 0xf0, price[7] = 0x3f;  // 1.0 as little-endian double
  const auto bytes = concat({quote_head(0), price, varint(0), varint(7)});
  EXPECT_EQ(decode_error(codec, bytes).what(),
            std::string("change: enum index 7 is out of range (3 symbols)"));
}

TEST(AvroBinaryDecodeTest, BadBooleanByteIsRejected) {
  const JsonAvroCodec codec = codec_for("odds_quote");
  std::vector<uint8_t> bytes = codec.encode(load_example("odds_quote"));
  bytes.back() = 2;  // is_closing is the last field
  EXPECT_EQ(decode_error(codec, bytes).what(),
            std::string("is_closing: invalid boolean byte 2 (must be 0 or 1)"));
}

TEST(AvroBinaryDecodeTest, InvalidUtf8IsRejected) {
  const JsonAvroCodec codec = codec_for("odds_quote");
  EXPECT_EQ(decode_error(codec, str("\xc3\x28")).what(),
            std::string("event_id: string is not valid UTF-8"));
}

TEST(AvroBinaryDecodeTest, ArrayCountBeyondInputIsRejected) {
  const JsonAvroCodec codec = codec_for("feature_vector");
  const auto bytes = concat(
      {str("e"), str("s"), str("m"), varint(0), str("t"), varint(int64_t{1} << 40), str("x")});
  const RecordError error = decode_error(codec, bytes);
  EXPECT_EQ(error.path(), "feature_names");
  EXPECT_THAT(error.problem(), HasSubstr("claims 1099511627776 item(s)"));
}

TEST(AvroBinaryDecodeTest, PathsInsideArraysAndMaps) {
  const JsonAvroCodec opportunities = codec_for("opportunity");
  std::vector<uint8_t> bytes = opportunities.encode(load_example("opportunity"));
  // Cut inside the first leg's price: find where the leg's bookmaker ends.
  const std::string book = "fanduel", outcome = "Buffalo Bills";
  auto at = std::search(bytes.begin(), bytes.end(), outcome.begin(), outcome.end());
  ASSERT_NE(at, bytes.end());
  const std::size_t cut = static_cast<std::size_t>(at - bytes.begin()) + outcome.size() + 1 + 3;
  bytes.resize(cut);
  EXPECT_EQ(decode_error(opportunities, bytes).what(),
            std::string("legs[0].price: truncated: double needs 8 byte(s), 3 left"));

  const JsonAvroCodec results = codec_for("result");
  json result = load_example("result");
  result["home_stats"] = json{{"xg", 1.5}};
  std::vector<uint8_t> encoded = results.encode(result);
  const std::string key = "xg";
  auto key_at = std::search(encoded.begin(), encoded.end(), key.begin(), key.end());
  ASSERT_NE(key_at, encoded.end());
  // Keep 6 of the value's 8 bytes: enough for the entry-count check (key length byte + 8),
  // too few for the double itself.
  encoded.resize(static_cast<std::size_t>(key_at - encoded.begin()) + key.size() + 6);
  EXPECT_EQ(decode_error(results, encoded).what(),
            std::string("home_stats[\"xg\"]: truncated: double needs 8 byte(s), 6 left"));
}

TEST(AvroBinaryDecodeTest, NegativeBlockCountsWithSizesAreAccepted) {
  // Java writers may emit array blocks as (-count, byte size, items); Avro allows it.
  const JsonAvroCodec codec(AvroSchema::parse(
      R"({"type":"record","name":"A","fields":[{"name":"xs","type":{"type":"array","items":"long"}}]})"));
  const auto good = concat({varint(-2), varint(2), varint(5), varint(-3), varint(0)});
  EXPECT_EQ(codec.decode(good), (json{{"xs", {5, -3}}}));
  const auto lying = concat({varint(-2), varint(3), varint(5), varint(-3), varint(0)});
  EXPECT_THAT(decode_error(codec, lying).problem(), HasSubstr("block size 3 does not match"));
}

TEST(AvroBinaryDecodeTest, ArraysOfZeroSizeItemsAreBounded) {
  const JsonAvroCodec codec(AvroSchema::parse(
      R"({"type":"record","name":"A","fields":[{"name":"xs","type":{"type":"array","items":"null"}}]})"));
  EXPECT_EQ(codec.decode(concat({varint(3), varint(0)})),
            (json{{"xs", {nullptr, nullptr, nullptr}}}));
  EXPECT_THAT(decode_error(codec, concat({varint(int64_t{1} << 40), varint(0)})).problem(),
              HasSubstr("claims"));
}

TEST(AvroBinaryDecodeTest, DeepRecursionIsBounded) {
  const JsonAvroCodec codec(AvroSchema::parse(
      R"({"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]})"));
  std::vector<uint8_t> deep(1000, 2);  // branch 1 (Node) a thousand times
  deep.push_back(0);
  EXPECT_THAT(decode_error(codec, deep).problem(), HasSubstr("nesting deeper than"));
  const std::vector<uint8_t> shallow{2, 2, 0};
  EXPECT_EQ(codec.decode(shallow), (json{{"next", {{"next", {{"next", nullptr}}}}}}));
}

TEST(AvroBinaryDecodeTest, RandomAndMutatedInputNeverCrashes) {
  std::mt19937 rng(7);
  std::size_t accepted = 0, rejected = 0;
  for (const CatalogEntry& entry : project_catalog().entries()) {
    SCOPED_TRACE(entry.stem);
    const JsonAvroCodec codec(entry.schema);
    const std::vector<uint8_t> valid = codec.encode(load_example(entry.stem));
    for (int i = 0; i < 400; ++i) {
      std::vector<uint8_t> bytes;
      if (i % 2 == 0) {
        bytes.resize(std::uniform_int_distribution<std::size_t>(0, 64)(rng));
        for (auto& b : bytes) b = static_cast<uint8_t>(rng());
      } else {
        bytes = valid;
        const int flips = std::uniform_int_distribution<int>(1, 4)(rng);
        for (int f = 0; f < flips; ++f) {
          bytes[std::uniform_int_distribution<std::size_t>(0, bytes.size() - 1)(rng)] =
              static_cast<uint8_t>(rng());
        }
      }
      try {
        const json decoded = codec.decode(bytes);
        // Whatever was accepted is a valid record: it must encode again.
        EXPECT_NO_THROW(codec.encode(decoded)) << decoded.dump();
        ++accepted;
      } catch (const RecordError&) {
        ++rejected;
      }
    }
  }
  EXPECT_GT(rejected, 0u);
  EXPECT_GT(accepted, 0u);  // some mutations only change a value
}

}  // namespace
}  // namespace sharpline::serde
