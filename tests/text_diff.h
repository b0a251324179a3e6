#pragma once
// Comparing our text output with a Ceph tool's, line by line: a failure names the first line
// that differs instead of dumping two whole documents.

#include <cstddef>
#include <string>
#include <string_view>

namespace radosio::test {

// Empty when the texts are identical; otherwise "line N: <theirs_label> '...', ours '...'"
// for the first differing line ("<missing>" past the end of the shorter text).
inline std::string first_difference(std::string_view theirs, std::string_view ours,
                                    std::string_view theirs_label) {
  if (theirs == ours) return {};
  const auto next_line = [](std::string_view& text) -> std::string_view {
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    return line;
  };
  for (std::size_t line = 1; !theirs.empty() || !ours.empty(); ++line) {
    const bool theirs_ended = theirs.empty();
    const bool ours_ended = ours.empty();
    const auto a = next_line(theirs);
    const auto b = next_line(ours);
    if (a == b && theirs_ended == ours_ended) continue;
    return "line " + std::to_string(line) + ": " + std::string(theirs_label) + " '" +
           (theirs_ended ? std::string("<missing>") : std::string(a)) + "', ours '" +
           (ours_ended ? std::string("<missing>") : std::string(b)) + "'";
  }
  return "the texts differ only in their final newline";
}

}  // namespace radosio::test
