#include "auth/base64.h"

#include <gtest/gtest.h>

#include <string>

#include "test_util.h"

namespace radosio::auth {
namespace {

// The error message of a result, or "" if it holds a value.
template <class T>
std::string why(const result<T>& r) {
  return r ? std::string() : r.err().message;
}

std::vector<std::uint8_t> bytes_of(std::string_view s) { return {s.begin(), s.end()}; }

std::string decoded_text(std::string_view b64) {
  const auto out = base64_decode(b64);
  EXPECT_TRUE(out) << b64 << ": " << why(out);
  return out ? std::string(out->begin(), out->end()) : std::string("<error>");
}

// RFC 4648 section 10.
TEST(Base64, Rfc4648Vectors) {
  const std::pair<std::string, std::string> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base64_encode(bytes_of(plain)), encoded);
    EXPECT_EQ(decoded_text(encoded), plain);
  }
}

TEST(Base64, AllByteValuesRoundTrip) {
  std::vector<std::uint8_t> all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::uint8_t>(i));
  for (std::size_t n = 0; n <= all.size(); n += 37) {
    const std::vector<std::uint8_t> prefix(all.begin(), all.begin() + static_cast<long>(n));
    const auto decoded = base64_decode(base64_encode(prefix));
    ASSERT_TRUE(decoded) << why(decoded);
    EXPECT_EQ(decoded.value(), prefix);
  }
}

TEST(Base64, WhitespaceIsTolerated) {
  EXPECT_EQ(decoded_text("  Zm9v\n YmFy\t\r\n"), "foobar");
  EXPECT_EQ(decoded_text("Zm 9v Yg =="), "foob");
  EXPECT_EQ(decoded_text("Zm9vYg=\n="), "foob");
}

TEST(Base64, CephKeyDecodesToACryptoKey) {
  // The test cluster's client.admin key (transcripts' PROBE_KEY).
  const auto out = base64_decode("AQA6cANrNRgKChAAa97/3kMA+E/TmAa3/IaRhw==");
  ASSERT_TRUE(out);
  EXPECT_EQ(test::to_hex(out.value()), "01003a70036b35180a0a10006bdeffde4300f84fd39806b7fc869187");
}

TEST(Base64, StrictErrors) {
  for (const char* bad : {
           "Zm9v!",     // character outside the alphabet
           "Zm9",       // not a multiple of 4
           "Z===",      // padding too early
           "====",      // only padding
           "Zg=",       // incomplete padding
           "Zg==Zg==",  // data after padding
           "Zm=v",      // data after '=' inside a group
           "Zh==",      // non-zero bits under the padding
           "Zm9=",      // non-zero bits under the padding
           "Zg===",     // too much padding
           "Zm9v-_",    // URL-safe alphabet is not Ceph's
           "Zm9v\x80",  // high byte
       }) {
    const auto out = base64_decode(bad);
    ASSERT_FALSE(out) << bad;
    EXPECT_EQ(out.code(), auth_errc::bad_base64) << bad;
    EXPECT_NE(why(out).find("base64"), std::string::npos);
  }
}

TEST(Base64, ErrorSaysWhere) {
  const auto out = base64_decode("Zm9v*mFy");
  ASSERT_FALSE(out);
  EXPECT_NE(why(out).find("character 4"), std::string::npos) << why(out);
  EXPECT_NE(why(out).find("0x2a"), std::string::npos) << why(out);
}

}  // namespace
}  // namespace radosio::auth
