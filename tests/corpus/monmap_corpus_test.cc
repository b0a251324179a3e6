// Our MonMap decoder against Ceph's: every field `monmaptool --print` shows, for the corpus
// samples of every release, for maps monmaptool builds at test time (v1-only, v2-only, both,
// IPv6, several monitors) and for maps we encode with the fields monmaptool cannot set
// (stretch mode, disallowed leaders, crush locations, election strategies).
//
// monmaptool reads the file as a bare MonMap encoding (MonMap::read: read_file + decode),
// which is what each corpus sample is. Its output is parsed line by line; a line this test
// does not recognise fails it, so no printed field goes uncompared.

#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "ceph_tools.h"
#include "corpus_samples.h"
#include "monclient/mon_map.h"

namespace radosio::mon {
namespace {

namespace fs = std::filesystem;

constexpr const char* monmaptool = "/usr/bin/monmaptool";

// What `monmaptool --print` showed, one field per member; rank lines in rank order.
struct printed_monmap {
  std::map<std::string, std::string> fields;  // "epoch" -> "1", "election_strategy" -> "1"...
  struct rank_line {
    std::string rank, addrs, name, crush_location;
  };
  std::vector<rank_line> ranks;
  std::vector<std::string> unrecognised;
};

// "N: ADDRS mon.NAME[; crush_location {k=v,...}]"; ADDRS holds no space and may be empty.
std::optional<printed_monmap::rank_line> parse_rank_line(const std::string& line) {
  const auto colon = line.find(": ");
  const auto mon = line.find(" mon.", colon == std::string::npos ? 0 : colon + 1);
  if (colon == std::string::npos || mon == std::string::npos) return std::nullopt;
  printed_monmap::rank_line r;
  r.rank = line.substr(0, colon);
  if (r.rank.empty() || r.rank.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  r.addrs = line.substr(colon + 2, mon - colon - 2);
  r.name = line.substr(mon + 5);
  constexpr std::string_view loc_marker = "; crush_location ";
  if (const auto loc = r.name.find(loc_marker); loc != std::string::npos) {
    r.crush_location = r.name.substr(loc + loc_marker.size());
    r.name.resize(loc);
  }
  return r;
}

printed_monmap parse_print(const std::string& text) {
  static const std::vector<std::string> keys = {"epoch",
                                                "fsid",
                                                "last_changed",
                                                "created",
                                                "min_mon_release",
                                                "election_strategy:",
                                                "stretch_mode_enabled",
                                                "tiebreaker_mon",
                                                "disallowed_leaders"};
  printed_monmap p;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    // Progress chatter on stdout, prefixed with argv[0].
    if (line.starts_with(std::string(monmaptool) + ": ")) continue;
    bool matched = false;
    for (const auto& key : keys) {
      if (line.starts_with(key + " ")) {
        std::string name = key;
        if (name.ends_with(':')) name.pop_back();
        p.fields[name] = line.substr(key.size() + 1);
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (auto r = parse_rank_line(line)) {
      p.ranks.push_back(std::move(*r));
    } else {
      p.unrecognised.push_back(line);
    }
  }
  return p;
}

// `monmaptool --print FILE`, with times printed in UTC; nullopt if the tool failed.
std::optional<printed_monmap> monmaptool_print(const fs::path& file) {
  const auto r = test::run_command(std::string("TZ=UTC ") + monmaptool + " --print " +
                                   test::shell_quote(file.string()) + " 2>/dev/null");
  if (r.status != 0) return std::nullopt;
  return parse_print(r.out);
}

// utime_t's operator<< (localtime, here UTC): small values are relative times in seconds,
// larger ones ISO 8601 dates; both with microseconds.
std::string ceph_time_text(const utime& t) {
  constexpr std::uint32_t ten_years = 60u * 60 * 24 * 365 * 10;
  const auto usec = t.nsec / 1000;
  if (t.sec < ten_years) return fmt::format("{}.{:06}", t.sec, usec);
  const std::time_t seconds = t.sec;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}+0000", tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, usec);
}

// Ceph's operator<< for a std::set (comma-separated, no brackets) and a std::map ({k=v,...}).
std::string ceph_set_text(const std::set<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

std::string ceph_map_text(const std::map<std::string, std::string>& items) {
  std::string out;
  for (const auto& [k, v] : items) out += (out.empty() ? "" : ",") + k + "=" + v;
  return "{" + out + "}";
}

std::optional<mon_map> decode_file(const fs::path& file) {
  mon_map m;
  std::string message;
  const auto bytes = test::read_file(file);
  if (wire::decode_exact(bytes, m, &message)) {
    ADD_FAILURE() << file << ": " << message;
    return std::nullopt;
  }
  return m;
}

// Every field monmaptool printed, compared with ours formatted Ceph's way.
void expect_matches_print(const mon_map& m, const printed_monmap& p) {
  EXPECT_TRUE(p.unrecognised.empty()) << "uncompared line: " << p.unrecognised.front();
  const auto field = [&](const std::string& name) -> std::string {
    const auto it = p.fields.find(name);
    return it == p.fields.end() ? "<not printed>" : it->second;
  };
  EXPECT_EQ(std::to_string(m.epoch), field("epoch"));
  EXPECT_EQ(m.fsid.to_string(), field("fsid"));
  EXPECT_EQ(ceph_time_text(m.last_changed), field("last_changed"));
  EXPECT_EQ(ceph_time_text(m.created), field("created"));
  EXPECT_EQ(fmt::format("{} ({})", m.min_mon_release, test::ceph_release_name(m.min_mon_release)),
            field("min_mon_release"));
  EXPECT_EQ(std::to_string(m.election_strategy), field("election_strategy"));
  // Stretch mode and disallowed leaders are printed only when set.
  EXPECT_EQ(p.fields.contains("stretch_mode_enabled"), m.stretch_mode_enabled);
  if (m.stretch_mode_enabled) {
    EXPECT_EQ(std::to_string(int{m.stretch_mode_enabled}), field("stretch_mode_enabled"));
    EXPECT_EQ(m.tiebreaker_mon, field("tiebreaker_mon"));
  }
  const bool leaders_printed = m.stretch_mode_enabled || !m.disallowed_leaders.empty();
  EXPECT_EQ(p.fields.contains("disallowed_leaders"), leaders_printed);
  if (leaders_printed) {
    EXPECT_EQ(ceph_set_text(m.disallowed_leaders), field("disallowed_leaders"));
  }

  ASSERT_EQ(m.ranks.size(), p.ranks.size());
  for (std::size_t rank = 0; rank < m.ranks.size(); ++rank) {
    const auto& printed = p.ranks[rank];
    SCOPED_TRACE("rank " + std::to_string(rank));
    EXPECT_EQ(std::to_string(rank), printed.rank);
    EXPECT_EQ(m.ranks[rank], printed.name);
    const auto& info = m.mons.at(m.ranks[rank]);
    EXPECT_EQ(info.name, printed.name);
    EXPECT_EQ(info.public_addrs.to_string(), printed.addrs);
    EXPECT_EQ(info.crush_loc.empty() ? "" : ceph_map_text(info.crush_loc), printed.crush_location);
  }
}

void expect_file_matches_monmaptool(const fs::path& file) {
  SCOPED_TRACE(file.string());
  const auto ours = decode_file(file);
  ASSERT_TRUE(ours);
  const auto printed = monmaptool_print(file);
  ASSERT_TRUE(printed) << "monmaptool --print failed";
  expect_matches_print(*ours, *printed);
}

bool have_monmaptool() { return fs::exists(monmaptool); }

TEST(MonmapCorpus, EverySampleMatchesMonmaptoolPrint) {
  if (!have_monmaptool()) GTEST_SKIP() << "monmaptool unavailable";
  int compared = 0;
  for (const std::string release : test::corpus_releases) {
    const auto files = test::samples(release, "MonMap");
    ASSERT_FALSE(files.empty()) << "no MonMap samples for " << release;
    for (const auto& file : files) {
      expect_file_matches_monmaptool(file);
      ++compared;
    }
  }
  EXPECT_EQ(compared, 9);  // three samples per release
}

// Maps monmaptool builds itself: `--add` takes one address (v1: or v2: prefix, or none for
// both default ports), `--addv` a bracketed vector; ranks come out sorted by address.
TEST(MonmapCorpus, MonmaptoolCreatedMapsMatch) {
  if (!have_monmaptool()) GTEST_SKIP() << "monmaptool unavailable";
  test::temp_dir dir;
  ASSERT_TRUE(dir.ok());
  const std::string fsid = "--fsid 6c8f3f2e-5a1b-4c3d-9e8f-0123456789ab ";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"v2-only", "--add a v2:127.0.0.1:3300 --add b v2:127.0.0.2:3301 --add c v2:10.1.2.3:3300"},
      {"v1-only", "--add a v1:127.0.0.1:6789 --add b v1:192.168.0.9:6790"},
      {"both",
       "--add a 127.0.0.1 --addv b [v2:10.0.0.2:3300,v1:10.0.0.2:6789] "
       "--addv c [v2:10.0.0.3:3300/7,v1:10.0.0.3:6789/7] --add d v2:10.0.0.4:3300"},
      {"ipv6",
       "--add a v2:[::1]:3300 --addv b [v2:[fe80::2]:3300,v1:[fe80::2]:6789] "
       "--add c 10.9.8.7:6789"},
      {"single", "--add only v1:1.2.3.4:6789"},
  };
  for (const auto& [name, adds] : cases) {
    const auto file = dir / name;
    const auto r =
        test::run_command(std::string(monmaptool) + " --create --clobber " + fsid + adds + " " +
                          test::shell_quote(file.string()) + " >/dev/null 2>&1");
    ASSERT_EQ(r.status, 0) << name << ": " << adds;
    expect_file_matches_monmaptool(file);
  }
  // Edits of an existing map: a release floor (monmaptool takes its name) and a removal.
  const auto edited = dir / "both";
  ASSERT_EQ(test::run_command(std::string(monmaptool) + " --set-min-mon-release octopus --rm c " +
                              test::shell_quote(edited.string()) + " >/dev/null 2>&1")
                .status,
            0);
  const auto after = decode_file(edited);
  ASSERT_TRUE(after);
  EXPECT_NE(after->min_mon_release, 0);  // the edit took, so the comparison covers it
  EXPECT_FALSE(after->mons.contains("c"));
  expect_file_matches_monmaptool(edited);
}

// Fields only a running cluster sets: we encode them into a map monmaptool made, and
// monmaptool must print what we decode from our own bytes.
TEST(MonmapCorpus, OurEncodingOfStretchFieldsMatchesMonmaptool) {
  if (!have_monmaptool()) GTEST_SKIP() << "monmaptool unavailable";
  test::temp_dir dir;
  ASSERT_TRUE(dir.ok());
  const auto base_file = dir / "base";
  ASSERT_EQ(test::run_command(std::string(monmaptool) +
                              " --create --add a v2:10.0.0.1:3300 --add b v2:10.0.0.2:3300 "
                              "--add c v2:10.0.0.3:3300 " +
                              test::shell_quote(base_file.string()) + " >/dev/null 2>&1")
                .status,
            0);
  const auto base = decode_file(base_file);
  ASSERT_TRUE(base);

  struct variant {
    std::string name;
    void (*edit)(mon_map&);
  };
  const std::vector<variant> variants = {
      {"stretch",
       [](mon_map& m) {
         m.epoch = 7;
         m.min_mon_release = 16;
         m.election_strategy = 3;  // connectivity
         m.stretch_mode_enabled = true;
         m.tiebreaker_mon = "c";
         m.disallowed_leaders = {"c"};
         m.mons.at("a").crush_loc = {{"datacenter", "dc1"}};
         m.mons.at("b").crush_loc = {{"datacenter", "dc2"}, {"host", "b"}};
         m.mons.at("c").crush_loc = {{"datacenter", "dc3"}};
       }},
      {"disallowed-only",
       [](mon_map& m) {
         m.election_strategy = 2;  // disallow
         m.disallowed_leaders = {"a", "b"};
         m.removed_ranks = {4};  // not printed; must not disturb what is
       }},
      {"relative-times",
       [](mon_map& m) {
         m.last_changed = utime{123, 456789000};
         m.created = utime{0, 999};
       }},
  };
  for (const auto& v : variants) {
    mon_map m = *base;
    v.edit(m);
    const auto file = dir / v.name;
    const auto bytes = wire::encode_to_bytes(m);
    std::ofstream(file, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
    SCOPED_TRACE(v.name);
    const auto decoded = decode_file(file);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, m);
    expect_file_matches_monmaptool(file);
  }
}

}  // namespace
}  // namespace radosio::mon
