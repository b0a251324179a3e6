// Every real CRUSH map of the shared corpus (Pacific, Reef and Squid encodings), decompiled
// by us and by the installed crushtool (`crushtool -d SAMPLE`): the texts must be identical.
// Nothing is hard-coded: crushtool runs here, at test time, on the same bytes.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "ceph_tools.h"
#include "corpus_samples.h"
#include "crush/decode.h"
#include "crush/decompile.h"
#include "text_diff.h"

namespace radosio::crush {
namespace {

constexpr const char* crushtool = "/usr/bin/crushtool";

TEST(CrushDecompileCorpus, EverySampleMatchesCrushtool) {
  if (!std::filesystem::exists(crushtool)) GTEST_SKIP() << "crushtool not installed";
  int compared = 0;
  for (const std::string release : test::corpus_releases) {
    const auto files = test::samples(release, "CrushWrapper");
    ASSERT_FALSE(files.empty()) << "no CrushWrapper samples for " << release;
    for (const auto& file : files) {
      SCOPED_TRACE(file.string());
      const auto bytes = test::read_file(file);
      auto map = decode_crush_map(bytes_view(bytes.data(), bytes.size()));
      ASSERT_TRUE(map) << map.err().what();
      const auto ours = decompile(*map);
      ASSERT_TRUE(ours) << ours.err().what();

      const auto theirs = test::run_command(std::string(crushtool) + " -d " +
                                            test::shell_quote(file.string()) + " 2>&1");
      ASSERT_EQ(theirs.status, 0) << theirs.out;
      EXPECT_EQ(test::first_difference(theirs.out, *ours, "crushtool"), "");
      ++compared;
    }
  }
  EXPECT_GE(compared, 30);  // ten samples per release
}

}  // namespace
}  // namespace radosio::crush
