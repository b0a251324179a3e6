#include "common/conf/ceph_conf.h"

#include <gtest/gtest.h>

namespace radosio::conf {
namespace {

constexpr std::string_view sample = R"(
# a comment
[global]
    fsid = 0b0c5a5e-1111-2222-3333-444455556666
    mon host = v2:127.0.0.1:40000   ; trailing comment
    keyring = /tmp/$cluster.$name.keyring
    ms_client_mode = crc
[client]
    ms-client-mode = secure
[client.admin]
    log file = "/var/log/with # hash.log"
    long option = first \
second
)";

TEST(CephConf, SpecificSectionsOverrideGeneralOnes) {
  auto conf = ceph_conf::parse(sample);
  ASSERT_TRUE(conf) << conf.err().what();
  EXPECT_EQ(conf->get("client.admin", "mon_host"), "v2:127.0.0.1:40000");
  EXPECT_EQ(conf->get("client.admin", "ms client mode"), "secure");  // [client] beats [global]
  EXPECT_EQ(conf->get("osd.0", "ms_client_mode"), "crc");            // osd.0 sees [global]
  EXPECT_EQ(conf->get("client.admin", "log_file"), "/var/log/with # hash.log");
  EXPECT_EQ(conf->get("client.admin", "long option"), "first second");
  EXPECT_FALSE(conf->get("client.admin", "no such option"));
}

TEST(CephConf, NormalizesSeparators) {
  EXPECT_EQ(ceph_conf::normalize("  mon   host "), "mon_host");
  EXPECT_EQ(ceph_conf::normalize("ms-mon_client mode"), "ms_mon_client_mode");
}

TEST(CephConf, ErrorsNameTheLine) {
  auto bad = ceph_conf::parse("[global]\nthis line has no equals\n", "test.conf");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.err().what(), "test.conf:2: expected 'option = value', got: this line has no equals");
  auto bad_section = ceph_conf::parse("[global\n", "x.conf");
  ASSERT_FALSE(bad_section);
  EXPECT_NE(bad_section.err().what().find("x.conf:1"), std::string::npos);
}

TEST(CephConf, MissingFileIsAClearError) {
  auto conf = ceph_conf::load("/nonexistent/ceph.conf");
  ASSERT_FALSE(conf);
  EXPECT_EQ(conf.err().what(),
            "cannot read config file /nonexistent/ceph.conf: No such file or directory");
}

TEST(CephConf, ExpandsMetavariables) {
  EXPECT_EQ(expand_metavariables("/etc/ceph/$cluster.$name.keyring", "client.admin"),
            "/etc/ceph/ceph.client.admin.keyring");
  EXPECT_EQ(expand_metavariables("$type-$id-$x", "osd.3"), "osd-3-$x");
}

}  // namespace
}  // namespace radosio::conf
