#include <fmt/format.h>

#include "auth/keyring.h"
#include "monclient/mon_host.h"
#include "rados/client_impl.h"

namespace radosio {
namespace {

std::vector<msgr::con_mode> to_modes(const std::vector<connection_mode>& modes) {
  std::vector<msgr::con_mode> out;
  for (auto m : modes) out.push_back(m == connection_mode::secure ? msgr::con_mode::secure : msgr::con_mode::crc);
  return out;
}

mon::log_sink to_sink(const log_function& log) {
  if (!log) return {};
  return [log](mon::log_level level, std::string_view text) { log(static_cast<log_level>(level), text); };
}

}  // namespace

result<client> client::create(boost::asio::any_io_executor ex, const client_config& config) {
  mon::mon_client_config mon;
  auto mons = mon::parse_mon_host(config.mon_host);
  if (!mons) return error{mons.err().code, fmt::format("mon_host '{}': {}", config.mon_host, mons.err().what())};
  for (auto& m : *mons) mon.mon_addrs.push_back(std::move(m.addrs));
  auto name = entity_name::parse(config.name);
  if (!name) {
    return error{std::make_error_code(std::errc::invalid_argument),
                 fmt::format("bad entity name '{}' (expected TYPE.ID, e.g. client.admin)", config.name)};
  }
  mon.name = *name;
  if (!config.key.empty()) {
    auto key = auth::parse_key(config.key);
    if (!key) return error{key.err().code, fmt::format("key of {}: {}", config.name, key.err().what())};
    mon.key = *key;
  }
  mon.modes = to_modes(config.mon_modes);
  mon.connect_timeout = config.connect_timeout;
  if (config.op_timeout.count() > 0) mon.op_timeout = config.op_timeout;
  mon.log = to_sink(config.log);

  osdc::objecter_config osd;
  osd.modes = to_modes(config.osd_modes);
  osd.cephx = !config.key.empty();
  osd.name = *name;
  osd.connect_timeout = config.connect_timeout;
  osd.op_timeout = config.op_timeout;
  osd.max_ops_in_flight = config.max_ops_in_flight;
  osd.max_bytes_in_flight = config.max_bytes_in_flight;
  osd.wait_if_full = config.wait_if_full;
  osd.log = mon.log;
  return client(std::move(ex), std::move(mon), std::move(osd));
}

client::client(boost::asio::any_io_executor ex, mon::mon_client_config mon, osdc::objecter_config osd)
    : impl_(std::make_shared<impl>(std::move(ex), std::move(mon), std::move(osd))) {}
client::client(std::shared_ptr<impl> i) : impl_(std::move(i)) {}
client::client(client&&) noexcept = default;
client& client::operator=(client&&) noexcept = default;
client::~client() {
  if (impl_) shutdown();
}

boost::asio::awaitable<status> client::connect() {
  auto s = impl_;
  auto mon_up = co_await s->mon.start();
  if (!mon_up) co_return mon_up;
  auto objecter_up = co_await s->objecter.start();
  if (!objecter_up) co_return objecter_up;
  s->connected = true;
  co_return ok_status();
}

void client::shutdown() {
  impl_->objecter.shutdown();
  impl_->mon.shutdown();
}

boost::asio::awaitable<result<ioctx>> client::open_pool(std::string name) {
  auto s = impl_;
  auto map = s->objecter.map();
  if (!map) co_return error{std::make_error_code(std::errc::not_connected), "the client is not connected"};
  if (map->lookup_pool(name) < 0) {
    // Maybe the pool is younger than our map.
    (void)co_await s->objecter.refresh_map();
    map = s->objecter.map();
  }
  const auto id = map->lookup_pool(name);
  if (id < 0) {
    co_return error{std::make_error_code(std::errc::no_such_file_or_directory),
                    fmt::format("pool '{}' does not exist", name)};
  }
  auto i = std::make_shared<ioctx::impl>();
  i->owner = s;
  i->pool = id;
  i->pool_name = std::move(name);
  co_return ioctx(std::move(i));
}

result<ioctx> client::open_pool(std::int64_t id) {
  auto map = impl_->objecter.map();
  if (!map) return error{std::make_error_code(std::errc::not_connected), "the client is not connected"};
  if (map->pool(id) == nullptr) {
    return error{std::make_error_code(std::errc::no_such_file_or_directory), fmt::format("pool {} does not exist", id)};
  }
  auto i = std::make_shared<ioctx::impl>();
  i->owner = impl_;
  i->pool = id;
  i->pool_name = map->pool_name(id);
  return ioctx(std::move(i));
}

std::vector<pool_info> client::pools() const {
  std::vector<pool_info> out;
  if (auto map = impl_->objecter.map()) {
    for (const auto& [id, name] : map->pool_names()) out.push_back(pool_info{id, name});
  }
  return out;
}

boost::asio::any_io_executor client::get_executor() const { return impl_->ex; }
mon::mon_client& client::monitors() { return impl_->mon; }
osdc::objecter& client::objects() { return impl_->objecter; }

}  // namespace radosio
