#pragma once
// The real Ceph encodings in shared/corpus (RADOSIO_CORPUS_DIR, defined for corpus_tests):
// one file per sample under <release>/<type>/, for Pacific, Reef and Squid.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "common/encoding/decoder.h"
#include "common/encoding/encoder.h"

namespace radosio::test {

inline constexpr const char* corpus_pacific = "ceph-16.2.0";
inline constexpr const char* corpus_releases[] = {"ceph-16.2.0", "ceph-18.2.0", "ceph-19.2.0"};

inline std::vector<std::uint8_t> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every sample of `type` recorded by `release`, sorted; empty if there is none.
inline std::vector<std::filesystem::path> samples(const std::string& release,
                                                  const std::string& type) {
  namespace fs = std::filesystem;
  std::vector<fs::path> out;
  const fs::path dir = fs::path(RADOSIO_CORPUS_DIR) / release / type;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file()) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

enum class check { decode_only, round_trip };

// Every sample of `type` in every release must decode exactly (no byte left over); with
// check::round_trip the Pacific samples must also re-encode to identical bytes (Reef and
// Squid samples only decode: their newer trailing fields are skipped by length).
template <class T>
void check_corpus(const std::string& type, check pacific_check = check::round_trip) {
  ASSERT_TRUE(std::filesystem::is_directory(RADOSIO_CORPUS_DIR))
      << "corpus missing at " << RADOSIO_CORPUS_DIR << " (shared/ must sit beside the checkout)";
  for (const std::string release : corpus_releases) {
    const auto files = samples(release, type);
    ASSERT_FALSE(files.empty()) << "no " << type << " samples for " << release;
    for (const auto& file : files) {
      const auto bytes = read_file(file);
      T value{};
      std::string message;
      const auto ec = wire::decode_exact(bytes, value, &message);
      ASSERT_FALSE(ec) << file << ": " << message;
      if (release == corpus_pacific && pacific_check == check::round_trip) {
        EXPECT_EQ(wire::encode_to_bytes(value), bytes) << file << " does not re-encode identically";
      }
    }
  }
}

}  // namespace radosio::test
