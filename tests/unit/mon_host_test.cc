#include "monclient/mon_host.h"

#include <gtest/gtest.h>

namespace radosio::mon {
namespace {

std::vector<std::string> rendered(std::string_view spec) {
  auto mons = parse_mon_host(spec);
  EXPECT_TRUE(mons) << mons.err().what();
  std::vector<std::string> out;
  if (mons)
    for (const auto& m : *mons) out.push_back(m.addrs.to_string());
  return out;
}

TEST(MonHost, PortsImplyProtocols) {
  EXPECT_EQ(rendered("10.0.0.1"),
            (std::vector<std::string>{"v2:10.0.0.1:3300/0", "v1:10.0.0.1:6789/0"}));
  EXPECT_EQ(rendered("10.0.0.1:6789"), (std::vector<std::string>{"v1:10.0.0.1:6789/0"}));
  EXPECT_EQ(rendered("10.0.0.1:3300"), (std::vector<std::string>{"v2:10.0.0.1:3300/0"}));
  EXPECT_EQ(rendered("10.0.0.1:40000"),
            (std::vector<std::string>{"v2:10.0.0.1:40000/0", "v1:10.0.0.1:40000/0"}));
  EXPECT_EQ(rendered("v2:10.0.0.1"), (std::vector<std::string>{"v2:10.0.0.1:3300/0"}));
}

TEST(MonHost, ListsAndAddressVectors) {
  EXPECT_EQ(rendered("v2:127.0.0.1:40000, v2:127.0.0.1:40001;v2:127.0.0.1:40002"),
            (std::vector<std::string>{"v2:127.0.0.1:40000/0", "v2:127.0.0.1:40001/0",
                                      "v2:127.0.0.1:40002/0"}));
  EXPECT_EQ(rendered("[v2:10.0.0.1:3300,v1:10.0.0.1:6789] [v2:10.0.0.2:3300/7]"),
            (std::vector<std::string>{"[v2:10.0.0.1:3300/0,v1:10.0.0.1:6789/0]",
                                      "v2:10.0.0.2:3300/7"}));
}

TEST(MonHost, Ipv6) {
  EXPECT_EQ(rendered("[::1]:3300"), (std::vector<std::string>{"v2:[::1]:3300/0"}));
  EXPECT_EQ(rendered("v2:[::1]:40000"), (std::vector<std::string>{"v2:[::1]:40000/0"}));
}

TEST(MonHost, ResolvesHostNames) {
  const auto out = rendered("localhost:3300");
  ASSERT_FALSE(out.empty());
  EXPECT_TRUE(out[0] == "v2:127.0.0.1:3300/0" || out[0] == "v2:[::1]:3300/0") << out[0];
}

TEST(MonHost, ClearErrors) {
  auto bad_port = parse_mon_host("10.0.0.1:99999");
  ASSERT_FALSE(bad_port);
  EXPECT_NE(bad_port.err().what().find("port"), std::string::npos) << bad_port.err().what();
  auto unresolvable = parse_mon_host("no-such-host.invalid");
  ASSERT_FALSE(unresolvable);
  EXPECT_NE(unresolvable.err().what().find("cannot resolve monitor host 'no-such-host.invalid'"),
            std::string::npos)
      << unresolvable.err().what();
  EXPECT_FALSE(parse_mon_host(""));
  EXPECT_FALSE(parse_mon_host("[v2:10.0.0.1:3300"));
}

TEST(EntityAddrParse, NonceAndTypes) {
  auto a = parse_entity_addr("v1:1.2.3.4:6789/42");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->type, addr_type::legacy);
  EXPECT_EQ(a->nonce, 42u);
  EXPECT_EQ(a->to_string(), "v1:1.2.3.4:6789/42");
  EXPECT_FALSE(parse_entity_addr("1.2.3.4:65536"));
  EXPECT_FALSE(parse_entity_addr("1.2.3.4/x"));
  EXPECT_FALSE(parse_entity_addr("[::1"));
}

}  // namespace
}  // namespace radosio::mon
