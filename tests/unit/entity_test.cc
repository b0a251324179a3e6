#include "common/types/entity.h"
#include "common/types/basic.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace radosio {
namespace {

using test::encoded_hex;
using test::from_hex;

TEST(EntityName, EncodesTypeThenId) {
  const entity_name admin{entity_type::client, "admin"};
  EXPECT_EQ(encoded_hex(admin), "08000000" "05000000" "61646d696e");
  entity_name decoded;
  ASSERT_FALSE(wire::decode_exact(from_hex(encoded_hex(admin)), decoded));
  EXPECT_EQ(decoded, admin);
  EXPECT_EQ(decoded.to_string(), "client.admin");
}

TEST(EntityName, ParsesTypeDotId) {
  EXPECT_EQ(entity_name::parse("client.admin"), (entity_name{entity_type::client, "admin"}));
  EXPECT_EQ(entity_name::parse("osd.0"), (entity_name{entity_type::osd, "0"}));
  EXPECT_EQ(entity_name::parse("client.rgw.a"), (entity_name{entity_type::client, "rgw.a"}));
  EXPECT_FALSE(entity_name::parse("admin"));
  EXPECT_FALSE(entity_name::parse("bogus.x"));
}

TEST(EntityNum, EncodesU8TypeAndLe64Number) {
  const entity_num n{static_cast<std::uint8_t>(entity_type::client), 4123};
  EXPECT_EQ(encoded_hex(n), "08" "1b10000000000000");
  EXPECT_EQ(n.to_string(), "client.4123");
}

TEST(Uuid, FormatsAndParses) {
  uuid u;
  ASSERT_TRUE(uuid::parse("0123abcd-4567-89ef-0123-456789ABCDEF", u));
  EXPECT_EQ(u.to_string(), "0123abcd-4567-89ef-0123-456789abcdef");
  EXPECT_EQ(encoded_hex(u), "0123abcd456789ef0123456789abcdef");
  EXPECT_FALSE(uuid::parse("0123abcd-4567-89ef-0123-456789abcde", u));
  EXPECT_FALSE(uuid::parse("0123abcd+4567-89ef-0123-456789abcdef", u));
  EXPECT_FALSE(uuid::parse("0123abcd-4567-89ef-0123-456789abcdeg", u));
}

}  // namespace
}  // namespace radosio
