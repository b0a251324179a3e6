#pragma once
// Reader for Ceph's INI-style configuration files (ceph.conf).
//
// Ceph treats spaces, underscores and dashes in option names as the same character, reads
// '#' and ';' as comment starters, joins lines ending in '\', and lets a value in a more
// specific section ([client.admin]) override [client], which overrides [global]. This reader
// does the same and nothing more: it knows no option names; callers ask for what they need.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace radosio::conf {

class ceph_conf {
 public:
  // Parses text; `source` names it in error messages ("/etc/ceph/ceph.conf").
  static result<ceph_conf> parse(std::string_view text, std::string_view source = "ceph.conf");
  static result<ceph_conf> load(const std::string& path);

  // The value of `option` for `entity` ("client.admin"), looking in [client.admin], then
  // [client], then [global]. Option names are normalised ("mon host" == "mon_host").
  [[nodiscard]] std::optional<std::string> get(std::string_view entity,
                                               std::string_view option) const;
  [[nodiscard]] std::vector<std::string> sections() const;

  // Ceph's form of an option name: lowercase not required, separators become '_'.
  static std::string normalize(std::string_view option);

 private:
  std::map<std::string, std::map<std::string, std::string>> sections_;
};

// Expands Ceph's metavariables in a value: $cluster, $type, $id, $name ("client.admin").
std::string expand_metavariables(std::string_view value, std::string_view entity,
                                 std::string_view cluster = "ceph");

}  // namespace radosio::conf
