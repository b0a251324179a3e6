#pragma once
// What a client and its ioctx handles share. Not a public header.

#include "monclient/mon_client.h"
#include "osdc/objecter.h"
#include "radosio/client.h"
#include "radosio/ioctx.h"

namespace radosio {

struct client::impl {
  impl(boost::asio::any_io_executor executor, mon::mon_client_config mon_config, osdc::objecter_config osd_config)
      : ex(executor), mon(executor, std::move(mon_config)), objecter(executor, mon, std::move(osd_config)) {}
  boost::asio::any_io_executor ex;
  mon::mon_client mon;
  osdc::objecter objecter;
  bool connected = false;
};

struct ioctx::impl {
  std::shared_ptr<client::impl> owner;
  std::int64_t pool = -1;
  std::string pool_name;
  std::string nspace;
  bool all_namespaces = false;
  std::string locator_key;
  snap_id snap = head_snap;

  // A request addressed to `oid` in this context (pool, namespace, locator key, read snap).
  [[nodiscard]] osdc::op_request request_for(std::string oid) const {
    osdc::op_request req;
    req.pool = pool;
    req.name = std::move(oid);
    req.key = locator_key;
    req.nspace = nspace;
    req.snap = snap;
    return req;
  }
};

}  // namespace radosio
