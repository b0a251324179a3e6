#!/usr/bin/env bash
# Injected socket failures on every daemon (`ms inject socket failures = 500`: each daemon
# fails about one socket operation in 500, as Ceph's own QA does) under a mixed verifying
# workload: writes, reads, omap, xattrs, listing and watch/notify on a pool of size 2 of a
# private cluster (one monitor, three OSDs). The client must ride through every dropped
# connection (reconnect, resend, re-register its watch): zero bad reads, zero hung ops, and
# afterwards every acknowledged write reads back intact. Prints ops done, the failures the
# daemons injected and what was verified.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"
require_cluster
start_private_cluster --osds 3 --no-mgr
fault_setup fault-sockets

# Standard tier: 20 s in crc mode. --full: the 60 s soak, in secure mode.
seconds=20 mode=crc
if [[ "${1:-}" == --full ]]; then seconds=60 mode=secure; fi
rate=500

pool=fw-sockets
make_pool "$pool" 16 2 1

# At run time, on the daemons only: in ceph.conf the ceph CLI of this script would fail too.
# The daemons' own reconnect backoff (between OSDs: 0.2 s doubling to ms_max_backoff, 15 s)
# is capped at 1 s: a replica connection that failed a few times in a row otherwise holds
# writes for up to 15 s (librados's `rados bench` shows the same 15 s latencies here),
# longer than the workload's 10 s op timeout, and that is the cluster, not the client.
inject() {
  local n
  for n in mon.a osd.0 osd.1 osd.2; do
    timeout 60 ceph tell "$n" injectargs "--ms_inject_socket_failures=$1" --ms_max_backoff=1 >/dev/null 2>&1 ||
      fail "cannot set ms_inject_socket_failures=$1 on $n"
  done
}
# Injected failures so far, from the daemons' logs (Ceph logs each one at level 0).
injected() { cat "$PRIVATE_DIR"/log/{mon,osd}.*.log 2>/dev/null | grep -c 'injecting socket failure' || true; }
before=$(injected)
inject "$rate"
echo "ms_inject_socket_failures = $rate on mon.a, osd.0, osd.1, osd.2"

start_workload --pool "$pool" --seconds "$seconds" -t 16 --objects 200 --op-timeout-ms 10000 --ms-mode "$mode" \
  --mix write=35,read=25,omap=10,xattr=10,list=10,notify=10
finish_workload "$seconds"
during=$(($(injected) - before))
echo "the daemons injected $during socket failures during the run"
((during > 0)) || fail "no socket failure was injected: the test tested nothing"
# Every kind of op must have succeeded many times despite the failures.
json_get "$work/out" 'all(v["ok"] > 0 for v in j["by_kind"].values())' | grep -q true ||
  fail "some kind of op never succeeded: $(json_get "$work/out" 'j["by_kind"]')"

# Verification with the failures still injected: reads must ride through them too.
verify_journal --ms-mode "$mode"
inject 0
echo "PASS: ms_inject_socket_failures=$rate for ${seconds}s ($mode mode): $during failures injected, $(json_get "$work/out" 'j["ok"]') ops ok, $(json_get "$work/out" 'j["failed"]') failed, 0 bad reads, 0 hung, $(json_get "$work/verify" 'j["checked"]') acknowledged objects verified"
