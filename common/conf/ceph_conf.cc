#include "common/conf/ceph_conf.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "common/error.h"

namespace radosio::conf {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

// Drops a trailing comment that is not inside quotes.
std::string_view strip_comment(std::string_view line) {
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (!quoted && (line[i] == '#' || line[i] == ';')) return line.substr(0, i);
  }
  return line;
}

std::string unquote(std::string_view value) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
    value = value.substr(1, value.size() - 2);
  return std::string(value);
}

}  // namespace

std::string ceph_conf::normalize(std::string_view option) {
  std::string out;
  bool pending_separator = false;
  for (char c : trim(option)) {
    if (c == ' ' || c == '_' || c == '-' || c == '\t') {
      pending_separator = !out.empty();
      continue;
    }
    if (pending_separator) out.push_back('_');
    pending_separator = false;
    out.push_back(c);
  }
  return out;
}

result<ceph_conf> ceph_conf::parse(std::string_view text, std::string_view source) {
  ceph_conf conf;
  std::string section = "global";
  std::string pending;  // a line continued with a trailing backslash
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (!raw.empty() && raw.back() == '\\') {
      pending.append(raw.substr(0, raw.size() - 1));
      continue;
    }
    std::string joined = pending + std::string(raw);
    pending.clear();
    const auto line = trim(strip_comment(joined));
    if (line.empty()) continue;
    if (line.front() == '[') {
      if (line.back() != ']') {
        return error{make_error_code(errc::malformed),
                     fmt::format("{}:{}: section header without ']': {}", source, line_no, line)};
      }
      section = std::string(trim(line.substr(1, line.size() - 2)));
      conf.sections_[section];
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) {
      return error{make_error_code(errc::malformed),
                   fmt::format("{}:{}: expected 'option = value', got: {}", source, line_no, line)};
    }
    const auto key = normalize(line.substr(0, eq));
    if (key.empty()) {
      return error{make_error_code(errc::malformed),
                   fmt::format("{}:{}: option name missing before '='", source, line_no)};
    }
    conf.sections_[section][key] = unquote(trim(line.substr(eq + 1)));
    if (pos > text.size()) break;
  }
  return conf;
}

result<ceph_conf> ceph_conf::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    const auto ec = std::error_code(errno, std::generic_category());
    return error{ec, fmt::format("cannot read config file {}: {}", path, ec.message())};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

std::optional<std::string> ceph_conf::get(std::string_view entity, std::string_view option) const {
  const auto key = normalize(option);
  const auto dot = entity.find('.');
  const std::string type(entity.substr(0, dot));
  for (const std::string& section : {std::string(entity), type, std::string("global")}) {
    const auto s = sections_.find(section);
    if (s == sections_.end()) continue;
    const auto v = s->second.find(key);
    if (v != s->second.end()) return v->second;
  }
  return std::nullopt;
}

std::vector<std::string> ceph_conf::sections() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : sections_) out.push_back(name);
  return out;
}

std::string expand_metavariables(std::string_view value, std::string_view entity,
                                 std::string_view cluster) {
  const auto dot = entity.find('.');
  const std::string_view type = entity.substr(0, dot);
  const std::string_view id = dot == std::string_view::npos ? "" : entity.substr(dot + 1);
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '$') {
      out.push_back(value[i]);
      continue;
    }
    auto starts = [&](std::string_view word) { return value.substr(i + 1, word.size()) == word; };
    if (starts("cluster")) { out += cluster; i += 7; }
    else if (starts("name")) { out += entity; i += 4; }
    else if (starts("type")) { out += type; i += 4; }
    else if (starts("id")) { out += id; i += 2; }
    else out.push_back('$');
  }
  return out;
}

}  // namespace radosio::conf
