#include "adapters/alerts/hmac_signer.hpp"

#include <gtest/gtest.h>

namespace sharpline::adapters::alerts {
namespace {

// RFC 4231 section 4: HMAC-SHA-256 test vectors.
TEST(HmacSigner, Rfc4231TestCase1) {
  EXPECT_EQ(hmac_sha256_hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(HmacSigner, Rfc4231TestCase2KeyShorterThanOutput) {
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacSigner, Rfc4231TestCase6KeyLargerThanBlock) {
  EXPECT_EQ(hmac_sha256_hex(std::string(131, '\xaa'),
                            "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacSigner, HeaderValueAndVerification) {
  const std::string body = R"({"alert_id":"a-1"})";
  const std::string header = signature_header_value("s3cret", body);
  EXPECT_EQ(header, "sha256=" + hmac_sha256_hex("s3cret", body));
  EXPECT_TRUE(verify_signature("s3cret", body, header));
  EXPECT_FALSE(verify_signature("other", body, header));
  EXPECT_FALSE(verify_signature("s3cret", body + " ", header));
  EXPECT_FALSE(verify_signature("s3cret", body, header.substr(0, header.size() - 1)));
  EXPECT_FALSE(verify_signature("s3cret", body, ""));
}

}  // namespace
}  // namespace sharpline::adapters::alerts
