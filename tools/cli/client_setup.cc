#include "tools/cli/client_setup.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "auth/keyring.h"
#include "common/conf/ceph_conf.h"
#include "common/error.h"
#include "monclient/mon_host.h"

namespace radosio::cli {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view default_conf = "/etc/ceph/ceph.conf";
constexpr std::string_view default_keyrings =
    "/etc/ceph/$cluster.$name.keyring,/etc/ceph/$cluster.keyring,/etc/ceph/keyring,"
    "/etc/ceph/keyring.bin";

error config_error(std::string message) {
  return error{make_error_code(errc::malformed), std::move(message)};
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text) {
    if (c == ',' || c == ';' || c == ' ' || c == '\t') {
      if (!item.empty()) out.push_back(std::move(item));
      item.clear();
    } else {
      item.push_back(c);
    }
  }
  if (!item.empty()) out.push_back(std::move(item));
  return out;
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

std::optional<std::string> secret_file_warning(std::string_view what, const std::string& path) {
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (ec || !fs::is_regular_file(st)) return std::nullopt;
  const auto perms = st.permissions();
  const bool others = (perms & fs::perms::others_read) != fs::perms::none;
  const bool group = (perms & fs::perms::group_read) != fs::perms::none;
  if (!others && !group) return std::nullopt;
  return fmt::format("warning: {} {} is readable by {} (mode {:04o})", what, path,
                     others ? "others" : "its group", static_cast<unsigned>(perms) & 07777u);
}

result<std::vector<msgr::con_mode>> parse_modes(std::string_view text) {
  using msgr::con_mode;
  if (text == "prefer-crc") return std::vector{con_mode::crc, con_mode::secure};
  if (text == "prefer-secure") return std::vector{con_mode::secure, con_mode::crc};
  std::vector<con_mode> modes;
  for (const auto& word : split_list(text)) {
    if (word == "crc") modes.push_back(con_mode::crc);
    else if (word == "secure") modes.push_back(con_mode::secure);
    else return config_error(fmt::format("unknown connection mode '{}' (crc or secure)", word));
  }
  if (modes.empty()) return config_error("no connection mode given");
  return modes;
}

osdc::objecter_config client_setup::objecter() const {
  osdc::objecter_config c;
  c.modes = osd_modes;
  c.cephx = mon.key.has_value();
  c.name = mon.name;
  c.connect_timeout = mon.connect_timeout;
  c.op_timeout = mon.op_timeout;
  c.log = mon.log;
  return c;
}

result<client_setup> build_client_setup(const global_options& o) {
  client_setup setup;
  auto& mon = setup.mon;

  // Who we are.
  std::string name = o.name;
  if (name.empty() && !o.id.empty()) name = "client." + o.id;
  if (name.empty()) name = env("CEPH_NAME");
  if (name.empty()) name = "client.admin";
  auto parsed_name = entity_name::parse(name);
  if (!parsed_name) return config_error(fmt::format("bad entity name '{}' (expected TYPE.ID, e.g. client.admin)", name));
  mon.name = *parsed_name;
  const std::string entity = mon.name.to_string();

  // ceph.conf: -c, then $CEPH_CONF, then the default path if it exists.
  std::optional<conf::ceph_conf> conf;
  std::string conf_path = o.conf.empty() ? env("CEPH_CONF") : o.conf;
  if (conf_path.empty() && fs::exists(default_conf)) conf_path = default_conf;
  if (!conf_path.empty()) {
    auto loaded = conf::ceph_conf::load(conf_path);
    if (!loaded) return loaded.err();
    conf = std::move(*loaded);
    setup.conf_path = conf_path;
  }
  auto conf_value = [&](std::string_view option) -> std::optional<std::string> {
    if (!conf) return std::nullopt;
    auto v = conf->get(entity, option);
    if (v) *v = conf::expand_metavariables(*v, entity);
    return v;
  };

  // Monitors.
  std::string mon_host = o.mon_host;
  if (mon_host.empty()) mon_host = conf_value("mon host").value_or("");
  if (mon_host.empty()) {
    return config_error(conf_path.empty()
        ? "no monitors: give -m ADDR or a ceph.conf (-c, CEPH_CONF) with 'mon host'"
        : fmt::format("no monitors: {} has no 'mon host' (or give -m ADDR)", conf_path));
  }
  auto mons = mon::parse_mon_host(mon_host);
  if (!mons) return mons.err();
  for (const auto& m : *mons) mon.mon_addrs.push_back(m.addrs);

  // Authentication: none if the cluster says so, else a key from --key, a keyfile, or the
  // first keyring that exists.
  const std::string auth_required = conf_value("auth client required").value_or(
      conf_value("auth supported").value_or("cephx"));
  const bool cephx = auth_required.find("cephx") != std::string::npos;
  if (cephx) {
    if (!o.key.empty()) {
      auto key = auth::parse_key(o.key);
      if (!key) return error{key.err().code, fmt::format("--key: {}", key.err().what())};
      mon.key = *key;
    } else if (auto inline_key = conf_value("key")) {
      auto key = auth::parse_key(*inline_key);
      if (!key) return error{key.err().code, fmt::format("'key' in the configuration: {}", key.err().what())};
      mon.key = *key;
    } else if (auto keyfile = conf_value("keyfile")) {
      auto key = auth::load_keyfile(*keyfile);
      if (!key) return key.err();
      mon.key = *key;
      if (auto w = secret_file_warning("keyfile", *keyfile)) setup.warnings.push_back(std::move(*w));
    } else {
      std::string keyring_list = o.keyring;
      if (keyring_list.empty()) keyring_list = env("CEPH_KEYRING");
      if (keyring_list.empty()) keyring_list = conf_value("keyring").value_or(std::string(default_keyrings));
      keyring_list = conf::expand_metavariables(keyring_list, entity);
      std::vector<std::string> tried;
      for (const auto& path : split_list(keyring_list)) {
        if (!fs::exists(path)) {
          tried.push_back(path);
          continue;
        }
        auto ring = auth::load_keyring(path);
        if (!ring) return ring.err();
        auto key = ring->key_for(mon.name);
        if (!key) return error{key.err().code, fmt::format("{}: {}", path, key.err().what())};
        mon.key = *key;
        if (auto w = secret_file_warning("keyring", path)) setup.warnings.push_back(std::move(*w));
        break;
      }
      if (!mon.key) {
        std::string list;
        for (const auto& t : tried) list += (list.empty() ? "" : ", ") + t;
        return error{std::make_error_code(std::errc::no_such_file_or_directory),
                     fmt::format("no keyring found for {} (looked in: {}); give --keyring or --key",
                                 entity, list)};
      }
    }
  }

  // Connection modes: --ms-mode for everything, else Ceph's per-peer options.
  auto modes_from = [&](std::string_view option, std::string_view fallback) {
    if (!o.ms_mode.empty()) return parse_modes(o.ms_mode);
    return parse_modes(conf_value(option).value_or(std::string(fallback)));
  };
  auto mon_modes = modes_from("ms mon client mode", "secure crc");
  if (!mon_modes) return mon_modes.err();
  mon.modes = *mon_modes;
  auto osd_modes = modes_from("ms client mode", "crc secure");
  if (!osd_modes) return osd_modes.err();
  setup.osd_modes = *osd_modes;

  mon.connect_timeout = std::chrono::milliseconds(static_cast<long>(o.connect_timeout * 1000));
  mon.op_timeout = std::chrono::milliseconds(static_cast<long>(o.op_timeout * 1000));
  mon.attempt_timeout = std::min(mon.attempt_timeout, mon.connect_timeout);

  // OSDs refuse writes larger than osd_max_write_size (MiB): big files go in smaller chunks.
  if (auto v = conf_value("osd max write size")) {
    const auto mib = std::strtoull(v->c_str(), nullptr, 10);
    if (mib > 0) setup.osd_max_write_size = mib << 20;
  }
  return setup;
}

}  // namespace radosio::cli
