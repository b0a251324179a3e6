#pragma once
// Loader for the golden msgr2 transcripts in shared/corpus/transcripts (see its README):
// a JSON header with the client's inputs and derived values, then one record per frame.

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace radosio::test {

struct transcript_record {
  std::string dir;    // "c2s" or "s2c"
  std::string label;  // "HELLO", "MESSAGE MOSDOp v8", ...
  std::vector<std::uint8_t> wire;
  std::vector<std::vector<std::uint8_t>> segments;  // plaintext segments (not for the banner)
};

struct transcript {
  nlohmann::json header;
  std::vector<transcript_record> records;

  // The first record with this direction and label; throws if there is none (a test bug).
  const transcript_record& find(std::string_view dir, std::string_view label) const {
    for (const auto& r : records)
      if (r.dir == dir && r.label == label) return r;
    throw std::runtime_error("transcript has no " + std::string(dir) + " " + std::string(label));
  }
};

inline std::string transcript_path(std::string_view name) {
  return std::string(RADOSIO_SHARED_DIR) + "/corpus/transcripts/" + std::string(name);
}

// name: "mon-crc.jsonl" etc.
inline transcript load_transcript(std::string_view name) {
  std::ifstream in(transcript_path(name));
  if (!in) throw std::runtime_error("cannot open transcript " + transcript_path(name));
  transcript t;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    if (first) {
      t.header = std::move(j);
      first = false;
      continue;
    }
    transcript_record r;
    r.dir = j.at("dir").get<std::string>();
    r.label = j.at("label").get<std::string>();
    r.wire = from_hex(j.at("hex").get<std::string>());
    if (j.contains("segments"))
      for (const auto& s : j.at("segments")) r.segments.push_back(from_hex(s.get<std::string>()));
    t.records.push_back(std::move(r));
  }
  return t;
}

}  // namespace radosio::test
