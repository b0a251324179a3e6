#pragma once
// Loader for the golden msgr2 transcripts in shared/corpus/transcripts (see its README):
// a JSON header with the client's inputs and derived values, then one record per frame.

#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace radosio::test {

struct transcript_record {
  std::string dir;    // "c2s" or "s2c"
  std::string label;  // "HELLO", "MESSAGE MOSDOp v8", ...
  std::vector<std::uint8_t> wire;
  // Plaintext segments, trailing empty ones dropped (none for the banner).
  std::vector<std::vector<std::uint8_t>> segments;

  bool from_client() const { return dir == "c2s"; }
  // Plaintext segment i, or no bytes if the record has none (the banner, trailing empties).
  const std::vector<std::uint8_t>& segment(std::size_t i = 0) const {
    static const std::vector<std::uint8_t> none;
    return i < segments.size() ? segments[i] : none;
  }
};

// A number the probe recorded as a string: "0x12345678" or "46000".
inline std::uint64_t json_number(const nlohmann::json& v) {
  return std::stoull(v.get<std::string>(), nullptr, 0);
}

// The hex string j[name] ("derived" keys, secrets and tickets), as text and as bytes.
inline std::string hex_field(const nlohmann::json& j, const char* name) {
  return j.at(name).get<std::string>();
}
inline std::vector<std::uint8_t> hex_bytes(const nlohmann::json& j, const char* name) {
  return from_hex(hex_field(j, name));
}

struct transcript {
  nlohmann::json header;
  std::vector<transcript_record> records;

  // The first record with this direction and label; throws if there is none (a test bug).
  const transcript_record& find(std::string_view dir, std::string_view label) const {
    for (const auto& r : records)
      if (r.dir == dir && r.label == label) return r;
    throw std::runtime_error("transcript has no " + std::string(dir) + " " + std::string(label));
  }
  // Every wire byte sent in one direction ("c2s" or "s2c"), from the banner through the
  // first record labelled `last` (all of them if there is none).
  std::vector<std::uint8_t> wire_through(std::string_view dir, std::string_view last) const {
    std::vector<std::uint8_t> out;
    for (const auto& r : records) {
      if (r.dir != dir) continue;
      out.insert(out.end(), r.wire.begin(), r.wire.end());
      if (r.label == last) break;
    }
    return out;
  }
  // header["inputs"][name] as a number.
  std::uint64_t input(const char* name) const { return json_number(header.at("inputs").at(name)); }
  // The values a client derives (keys, tickets, connection secret): header["derived"].
  const nlohmann::json& derived() const { return header.at("derived"); }
};

// name: "mon-crc.jsonl" or just "mon-crc".
inline std::string transcript_path(std::string_view name) {
  std::string path = std::string(RADOSIO_SHARED_DIR) + "/corpus/transcripts/" + std::string(name);
  if (!name.ends_with(".jsonl")) path += ".jsonl";
  return path;
}

// name: "mon-crc.jsonl" or "mon-crc" etc. Throws if the file cannot be opened.
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
