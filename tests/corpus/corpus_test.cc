// Decode every real Ceph encoding in shared/corpus. Pacific (16.2.0) samples must also
// re-encode to identical bytes: that proves every field was read and is written back as a
// Pacific peer expects. Reef and Squid samples must decode (their newer trailing fields are
// skipped by length).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "auth/crypto_key.h"
#include "common/types/entity.h"
#include "common/types/entity_addr.h"
#include "common/types/object.h"
#include "common/types/pg.h"
#include "common/types/pg_pool.h"
#include "monclient/mon_map.h"

namespace radosio {
namespace {

namespace fs = std::filesystem;

std::vector<std::uint8_t> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<fs::path> samples(const std::string& release, const std::string& type) {
  std::vector<fs::path> out;
  const fs::path dir = fs::path(RADOSIO_CORPUS_DIR) / release / type;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file()) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

enum class check { decode_only, round_trip };

template <class T>
void check_corpus(const std::string& type, check pacific_check) {
  ASSERT_TRUE(fs::is_directory(RADOSIO_CORPUS_DIR))
      << "corpus missing at " << RADOSIO_CORPUS_DIR << " (shared/ must sit beside the checkout)";
  for (const std::string release : {"ceph-16.2.0", "ceph-18.2.0", "ceph-19.2.0"}) {
    const auto files = samples(release, type);
    ASSERT_FALSE(files.empty()) << "no " << type << " samples for " << release;
    for (const auto& file : files) {
      const auto bytes = read_file(file);
      T value{};
      std::string message;
      const auto ec = wire::decode_exact(bytes, value, &message);
      ASSERT_FALSE(ec) << file << ": " << message;
      if (release == "ceph-16.2.0" && pacific_check == check::round_trip) {
        EXPECT_EQ(wire::encode_to_bytes(value), bytes) << file << " does not re-encode identically";
      }
    }
  }
}

TEST(Corpus, PgT) { check_corpus<pg_id>("pg_t", check::round_trip); }
TEST(Corpus, SpgT) { check_corpus<spg_id>("spg_t", check::round_trip); }
TEST(Corpus, EntityAddrT) { check_corpus<entity_addr>("entity_addr_t", check::round_trip); }
TEST(Corpus, EntityAddrvecT) {
  check_corpus<entity_addrvec>("entity_addrvec_t", check::round_trip);
}
TEST(Corpus, ObjectLocatorT) {
  check_corpus<object_locator>("object_locator_t", check::round_trip);
}
TEST(Corpus, HobjectT) { check_corpus<hobject>("hobject_t", check::round_trip); }
TEST(Corpus, OsdReqidT) { check_corpus<osd_reqid>("osd_reqid_t", check::round_trip); }
TEST(Corpus, CryptoKey) { check_corpus<auth::crypto_key>("CryptoKey", check::round_trip); }
TEST(Corpus, EntityName) { check_corpus<entity_name>("EntityName", check::round_trip); }
TEST(Corpus, SnapContext) { check_corpus<snap_context>("SnapContext", check::round_trip); }
TEST(Corpus, PgPoolT) { check_corpus<pg_pool>("pg_pool_t", check::round_trip); }
TEST(Corpus, MonMap) { check_corpus<mon::mon_map>("MonMap", check::round_trip); }

}  // namespace
}  // namespace radosio
