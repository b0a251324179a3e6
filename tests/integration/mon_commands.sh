#!/usr/bin/env bash
# rados-client's monitor commands against the real cluster, in the given connection mode
# (crc or secure): lspools equals `rados lspools`, mkpool/rmpool are seen by `ceph osd pool
# ls`, mon-command equals `ceph`, and status/df answer (with JSON that parses).
source "$(dirname "$0")/lib.sh"
require_cluster
mode=${1:?usage: mon_commands.sh crc|secure}
rc() { rados_client --ms-mode "$mode" "$@"; }

pool=$(unique_name it-pool)
trap 'ceph osd pool rm "$pool" "$pool" --yes-i-really-really-mean-it >/dev/null 2>&1 || true' EXIT

# Other tests create and remove pools on the shared cluster at the same time, so a listing
# may change between our call and rados's: each comparison is retried a few times.
eventually() {
  local attempt
  for attempt in 1 2 3 4 5; do
    "$@" && return 0
    sleep 1
  done
  return 1
}
same_as_rados() { diff <(rc lspools) <(rados lspools) >/dev/null; }
json_count_matches() {
  [[ "$(rc lspools -f json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" == \
     "$(rados lspools | wc -l)" ]]
}

eventually same_as_rados || fail "lspools differs from rados lspools"

rc mkpool "$pool" 8 2>/dev/null || fail "mkpool $pool failed"
ceph osd pool ls | grep -qx "$pool" || fail "ceph osd pool ls does not show $pool after mkpool"
eventually same_as_rados || fail "lspools differs from rados lspools after mkpool"
eventually json_count_matches || fail "lspools -f json lists a different number of pools"

# Errors read like ceph's: deleting without confirmation is refused by the monitor.
set +e
out=$(rc rmpool "$pool" 2>&1); status=$?
set -e
[[ $status -ne 0 && "$out" == *"Error EPERM"* ]] || fail "unconfirmed rmpool: status $status, '$out'"
rc rmpool "$pool" "$pool" --yes-i-really-really-mean-it 2>/dev/null || fail "rmpool failed"
! ceph osd pool ls | grep -qx "$pool" || fail "ceph osd pool ls still shows $pool after rmpool"

# mon-command equals ceph's own output (the epoch aside; retried if the map moved between).
same=0
for attempt in 1 2 3; do
  if python3 - "$RADOSIO_BIN_DIR/rados-client" "$mode" <<'PY'
import json, subprocess, sys
ours = json.loads(subprocess.check_output([sys.argv[1], "--ms-mode", sys.argv[2], "mon-command",
                                           '{"prefix":"osd dump","format":"json"}']))
theirs = json.loads(subprocess.check_output(["ceph", "osd", "dump", "-f", "json"]))
ours.pop("epoch"); theirs.pop("epoch")
sys.exit(0 if ours == theirs else 1)
PY
  then same=1; break; fi
  sleep 1
done
((same)) || fail "mon-command osd dump differs from ceph osd dump -f json"

rc status | grep -q "health: HEALTH_" || fail "status shows no health line"
rc status -f json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["osds"]["up"] >= 1, d'
rc df | grep -q "^POOL_NAME" || fail "df shows no table"
rc df -f json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["total_space"] > 0, d'
echo "PASS: monitor commands in $mode mode"
