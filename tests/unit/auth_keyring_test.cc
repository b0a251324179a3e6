#include "auth/keyring.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "auth/base64.h"
#include "test_util.h"

namespace radosio::auth {
namespace {

// The error message of a result, or "" if it holds a value.
template <class T>
std::string why(const result<T>& r) {
  return r ? std::string() : r.err().message;
}

// The test cluster's client.admin key (the transcripts' PROBE_KEY).
constexpr std::string_view admin_key = "AQA6cANrNRgKChAAa97/3kMA+E/TmAa3/IaRhw==";
constexpr std::string_view admin_secret_hex = "6bdeffde4300f84fd39806b7fc869187";
// Another valid key (same layout, different secret).
constexpr std::string_view other_key = "AQBEcANrAAAAABAAAAECAwQFBgcICQoLDA0ODw==";

entity_name name(std::string_view text) { return *entity_name::parse(text); }

TEST(Keyring, ParsesWhatCephAuthToolWrites) {
  const std::string text = std::string(R"(# written by ceph-authtool
[client.admin]
	key = )") + std::string(admin_key) +
                           R"(
	caps mds = "allow *"
	caps mgr = "allow *"
	caps mon = "allow *"
	caps osd = "allow *"
)";
  const auto ring = parse_keyring(text, "ceph.client.admin.keyring");
  ASSERT_TRUE(ring) << why(ring);
  const auto* entry = ring->find(name("client.admin"));
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->key.algorithm, key_algorithm::aes);
  EXPECT_EQ(test::to_hex(entry->key.secret), admin_secret_hex);
  EXPECT_EQ(entry->key.created.sec, 0x6b03703au);
  ASSERT_EQ(entry->caps.size(), 4u);
  EXPECT_EQ(entry->caps.at("mon"), "allow *");
  EXPECT_EQ(entry->caps.at("osd"), "allow *");
  EXPECT_TRUE(ring->key_for(name("client.admin")));
}

TEST(Keyring, SeveralEntitiesCommentsAndSpellings) {
  const std::string text = std::string(R"(
; a comment
   # another
[global]
	whatever = is skipped, as Ceph does

[ client.admin ]   # trailing comment
key=)") + std::string(admin_key) +
                           R"(
caps_mon = "allow r" ; comment after a quoted value
caps   osd   = allow rwx pool=rbd # unquoted, comment stripped
auid = 0

[osd.3]
	key = )" + std::string(other_key) +
                           R"(

[client.rgw.my host]
	key = ")" + std::string(other_key) +
                           R"("
	caps mon = "say \"hi\""
)";
  const auto ring = parse_keyring(text, "k");
  ASSERT_TRUE(ring) << why(ring);
  EXPECT_EQ(ring->entries().size(), 3u);
  const auto* admin = ring->find(name("client.admin"));
  ASSERT_NE(admin, nullptr);
  EXPECT_EQ(admin->caps.at("mon"), "allow r");
  EXPECT_EQ(admin->caps.at("osd"), "allow rwx pool=rbd");
  const auto* osd = ring->find(entity_name{entity_type::osd, "3"});
  ASSERT_NE(osd, nullptr);
  EXPECT_EQ(test::to_hex(osd->key.secret), "000102030405060708090a0b0c0d0e0f");
  const auto* rgw = ring->find(name("client.rgw.my host"));
  ASSERT_NE(rgw, nullptr);
  EXPECT_EQ(rgw->caps.at("mon"), "say \"hi\"");
}

TEST(Keyring, CrLfAndContinuationLines) {
  const std::string text =
      "[client.admin]\r\n  key = AQA6cANrNRgKChAAa97/\\\r\n3kMA+E/TmAa3/IaRhw==\r\n";
  const auto ring = parse_keyring(text, "k");
  ASSERT_TRUE(ring) << why(ring);
  EXPECT_EQ(test::to_hex(ring->find(name("client.admin"))->key.secret), admin_secret_hex);
}

TEST(Keyring, MissingEntityIsKeyNotFound) {
  const auto ring = parse_keyring("[client.admin]\nkey = " + std::string(admin_key) + "\n", "k");
  ASSERT_TRUE(ring);
  const auto key = ring->key_for(name("client.bob"));
  ASSERT_FALSE(key);
  EXPECT_EQ(key.code(), auth_errc::key_not_found);
  EXPECT_NE(why(key).find("client.bob"), std::string::npos);
}

struct bad_case {
  std::string text;
  std::error_code code;
  std::string line;     // "k:N:" expected in the message
  std::string mention;  // another fragment expected in the message
};

TEST(Keyring, ErrorsNameFileLineAndProblem) {
  const std::string good = "key = " + std::string(admin_key) + "\n";
  const bad_case cases[] = {
      {"[client.admin\n" + good, auth_errc::bad_keyring, "k:1:", "']'"},
      {"[client.admin] junk\n" + good, auth_errc::bad_keyring, "k:1:", "after the section"},
      {"[nonsense]\n" + good, auth_errc::bad_keyring, "k:1:", "[nonsense]"},
      {"[martian.x]\n" + good, auth_errc::bad_keyring, "k:1:", "entity name"},
      {"[client.]\n" + good, auth_errc::bad_keyring, "k:1:", "entity name"},
      {good, auth_errc::bad_keyring, "k:1:", "outside"},
      {"[client.admin]\n" + good + "just words\n", auth_errc::bad_keyring, "k:3:", "name = value"},
      {"[client.admin]\n" + good + "kee = x\n", auth_errc::bad_keyring,
       "k:3:", "unknown field 'kee'"},
      {"[client.admin]\n" + good + "caps mon = \"allow *\n", auth_errc::bad_keyring,
       "k:3:", "unterminated"},
      {"[client.admin]\n" + good + "caps mon = \"a\" b\n", auth_errc::bad_keyring,
       "k:3:", "closing quote"},
      {"[client.admin]\n = x\n", auth_errc::bad_keyring, "k:2:", "no name"},
      {"\n\n[client.admin]\ncaps mon = x\n", auth_errc::bad_keyring, "k:3:", "has no key"},
      {"[client.admin]\nkey = AQA6!\n", auth_errc::bad_base64, "k:2:", "[client.admin] key"},
      // Valid base64, but "hello world" is no CryptoKey.
      {"[client.admin]\nkey = aGVsbG8gd29ybGQ=\n", auth_errc::bad_key, "k:2:", "CryptoKey"},
  };
  for (const auto& c : cases) {
    const auto ring = parse_keyring(c.text, "k");
    ASSERT_FALSE(ring) << c.text;
    EXPECT_EQ(ring.code(), c.code) << c.text << " -> " << why(ring);
    EXPECT_NE(why(ring).find(c.line), std::string::npos) << why(ring);
    EXPECT_NE(why(ring).find(c.mention), std::string::npos) << why(ring);
  }
}

TEST(Keyring, ErrorsNeverShowTheSecret) {
  // A valid CryptoKey whose secret is 15 bytes: rejected, but the message must not leak it.
  crypto_key short_key;
  short_key.secret.assign(15, 0x5a);
  const auto encoded = base64_encode(wire::encode_to_bytes(short_key));
  const auto ring = parse_keyring("[client.admin]\nkey = " + encoded + "\n", "k");
  ASSERT_FALSE(ring);
  EXPECT_EQ(ring.code(), auth_errc::bad_key);
  EXPECT_EQ(why(ring).find(encoded), std::string::npos) << why(ring);
  EXPECT_EQ(why(ring).find("WlpaWlpa"), std::string::npos) << why(ring);
}

TEST(Keyring, BareKey) {
  const auto key = parse_key("  " + std::string(admin_key) + "\n");
  ASSERT_TRUE(key) << why(key);
  EXPECT_EQ(test::to_hex(key->secret), admin_secret_hex);
  EXPECT_EQ(key_to_base64(key.value()), admin_key);

  EXPECT_EQ(parse_key("").code(), auth_errc::bad_key);      // no bytes: no CryptoKey
  EXPECT_EQ(parse_key("AQA=").code(), auth_errc::bad_key);  // truncated CryptoKey
  EXPECT_EQ(parse_key("not base64!").code(), auth_errc::bad_base64);
  // Trailing bytes after the CryptoKey.
  auto bytes = *base64_decode(admin_key);
  bytes.push_back(0);
  EXPECT_EQ(parse_key(base64_encode(bytes)).code(), auth_errc::bad_key);
  // Algorithm "none".
  bytes.pop_back();
  bytes[0] = 0;
  EXPECT_EQ(parse_key(base64_encode(bytes)).code(), auth_errc::bad_key);
}

TEST(Keyring, KeysPrintWithoutTheirSecret) {
  const auto key = parse_key(admin_key);
  ASSERT_TRUE(key);
  const auto text = to_string(key.value());
  EXPECT_NE(text.find("16 bytes"), std::string::npos) << text;
  EXPECT_EQ(text.find(admin_secret_hex), std::string::npos) << text;
  EXPECT_EQ(text.find(admin_key.substr(0, 12)), std::string::npos) << text;
  EXPECT_NE(text.find("redacted"), std::string::npos) << text;
}

class KeyringFiles : public ::testing::Test {
 protected:
  std::filesystem::path dir_ = std::filesystem::temp_directory_path() /
                               ("radosio_keyring_test_" + std::to_string(::getpid()));
  void SetUp() override { std::filesystem::create_directories(dir_); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path write(const std::string& file, const std::string& text) {
    const auto path = dir_ / file;
    std::ofstream(path) << text;
    return path;
  }
};

TEST_F(KeyringFiles, LoadKeyringAndKeyfile) {
  const auto ring_path =
      write("ceph.keyring", "[client.admin]\nkey = " + std::string(admin_key) + "\n");
  const auto ring = load_keyring(ring_path);
  ASSERT_TRUE(ring) << why(ring);
  EXPECT_NE(ring->find(name("client.admin")), nullptr);

  const auto key = load_keyfile(write("keyfile", std::string(admin_key) + "\n"));
  ASSERT_TRUE(key) << why(key);
  EXPECT_EQ(test::to_hex(key->secret), admin_secret_hex);

  const auto bad = load_keyring(write("bad.keyring", "[client.admin]\nkey = x\n"));
  ASSERT_FALSE(bad);
  EXPECT_NE(why(bad).find((dir_ / "bad.keyring").string() + ":2:"), std::string::npos) << why(bad);

  const auto missing = load_keyring(dir_ / "nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.code(), std::errc::no_such_file_or_directory);
  EXPECT_NE(why(missing).find("nope"), std::string::npos);
}

}  // namespace
}  // namespace radosio::auth
