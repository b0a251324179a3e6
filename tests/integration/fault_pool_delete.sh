#!/usr/bin/env bash
# A pool deleted under a running workload: the ops in flight and every later one fail with
# ENOENT as soon as the client's OSDMap says the pool is gone, so the workload
# (--stop-on-enoent-pool) ends within a few seconds of the deletion, with no op hung and no
# bad read before it. Prints ops done before the deletion and how long the end took.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"
require_cluster

pool=$(unique_name it-fault-pooldel)
work=$(mktemp -d /tmp/radosio-fault-pooldel.XXXXXX)
workload_pid=
cleanup() {
  [[ -n "$workload_pid" ]] && kill "$workload_pid" 2>/dev/null || true
  ceph osd pool rm "$pool" "$pool" --yes-i-really-really-mean-it >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
ceph osd pool create "$pool" 16 16 >/dev/null 2>&1 || fail "cannot create pool $pool"
ceph osd pool application enable "$pool" rados >/dev/null 2>&1 || true

fault_workload run --pool "$pool" --seconds 40 -t 16 --objects 200 --op-timeout-ms 10000 --stop-on-enoent-pool \
  --mix write=40,read=30,omap=10,xattr=10,list=10 >"$work/out" 2>"$work/err" &
workload_pid=$!
wait_workload_started "$work/err" 60 "$workload_pid"
sleep 3
deleting=$(now_s)
ceph osd pool rm "$pool" "$pool" --yes-i-really-really-mean-it >/dev/null 2>&1 || fail "cannot delete pool $pool"
echo "deleted pool $pool (the command took $(seconds_since "$deleting")s)"

set +e
wait "$workload_pid"
status=$?
set -e
workload_pid=
took=$(seconds_since "$deleting")
grep -E '^(first|BAD|HUNG|the pool)' "$work/err" || true
[[ -s "$work/out" ]] || { tail -20 "$work/err" >&2; fail "the workload printed no summary (status $status)"; }
print_run "$work/out"
[[ "$(json_get "$work/out" 'j["pool_gone"]')" == true ]] || fail "the workload never saw the pool gone"
[[ "$(json_get "$work/out" 'j["errors"].get("ENOENT", 0) > 0')" == true ]] || fail "no op failed with ENOENT"
[[ "$(json_get "$work/out" 'j["hung_ops"]')" == 0 ]] || fail "ops hung past their timeout"
[[ "$(json_get "$work/out" 'j["bad_reads"]')" == 0 ]] || fail "bad reads"
((status == 0)) || { tail -20 "$work/err" >&2; fail "the workload exited $status"; }
python3 -c "import sys; sys.exit(0 if $took < 10 else 1)" ||
  fail "the workload ended ${took}s after the deletion was asked for (limit 10 s)"
# Errors other than ENOENT would mean ops did not fail for the right reason.
others=$(json_get "$work/out" 'sorted(k for k in j["errors"] if k != "ENOENT")')
[[ "$others" == "[]" ]] || echo "note: errors besides ENOENT: $others"
echo "PASS: pool deleted under load: the workload saw it gone at t=$(json_get "$work/out" 'j["pool_gone_at_s"]')s and ended ${took}s after the deletion was asked for ($(json_get "$work/out" 'j["ok"]') ops ok before, $(json_get "$work/out" 'j["errors"]["ENOENT"]') failed with ENOENT)"
