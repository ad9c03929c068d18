#include "serde/json_avro_codec.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <thread>

#include "serde/errors.hpp"
#include "serde_test_support.hpp"

namespace sharpline::serde {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using testing::load_example;
using testing::project_catalog;

JsonAvroCodec codec_for(const std::string& stem, CodecOptions options = {}) {
  return JsonAvroCodec(project_catalog().at(stem).schema, options);
}

// what() of the RecordError that encoding `record` throws, or a marker if it does not throw.
std::string encode_error(const JsonAvroCodec& codec, const json& record) {
  try {
    codec.encode(record);
  } catch (const RecordError& e) {
    return e.what();
  }
  return "<no error>";
}

class JsonAvroCodecTest : public ::testing::Test {
 protected:
  const JsonAvroCodec quotes = codec_for("odds_quote");
  const JsonAvroCodec opportunities = codec_for("opportunity");
  json quote = load_example("odds_quote");
  json opportunity = load_example("opportunity");
};

TEST_F(JsonAvroCodecTest, WrongTypeInsideArrayNamesThePath) {
  opportunity["legs"].push_back(opportunity["legs"][0]);
  opportunity["legs"][1]["price"] = "abc";
  EXPECT_EQ(encode_error(opportunities, opportunity),
            R"(legs[1].price: expected a number, got string "abc")");
}

TEST_F(JsonAvroCodecTest, RecordErrorSplitsPathAndProblem) {
  opportunity["legs"][0]["stake"] = true;
  try {
    opportunities.encode(opportunity);
    FAIL() << "expected RecordError";
  } catch (const RecordError& e) {
    EXPECT_EQ(e.path(), "legs[0].stake");
    EXPECT_EQ(e.problem(), "expected a number, got boolean true");
  }
}

TEST_F(JsonAvroCodecTest, MissingRequiredField) {
  quote.erase("event_id");
  EXPECT_EQ(encode_error(quotes, quote), "missing required field 'event_id'");
}

TEST_F(JsonAvroCodecTest, MissingRequiredFieldInNestedRecord) {
  opportunity["legs"][0].erase("bookmaker");
  EXPECT_EQ(encode_error(opportunities, opportunity),
            "legs[0]: missing required field 'bookmaker'");
}

TEST_F(JsonAvroCodecTest, UnknownFieldSuggestsTheLikelyFieldForTypos) {
  quote["evnt_id"] = quote["event_id"];
  quote.erase("event_id");
  EXPECT_EQ(encode_error(quotes, quote), "unknown field 'evnt_id' (did you mean 'event_id'?)");
}

TEST_F(JsonAvroCodecTest, UnknownFieldWithoutCloseMatch) {
  quote["favourite_colour"] = "blue";
  EXPECT_EQ(encode_error(quotes, quote), "unknown field 'favourite_colour'");
}

TEST_F(JsonAvroCodecTest, UnknownFieldInNestedRecord) {
  opportunity["legs"][0]["prise"] = 2.0;
  EXPECT_EQ(encode_error(opportunities, opportunity), "legs[0]: unknown field 'prise'");
}

TEST_F(JsonAvroCodecTest, EnumListsItsSymbols) {
  quote["change"] = "MOVED";
  EXPECT_EQ(encode_error(quotes, quote), "change: 'MOVED' is not one of NEW, CHANGED, REMOVED");
  quote["change"] = 1;
  EXPECT_EQ(encode_error(quotes, quote), "change: expected a string (enum symbol), got number 1");
}

TEST_F(JsonAvroCodecTest, NullableFieldAcceptsNullOrValueAndSaysSo) {
  quote["point"] = nullptr;
  EXPECT_EQ(quotes.decode(quotes.encode(quote))["point"], nullptr);
  quote["point"] = 47.5;
  EXPECT_EQ(quotes.decode(quotes.encode(quote))["point"], 47.5);
  quote["point"] = "abc";
  EXPECT_EQ(encode_error(quotes, quote), R"(point: expected a number or null, got string "abc")");
  quote["point"] = json{{"double", 1.5}};  // Avro-JSON union wrapping is not natural JSON
  EXPECT_EQ(encode_error(quotes, quote), "point: expected a number or null, got object");
}

TEST_F(JsonAvroCodecTest, NullForRequiredField) {
  quote["price"] = nullptr;
  EXPECT_EQ(encode_error(quotes, quote), "price: expected a number, got null");
}

TEST_F(JsonAvroCodecTest, MissingFieldsTakeTheirDefaults) {
  quote.erase("is_closing");
  quote.erase("point");
  quote.erase("commence_ms");
  const json decoded = quotes.decode(quotes.encode(quote));
  EXPECT_EQ(decoded["is_closing"], false);
  EXPECT_EQ(decoded["point"], nullptr);
  EXPECT_EQ(decoded["commence_ms"], nullptr);
  const JsonAvroCodec events = codec_for("event");
  json event = load_example("event");
  event.erase("external_ids");
  EXPECT_EQ(events.decode(events.encode(event))["external_ids"], json::object());
}

TEST_F(JsonAvroCodecTest, IntegersMustBeWholeAndInRange) {
  const JsonAvroCodec letters = codec_for("dead_letter");
  json letter = load_example("dead_letter");
  letter["source_partition"] = 3000000000LL;
  EXPECT_EQ(encode_error(letters, letter),
            "source_partition: value 3000000000 is out of range for int "
            "(-2147483648..2147483647)");
  letter["source_partition"] = -2147483649LL;
  EXPECT_EQ(encode_error(letters, letter),
            "source_partition: value -2147483649 is out of range for int "
            "(-2147483648..2147483647)");
  letter["source_partition"] = 1.5;
  EXPECT_THAT(encode_error(letters, letter),
              HasSubstr("source_partition: expected an integer, got number 1.5"));
  letter["source_partition"] = 2.0;  // written with a fraction: not an integer in JSON terms
  EXPECT_THAT(encode_error(letters, letter), HasSubstr("expected an integer, got number 2.0"));
  letter["source_partition"] = std::numeric_limits<int32_t>::max();
  letter["source_offset"] = std::numeric_limits<uint64_t>::max();
  EXPECT_EQ(encode_error(letters, letter),
            "source_offset: value 18446744073709551615 is out of range for long "
            "(-9223372036854775808..9223372036854775807)");
  letter["source_offset"] = std::numeric_limits<int64_t>::min();
  const json decoded = letters.decode(letters.encode(letter));
  EXPECT_EQ(decoded["source_offset"], std::numeric_limits<int64_t>::min());
  EXPECT_EQ(decoded["source_partition"], std::numeric_limits<int32_t>::max());
}

TEST_F(JsonAvroCodecTest, TimestampsAreIntegersNotStrings) {
  quote["observed_ms"] = "2024-11-17T20:59:10Z";
  EXPECT_EQ(encode_error(quotes, quote),
            R"(observed_ms: expected an integer, got string "2024-11-17T20:59:10Z")");
}

TEST_F(JsonAvroCodecTest, IntegersAreAcceptedForDoubles) {
  quote["price"] = 2;
  const json decoded = quotes.decode(quotes.encode(quote));
  EXPECT_TRUE(decoded["price"].is_number_float());
  EXPECT_EQ(decoded["price"].get<double>(), 2.0);
}

TEST_F(JsonAvroCodecTest, NonFiniteNumbersAreRejectedByDefault) {
  quote["price"] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(encode_error(quotes, quote), "price: non-finite number NaN is not allowed");
  quote["price"] = -std::numeric_limits<double>::infinity();
  EXPECT_EQ(encode_error(quotes, quote), "price: non-finite number -Infinity is not allowed");
  quote["price"] = "NaN";
  EXPECT_EQ(encode_error(quotes, quote), R"(price: expected a number, got string "NaN")");
}

TEST_F(JsonAvroCodecTest, NonFiniteNumbersAsStringsWhenAllowed) {
  const JsonAvroCodec lenient = codec_for("odds_quote", CodecOptions{.allow_non_finite = true});
  quote["price"] = "NaN";
  quote["point"] = std::numeric_limits<double>::infinity();
  const std::vector<uint8_t> bytes = lenient.encode(quote);
  const json decoded = lenient.decode(bytes);
  EXPECT_EQ(decoded["price"], "NaN");
  EXPECT_EQ(decoded["point"], "Infinity");
  // A strict codec refuses to decode them, naming the field.
  try {
    quotes.decode(bytes);
    FAIL() << "expected RecordError";
  } catch (const RecordError& e) {
    EXPECT_EQ(e.path(), "point");
    EXPECT_THAT(e.problem(), HasSubstr("non-finite number Infinity"));
  }
}

TEST_F(JsonAvroCodecTest, MapValuesAreNamedByKey) {
  const JsonAvroCodec results = codec_for("result");
  json result = load_example("result");
  result["home_stats"]["total_yards"] = "357";
  EXPECT_EQ(encode_error(results, result),
            R"(home_stats["total_yards"]: expected a number, got string "357")");
  result["home_stats"] = json::array();
  EXPECT_EQ(encode_error(results, result), "home_stats: expected an object, got array");
}

TEST_F(JsonAvroCodecTest, NestedNullableRecordPaths) {
  const JsonAvroCodec features = codec_for("feature_vector");
  json vector = load_example("feature_vector");
  vector["steam"]["books_moved"][2] = 5;
  EXPECT_EQ(encode_error(features, vector),
            "steam.books_moved[2]: expected a string, got number 5");
  vector["steam"] = "none";
  EXPECT_EQ(encode_error(features, vector),
            R"(steam: expected an object or null, got string "none")");
  vector["steam"] = nullptr;
  EXPECT_EQ(features.decode(features.encode(vector))["steam"], nullptr);
}

TEST_F(JsonAvroCodecTest, TopLevelMustBeAnObject) {
  EXPECT_EQ(encode_error(quotes, json::array()), "expected an object, got array");
  EXPECT_EQ(encode_error(quotes, json("x")), R"(expected an object, got string "x")");
}

TEST_F(JsonAvroCodecTest, LongStringsAreShortenedInMessages) {
  quote["price"] = std::string(200, 'x');
  const std::string error = encode_error(quotes, quote);
  EXPECT_LT(error.size(), 100u);
  EXPECT_THAT(error, HasSubstr("..."));
}

TEST_F(JsonAvroCodecTest, BytesAreBase64) {
  const JsonAvroCodec letters = codec_for("dead_letter");
  json letter = load_example("dead_letter");
  const json decoded = letters.decode(letters.encode(letter));
  EXPECT_EQ(decoded["key"], letter["key"]);
  letter["key"] = "not base64!";
  EXPECT_EQ(encode_error(letters, letter), R"(key: invalid base64: string "not base64!")");
  letter["key"] = "";
  EXPECT_EQ(letters.decode(letters.encode(letter))["key"], "");
}

TEST_F(JsonAvroCodecTest, StringsMustBeUtf8) {
  quote["outcome"] = std::string("Bayern M\xfcnchen");  // Latin-1, as some CSVs are
  EXPECT_EQ(encode_error(quotes, quote), "outcome: string is not valid UTF-8");
}

TEST_F(JsonAvroCodecTest, UnicodeAndEmbeddedNulRoundTrip) {
  quote["outcome"] = std::string("1. FC K\xc3\xb6ln \xe2\x9a\xbd\0end", 19);
  quote["bookmaker"] = "";
  const json decoded = quotes.decode(quotes.encode(quote));
  EXPECT_EQ(decoded["outcome"], quote["outcome"]);
  EXPECT_EQ(decoded["outcome"].get<std::string>().size(), 19u);
  EXPECT_EQ(decoded["bookmaker"], "");
}

TEST_F(JsonAvroCodecTest, EncodeAppendsAndLeavesOutputAloneOnError) {
  std::vector<uint8_t> out{0xAB};
  quotes.encode(quote, out);
  const std::vector<uint8_t> alone = quotes.encode(quote);
  ASSERT_EQ(out.size(), alone.size() + 1);
  EXPECT_EQ(out[0], 0xAB);
  EXPECT_TRUE(std::equal(alone.begin(), alone.end(), out.begin() + 1));

  const std::vector<uint8_t> before = out;
  quote["price"] = "bad";
  EXPECT_THROW(quotes.encode(quote, out), RecordError);
  EXPECT_EQ(out, before);
}

TEST_F(JsonAvroCodecTest, ReusedCodecDoesNotLeakStateBetweenRecords) {
  const JsonAvroCodec features = codec_for("feature_vector");
  const json big = load_example("feature_vector");
  json small = big;
  small["feature_names"] = json::array({"only"});
  small["feature_values"] = json::array({1.0});
  small["outcomes"] = json::array();
  small["steam"]["books_not_moved"] = json::array();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(features.decode(features.encode(big)), big);
    EXPECT_EQ(features.decode(features.encode(small)), small);
  }
  // A failed encode in between must not poison the next one.
  json broken = big;
  broken["outcomes"][1]["books_quoting"] = "nine";
  EXPECT_THROW(features.encode(broken), RecordError);
  EXPECT_EQ(features.decode(features.encode(small)), small);
}

TEST_F(JsonAvroCodecTest, CopiesAreIndependentAcrossThreads) {
  const std::vector<uint8_t> expected = quotes.encode(quote);
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t, codec = quotes] {  // each thread owns a copy
      for (int i = 0; i < 200; ++i) {
        if (codec.encode(quote) != expected || codec.decode(expected) != quote) ++failures[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST(JsonAvroCodecSchemaTest, BadDefaultsFailAtConstructionNamingTheField) {
  auto error_for = [](std::string_view schema) -> std::string {
    try {
      JsonAvroCodec codec(AvroSchema::parse(schema));
    } catch (const SchemaError& e) {
      return e.what();
    }
    return "<no error>";
  };
  EXPECT_EQ(error_for(R"({"type":"record","name":"A","namespace":"n","fields":[
                        {"name":"a","type":"int","default":"x"}]})"),
            R"(n.A.a: invalid default "x": expected an integer, got string "x")");
  // A union's default must match its first branch, so null-defaulted fields list null first.
  EXPECT_THAT(error_for(R"({"type":"record","name":"A","fields":[
                          {"name":"p","type":["double","null"],"default":null}]})"),
              HasSubstr("A.p: invalid default null: expected a number, got null"));
  EXPECT_THAT(error_for(R"({"type":"record","name":"A","fields":[
                          {"name":"e","type":{"type":"enum","name":"E","symbols":["X"]},
                           "default":"Y"}]})"),
              HasSubstr("A.e: invalid default \"Y\": 'Y' is not one of X"));
}

TEST(JsonAvroCodecSchemaTest, BytesDefaultsAreCodePoints) {
  const JsonAvroCodec codec(AvroSchema::parse(R"({"type":"record","name":"A","fields":[
      {"name":"b","type":"bytes","default":"\u00ff\u0001A"},
      {"name":"f","type":{"type":"fixed","name":"F","size":2},"default":"\u0001\u0002"}]})"));
  const json decoded = codec.decode(codec.encode(json::object()));
  EXPECT_EQ(decoded["b"], "/wFB");  // base64 of ff 01 41
  EXPECT_EQ(decoded["f"], "AQI=");
}

TEST(JsonAvroCodecSchemaTest, FixedNeedsExactSize) {
  const JsonAvroCodec codec(AvroSchema::parse(R"({"type":"record","name":"A","fields":[
      {"name":"f","type":{"type":"fixed","name":"F","size":2}}]})"));
  EXPECT_EQ(encode_error(codec, json{{"f", "AQID"}}), "f: expected 2 bytes for F, got 3");
  EXPECT_EQ(codec.decode(codec.encode(json{{"f", "AQI="}}))["f"], "AQI=");
}

TEST(JsonAvroCodecSchemaTest, FloatRangeIsChecked) {
  const JsonAvroCodec codec(AvroSchema::parse(R"({"type":"record","name":"A","fields":[
      {"name":"x","type":"float"}]})"));
  EXPECT_EQ(encode_error(codec, json{{"x", 1e39}}), "x: value 1e+39 is out of range for float");
  EXPECT_EQ(codec.decode(codec.encode(json{{"x", 0.5}}))["x"], 0.5);
}

TEST(JsonAvroCodecSchemaTest, GeneralUnionsPickTheFirstBranchThatFits) {
  const JsonAvroCodec codec(AvroSchema::parse(R"({"type":"record","name":"A","fields":[
      {"name":"u","type":["null","int","string",{"type":"array","items":"long"}]}]})"));
  for (const json& value : {json(nullptr), json(5), json("five"), json::array({1, 2})}) {
    const json record{{"u", value}};
    EXPECT_EQ(codec.decode(codec.encode(record)), record);
  }
  EXPECT_EQ(encode_error(codec, json{{"u", 1.5}}),
            "u: expected null, an integer, a string or an array, got number 1.5 "
            "(no branch of the union accepts it)");
}

TEST(JsonAvroCodecSchemaTest, NonRecordTopLevelSchemas) {
  const JsonAvroCodec strings(AvroSchema::parse(R"("string")"));
  EXPECT_EQ(strings.decode(strings.encode(json("odds"))), "odds");
  const JsonAvroCodec doubles(AvroSchema::parse(R"({"type":"map","values":"double"})"));
  const json map{{"a", 1.5}, {"b", -2.0}};
  EXPECT_EQ(doubles.decode(doubles.encode(map)), map);
}

}  // namespace
}  // namespace sharpline::serde
