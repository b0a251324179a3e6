// Ceph's JSONFormatter as rados-client reproduces it (tools/cli/ceph_format.h): the texts
// below are what `rados lock list` / `rados lock info` printed on a Pacific cluster.

#include <gtest/gtest.h>

#include "tools/cli/ceph_format.h"

namespace radosio::cli {
namespace {

void lock_list(ceph_json& json, std::initializer_list<const char*> names) {
  json.open_object("object");
  json.dump_string("objname", "lobj");
  json.open_array("locks");
  for (const char* name : names) {
    json.open_object("lock");
    json.dump_string("name", name);
    json.close();
  }
  json.close();
  json.close();
}

TEST(ceph_json, compact_has_no_newline) {
  ceph_json json(false);
  lock_list(json, {"l1", "l2"});
  EXPECT_EQ(json.text(), R"({"objname":"lobj","locks":[{"name":"l1"},{"name":"l2"}]})");
  ceph_json empty(false);
  lock_list(empty, {});
  EXPECT_EQ(empty.text(), R"({"objname":"lobj","locks":[]})");
}

TEST(ceph_json, pretty_indents_by_four_and_ends_with_a_newline) {
  ceph_json json(true);
  lock_list(json, {"l"});
  EXPECT_EQ(json.text(),
            "{\n"
            "    \"objname\": \"lobj\",\n"
            "    \"locks\": [\n"
            "        {\n"
            "            \"name\": \"l\"\n"
            "        }\n"
            "    ]\n"
            "}\n");
  ceph_json empty(true);
  lock_list(empty, {});
  EXPECT_EQ(empty.text(),
            "{\n"
            "    \"objname\": \"lobj\",\n"
            "    \"locks\": []\n"
            "}\n");
}

TEST(ceph_json, escapes_as_escape_json_attr) {
  // From `rados lock info` of a lock named l/"\x with cookie a<TAB>b and a description with
  // UTF-8, \x01, DEL, a quote and a backslash.
  EXPECT_EQ(ceph_json_escape("l/\"\\x"), R"(l/\"\\x)");
  EXPECT_EQ(ceph_json_escape("a\tb"), R"(a\tb)");
  EXPECT_EQ(ceph_json_escape("d/\xc3\xa9\x01\x7f\"\\"), "d/\xc3\xa9\\u0001\\u007f\\\"\\\\");
  EXPECT_EQ(ceph_json_escape(std::string_view("\n\r\0", 3)), R"(\n\u000d\u0000)");
  EXPECT_EQ(ceph_json_escape("t<>&"), "t<>&");
}

}  // namespace
}  // namespace radosio::cli
