// Every CephX structure in shared/corpus decodes exactly (no byte left over); the Pacific
// samples re-encode to identical bytes; the Reef and Squid samples decode.

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "auth/cephx_types.h"
#include "corpus_samples.h"

namespace radosio::auth {
namespace {

using test::check_corpus;
using test::read_file;
using test::samples;

TEST(CephxCorpus, AuthTicket) { check_corpus<auth_ticket>("AuthTicket"); }
TEST(CephxCorpus, CephXAuthenticate) { check_corpus<cephx_authenticate>("CephXAuthenticate"); }
TEST(CephxCorpus, CephXAuthorize) { check_corpus<cephx_authorize>("CephXAuthorize"); }
TEST(CephxCorpus, CephXAuthorizeChallenge) {
  check_corpus<cephx_authorize_challenge>("CephXAuthorizeChallenge");
}
TEST(CephxCorpus, CephXAuthorizeReply) {
  check_corpus<cephx_authorize_reply>("CephXAuthorizeReply");
}
TEST(CephxCorpus, CephXRequestHeader) { check_corpus<cephx_request_header>("CephXRequestHeader"); }
TEST(CephxCorpus, CephXResponseHeader) {
  check_corpus<cephx_response_header>("CephXResponseHeader");
}
TEST(CephxCorpus, CephXServerChallenge) {
  check_corpus<cephx_server_challenge>("CephXServerChallenge");
}
TEST(CephxCorpus, CephXServiceTicket) { check_corpus<cephx_service_ticket>("CephXServiceTicket"); }
TEST(CephxCorpus, CephXServiceTicketInfo) {
  check_corpus<cephx_service_ticket_info>("CephXServiceTicketInfo");
}
TEST(CephxCorpus, CephXTicketBlob) { check_corpus<cephx_ticket_blob>("CephXTicketBlob"); }

// The corpus README's warning, checked: Pacific 16.2.0 wrote CephXAuthenticate v2 (before
// the global_id reclaim fix); Reef and Squid write v3.
TEST(CephxCorpus, CephXAuthenticateVersions) {
  for (const auto& [release, version] :
       {std::pair<std::string, int>{"ceph-16.2.0", 2}, {"ceph-18.2.0", 3}, {"ceph-19.2.0", 3}}) {
    for (const auto& file : samples(release, "CephXAuthenticate")) {
      cephx_authenticate value;
      ASSERT_FALSE(wire::decode_exact(read_file(file), value)) << file;
      EXPECT_EQ(value.version, version) << file;
    }
  }
}

}  // namespace
}  // namespace radosio::auth
