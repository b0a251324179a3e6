// Decode every real Ceph encoding in shared/corpus. Pacific (16.2.0) samples must also
// re-encode to identical bytes: that proves every field was read and is written back as a
// Pacific peer expects. Reef and Squid samples must decode (their newer trailing fields are
// skipped by length).

#include <gtest/gtest.h>

#include "auth/crypto_key.h"
#include "common/types/entity.h"
#include "common/types/entity_addr.h"
#include "common/types/object.h"
#include "common/types/pg.h"
#include "common/types/pg_pool.h"
#include "corpus_samples.h"
#include "monclient/mon_map.h"

namespace radosio {
namespace {

using test::check;
using test::check_corpus;

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
