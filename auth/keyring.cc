#include "auth/keyring.h"

#include <cerrno>
#include <fstream>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "auth/base64.h"
#include "auth/cephx_envelope.h"

namespace radosio::auth {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }
bool is_comment_start(char c) { return c == '#' || c == ';'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// "caps_mon", "caps   mon" and "caps mon" are one field to Ceph.
std::string normalize_field_name(std::string_view raw) {
  std::string out;
  bool pending_space = false;
  for (char c : trim(raw)) {
    if (c == '_' || is_space(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

// Where an error happened, for messages: "path:line".
struct location {
  std::string_view source;
  std::size_t line = 0;
};

error syntax_error(const location& at, std::string_view problem) {
  return make_error(auth_errc::bad_keyring, fmt::format("{}:{}: {}", at.source, at.line, problem));
}

// The value after "=": a double-quoted string (with \" and \\ escapes) or bare text up to
// a comment; either may be followed by a comment.
result<std::string> parse_value(std::string_view raw, const location& at) {
  raw = trim(raw);
  if (raw.empty() || raw.front() != '"') {
    const auto comment = raw.find_first_of("#;");
    return std::string(trim(raw.substr(0, comment)));
  }
  std::string out;
  std::size_t i = 1;
  for (; i < raw.size() && raw[i] != '"'; ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size()) ++i;
    out.push_back(raw[i]);
  }
  if (i == raw.size()) return syntax_error(at, "unterminated quoted value");
  const auto rest = trim(raw.substr(i + 1));
  if (!rest.empty() && !is_comment_start(rest.front()))
    return syntax_error(at, "text after the closing quote");
  return out;
}

// Physical lines joined where one ends in a backslash (Ceph's continuation lines); each
// logical line keeps the number of its first physical line.
struct logical_line {
  std::string text;
  std::size_t number = 0;
};

std::vector<logical_line> split_lines(std::string_view text) {
  std::vector<logical_line> lines;
  bool continuing = false;
  std::size_t number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const bool continues = !line.empty() && line.back() == '\\';
    if (continues) line.remove_suffix(1);
    if (continuing) {
      lines.back().text.append(line);
    } else {
      lines.push_back({std::string(line), number});
    }
    continuing = continues;
  }
  return lines;
}

struct section_state {
  entity_name name;
  keyring_entry entry;
  bool has_key = false;
  location first_line;
};

// Applies one "field = value" line of an entity's section.
std::optional<error> apply_field(section_state& section, const std::string& field,
                                 std::string value, const location& at) {
  if (field == "key") {
    auto key = parse_key(value);
    if (!key)
      return make_error(key.code(), fmt::format("{}:{}: [{}] key: {}", at.source, at.line,
                                                section.name.to_string(), key.err().message));
    section.entry.key = std::move(key.value());
    section.has_key = true;
    return std::nullopt;
  }
  if (field.starts_with("caps ")) {
    section.entry.caps[field.substr(5)] = std::move(value);
    return std::nullopt;
  }
  if (field == "auid") return std::nullopt;  // obsolete; Ceph still accepts it
  return syntax_error(at,
                      fmt::format("unknown field '{}' in [{}]", field, section.name.to_string()));
}

// Keyrings are small; anything past this is not a keyring.
constexpr std::uintmax_t max_file_size = 1 << 20;

result<std::string> read_text_file(const std::filesystem::path& path, std::string_view kind) {
  // A directory opens as a stream and fails only on reading; say so plainly.
  if (std::error_code ignored; std::filesystem::is_directory(path, ignored)) {
    const std::error_code code(EISDIR, std::generic_category());
    return make_error(code, fmt::format("cannot read {} {}: {}", kind, path.string(), code.message()));
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno != 0 ? errno : ENOENT;
    const std::error_code code(err, std::generic_category());
    return make_error(code,
                      fmt::format("cannot open {} {}: {}", kind, path.string(), code.message()));
  }
  std::string text;
  char chunk[4096];
  while (in.read(chunk, sizeof(chunk)) || in.gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_file_size)
      return make_error(errc::length_too_large, fmt::format("{} {} is larger than {} bytes", kind,
                                                            path.string(), max_file_size));
  }
  if (in.bad()) {
    const std::error_code code(errno != 0 ? errno : EIO, std::generic_category());
    return make_error(code, fmt::format("cannot read {} {}: {}", kind, path.string(), code.message()));
  }
  return text;
}

}  // namespace

const keyring_entry* keyring::find(const entity_name& name) const {
  const auto it = entries_.find(name);
  return it == entries_.end() ? nullptr : &it->second;
}

result<crypto_key> keyring::key_for(const entity_name& name) const {
  const auto* entry = find(name);
  if (!entry)
    return make_error(auth_errc::key_not_found,
                      fmt::format("no key for {} in the keyring", name.to_string()));
  return entry->key;
}

result<keyring> parse_keyring(std::string_view text, std::string_view source) {
  std::map<entity_name, section_state> sections;
  section_state* current = nullptr;
  bool in_global = false;
  bool in_section = false;
  for (const auto& line : split_lines(text)) {
    const location at{source, line.number};
    const auto content = trim(line.text);
    if (content.empty() || is_comment_start(content.front())) continue;

    if (content.front() == '[') {
      const auto close = content.find(']');
      if (close == std::string_view::npos) return syntax_error(at, "section header lacks ']'");
      const auto after = trim(content.substr(close + 1));
      if (!after.empty() && !is_comment_start(after.front()))
        return syntax_error(at, "text after the section header");
      const auto name_text = trim(content.substr(1, close - 1));
      in_section = true;
      in_global = name_text == "global";
      current = nullptr;
      if (in_global) continue;
      const auto name = entity_name::parse(name_text);
      // "mon." (the monitors' shared key) is the one entity whose id is empty.
      if (!name || (name->id.empty() && name->type != entity_type::mon))
        return syntax_error(at,
                            fmt::format("[{}] is not an entity name like client.admin", name_text));
      auto [it, inserted] = sections.try_emplace(*name);
      if (inserted) {
        it->second.name = *name;
        it->second.first_line = at;
      }
      current = &it->second;
      continue;
    }

    const auto equals = content.find('=');
    if (equals == std::string_view::npos)
      return syntax_error(at, "expected 'name = value' or a [section]");
    if (!in_section) return syntax_error(at, "field outside any [section]");
    const auto field = normalize_field_name(content.substr(0, equals));
    if (field.empty()) return syntax_error(at, "field with no name");
    auto value = parse_value(content.substr(equals + 1), at);
    if (!value) return value.err();
    if (in_global) continue;
    if (auto problem = apply_field(*current, field, std::move(value.value()), at))
      return std::move(*problem);
  }

  keyring out;
  for (auto& [name, section] : sections) {
    if (!section.has_key)
      return syntax_error(section.first_line,
                          fmt::format("[{}] has no key", section.name.to_string()));
    out.add(name, std::move(section.entry));
  }
  return out;
}

result<keyring> load_keyring(const std::filesystem::path& path) {
  auto text = read_text_file(path, "keyring");
  if (!text) return text.err();
  return parse_keyring(text.value(), path.string());
}

result<crypto_key> parse_key(std::string_view base64_text) {
  auto bytes = base64_decode(trim(base64_text));
  if (!bytes) return bytes.err();
  crypto_key key;
  std::string message;
  if (const auto ec = wire::decode_exact(bytes.value(), key, &message))
    return make_error(auth_errc::bad_key, fmt::format("not an encoded CryptoKey ({})", message));
  if (auto bad = check_cephx_key(key, "the key")) return std::move(*bad);
  return key;
}

result<crypto_key> load_keyfile(const std::filesystem::path& path) {
  auto text = read_text_file(path, "keyfile");
  if (!text) return text.err();
  auto key = parse_key(text.value());
  if (!key)
    return make_error(key.code(), fmt::format("keyfile {}: {}", path.string(), key.err().message));
  return key;
}

std::string key_to_base64(const crypto_key& key) {
  return base64_encode(wire::encode_to_bytes(key));
}

}  // namespace radosio::auth
