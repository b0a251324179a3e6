#!/usr/bin/env bash
# A 3-monitor cluster keeps answering lspools and mon-command with any one monitor killed.
source "$(dirname "$0")/lib.sh"
require_cluster
start_private_cluster --mons 3 --osds 1 --no-mgr

for victim in a b c; do
  pidfile="$PRIVATE_DIR/run/mon.$victim.pid"
  [[ -f "$pidfile" ]] || fail "no pid file for mon.$victim"
  kill -9 "$(cat "$pidfile")"
  for round in 1 2 3; do
    rados_client --connect-timeout 8 lspools >/dev/null || fail "lspools failed with mon.$victim down"
    rados_client --connect-timeout 8 mon-command '{"prefix":"osd dump","format":"json"}' >/dev/null ||
      fail "mon-command failed with mon.$victim down"
  done
  echo "ok: answers with mon.$victim killed"
  # Bring it back before killing the next one, so that two are never down at once.
  ceph-mon -i "$victim" -c "$CEPH_CONF" || fail "could not restart mon.$victim"
  wait_quorum 60 3 || fail "mon.$victim did not rejoin the quorum within 60 s of its restart"
done
# A monitor that hangs (SIGSTOP) rather than dies: connections to it are accepted by the
# kernel but never answered, so the client must give up on it (attempt timeout) and hunt on.
victim=b
kill -STOP "$(cat "$PRIVATE_DIR/run/mon.$victim.pid")"
for round in 1 2 3 4; do
  rados_client --connect-timeout 15 lspools >/dev/null || fail "lspools failed with mon.$victim hung"
done
kill -CONT "$(cat "$PRIVATE_DIR/run/mon.$victim.pid")"
echo "ok: answers with mon.$victim hung"
echo "PASS: monitor failover"
