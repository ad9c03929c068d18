#include "serde/wire_format.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "serde/errors.hpp"

namespace sharpline::serde {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string message_of(std::span<const uint8_t> bytes) {
  try {
    unframe(bytes);
  } catch (const WireFormatError& e) {
    return e.what();
  }
  return "no error";
}

TEST(WireFormatTest, FramesSmallIdAsMagicByteAndBigEndianId) {
  std::vector<uint8_t> out;
  const std::vector<uint8_t> payload{0xAA, 0xBB};
  frame(7, payload, out);
  EXPECT_THAT(out, ElementsAre(0x00, 0x00, 0x00, 0x00, 0x07, 0xAA, 0xBB));
}

TEST(WireFormatTest, LargeIdIsBigEndian) {
  std::vector<uint8_t> out;
  write_header(0x01020304, out);
  EXPECT_THAT(out, ElementsAre(0x00, 0x01, 0x02, 0x03, 0x04));
  out.clear();
  write_header(0x7fffffff, out);
  EXPECT_THAT(out, ElementsAre(0x00, 0x7f, 0xff, 0xff, 0xff));
}

TEST(WireFormatTest, FrameAppendsToExistingBytes) {
  std::vector<uint8_t> out{0x42};
  frame(1, {}, out);
  EXPECT_THAT(out, ElementsAre(0x42, 0x00, 0x00, 0x00, 0x00, 0x01));
}

TEST(WireFormatTest, UnframeRoundTripsIdAndPayload) {
  std::vector<uint8_t> out;
  const std::vector<uint8_t> payload{1, 2, 3};
  frame(123456789, payload, out);
  const Framed framed = unframe(out);
  EXPECT_EQ(framed.schema_id, 123456789);
  EXPECT_THAT(std::vector<uint8_t>(framed.payload.begin(), framed.payload.end()),
              ElementsAre(1, 2, 3));
  EXPECT_EQ(framed.payload.data(), out.data() + kWireHeaderSize);  // a view, not a copy
}

TEST(WireFormatTest, HeaderOnlyMessageHasEmptyPayload) {
  const std::vector<uint8_t> bytes{0, 0, 0, 0, 9};
  const Framed framed = unframe(bytes);
  EXPECT_EQ(framed.schema_id, 9);
  EXPECT_TRUE(framed.payload.empty());
}

TEST(WireFormatTest, ShortInputIsRejectedWithItsLength) {
  const std::vector<uint8_t> empty;
  EXPECT_THAT(message_of(empty), HasSubstr("message of 0 byte(s) is too short"));
  const std::vector<uint8_t> four{0, 0, 0, 7};
  EXPECT_THAT(message_of(four), HasSubstr("message of 4 byte(s) is too short"));
}

TEST(WireFormatTest, WrongMagicByteIsNamed) {
  const std::vector<uint8_t> bytes{0x01, 0, 0, 0, 7, 0};
  EXPECT_THAT(message_of(bytes), HasSubstr("wrong magic byte 0x01 (expected 0x00)"));
}

TEST(WireFormatTest, JsonValueGetsAHint) {
  const std::string json = R"({"price": 1.9})";
  const std::vector<uint8_t> bytes(json.begin(), json.end());
  EXPECT_THAT(message_of(bytes), HasSubstr("wrong magic byte 0x7b"));
  EXPECT_THAT(message_of(bytes), HasSubstr("looks like JSON"));
}

TEST(WireFormatTest, NegativeIdsAreRejectedBothWays) {
  std::vector<uint8_t> out;
  EXPECT_THROW(write_header(-1, out), WireFormatError);
  EXPECT_TRUE(out.empty());
  const std::vector<uint8_t> bytes{0, 0xff, 0xff, 0xff, 0xff};
  EXPECT_THAT(message_of(bytes), HasSubstr("schema id -1 is negative"));
}

TEST(WireFormatTest, ErrorsAreSerdeErrors) {
  const std::vector<uint8_t> bytes{1};
  EXPECT_THROW(unframe(bytes), SerdeError);
}

}  // namespace
}  // namespace sharpline::serde
