#pragma once
// CRUSH maps for the oracle tests, made at test time by Ceph's crushtool (built from layer
// specs, or compiled from text) or written by our encoder, and read back through our decoder.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "ceph_tools.h"
#include "common/encoding/encoder.h"
#include "crush/decode.h"

namespace radosio::test {

inline constexpr const char* crushtool = "/usr/bin/crushtool";
inline constexpr const char* osdmaptool = "/usr/bin/osdmaptool";

inline std::string quoted(const std::filesystem::path& path) { return shell_quote(path.string()); }

// Runs a shell command that must succeed and returns its stdout.
inline std::string run_ok(const std::string& command) {
  auto r = run_command(command);
  EXPECT_EQ(r.status, 0) << command;
  return std::move(r.out);
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string encoded(const crush::crush_map& map) {
  wire::encoder e;
  encode(e, map);
  return {reinterpret_cast<const char*>(e.bytes().data()), e.size()};
}

// Decodes a map file; our encoder must also write back exactly the bytes that were read.
inline crush::crush_map load_map(const std::filesystem::path& path) {
  const std::string bytes = read_text(path);
  auto map = crush::decode_crush_map(
      bytes_view(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  EXPECT_TRUE(map.has_value()) << path << ": " << (map ? "" : map.err().what());
  if (!map) return {};
  EXPECT_EQ(encoded(*map), bytes) << path;
  return std::move(*map);
}

// Writes `map` with our encoder, for maps crushtool cannot produce itself.
inline std::filesystem::path save_map(const temp_dir& dir, const std::string& name,
                                      const crush::crush_map& map) {
  const auto out = dir / name;
  write_text(out, encoded(map));
  return out;
}

// crushtool --build with one "name alg size" triple per layer.
inline std::filesystem::path build_map(const temp_dir& dir, const std::string& name, int osds,
                                       const std::string& layers) {
  const auto out = dir / name;
  run_ok(std::string(crushtool) + " --outfn " + quoted(out) + " --build --num_osds " +
         std::to_string(osds) + " " + layers + " >/dev/null 2>&1");
  return out;
}

// `crushtool -d FILE`: the map as text.
inline std::string crushtool_decompile(const std::filesystem::path& map) {
  return run_ok(std::string(crushtool) + " -d " + quoted(map) + " 2>/dev/null");
}

// `crushtool -c`: text to a compiled map.
inline std::filesystem::path compile(const temp_dir& dir, const std::string& name,
                                     const std::string& text) {
  const auto src = dir / (name + ".txt");
  const auto out = dir / name;
  write_text(src, text);
  run_ok(std::string(crushtool) + " -c " + quoted(src) + " -o " + quoted(out) + " >/dev/null 2>&1");
  return out;
}

inline void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// Gives the devices of a decompiled map classes: every third OSD (0, 3, ...) ssd, the rest hdd.
inline void add_device_classes(std::string& text, int osds) {
  for (int osd = 0; osd < osds; ++osd) {
    const std::string device = "device " + std::to_string(osd) + " osd." + std::to_string(osd);
    replace_all(text, device + "\n", device + (osd % 3 == 0 ? " class ssd\n" : " class hdd\n"));
  }
}

// Rule 1 of the maps with device classes (add_device_classes): replicas on ssd OSDs only.
inline constexpr const char* ssd_only_rule = R"(rule ssd_only {
	id 1
	type replicated
	min_size 1
	max_size 10
	step take root class ssd
	step chooseleaf firstn 0 type host
	step emit
}
)";

// Inserts rules (or choose_args) before the end marker of a decompiled map.
inline std::string insert_rules(std::string text, const std::string& rules) {
  const auto end = text.find("# end crush map");
  EXPECT_NE(end, std::string::npos);
  if (end != std::string::npos) text.insert(end, rules + "\n");
  return text;
}

// A test that runs crushtool in a scratch directory; skipped where crushtool is missing.
class crushtool_test : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(crushtool)) GTEST_SKIP() << "crushtool not installed";
    ASSERT_TRUE(dir.ok());
  }

  temp_dir dir;
};

}  // namespace radosio::test
