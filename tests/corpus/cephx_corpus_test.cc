// Every CephX structure in shared/corpus decodes exactly (no byte left over); the Pacific
// samples re-encode to identical bytes; the Reef and Squid samples decode.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "auth/cephx_types.h"

namespace radosio::auth {
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

template <class T>
void check_type(const std::string& type) {
  ASSERT_TRUE(fs::is_directory(RADOSIO_CORPUS_DIR)) << "corpus missing at " << RADOSIO_CORPUS_DIR;
  for (const std::string release : {"ceph-16.2.0", "ceph-18.2.0", "ceph-19.2.0"}) {
    const auto files = samples(release, type);
    ASSERT_FALSE(files.empty()) << "no " << type << " samples for " << release;
    for (const auto& file : files) {
      const auto bytes = read_file(file);
      T value{};
      std::string message;
      const auto ec = wire::decode_exact(bytes, value, &message);
      ASSERT_FALSE(ec) << file << ": " << message;
      if (release == "ceph-16.2.0") {
        EXPECT_EQ(wire::encode_to_bytes(value), bytes) << file << " does not re-encode identically";
      }
    }
  }
}

TEST(CephxCorpus, AuthTicket) { check_type<auth_ticket>("AuthTicket"); }
TEST(CephxCorpus, CephXAuthenticate) { check_type<cephx_authenticate>("CephXAuthenticate"); }
TEST(CephxCorpus, CephXAuthorize) { check_type<cephx_authorize>("CephXAuthorize"); }
TEST(CephxCorpus, CephXAuthorizeChallenge) {
  check_type<cephx_authorize_challenge>("CephXAuthorizeChallenge");
}
TEST(CephxCorpus, CephXAuthorizeReply) { check_type<cephx_authorize_reply>("CephXAuthorizeReply"); }
TEST(CephxCorpus, CephXRequestHeader) { check_type<cephx_request_header>("CephXRequestHeader"); }
TEST(CephxCorpus, CephXResponseHeader) { check_type<cephx_response_header>("CephXResponseHeader"); }
TEST(CephxCorpus, CephXServerChallenge) {
  check_type<cephx_server_challenge>("CephXServerChallenge");
}
TEST(CephxCorpus, CephXServiceTicket) { check_type<cephx_service_ticket>("CephXServiceTicket"); }
TEST(CephxCorpus, CephXServiceTicketInfo) {
  check_type<cephx_service_ticket_info>("CephXServiceTicketInfo");
}
TEST(CephxCorpus, CephXTicketBlob) { check_type<cephx_ticket_blob>("CephXTicketBlob"); }

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
