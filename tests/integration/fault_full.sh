#!/usr/bin/env bash
# A full cluster and a full pool (private cluster with a mgr, which enforces quotas).
#  1. Cluster full: the full ratios are lowered below what the OSD holds; once the OSD
#     reports itself full and the mon flags the pool, writes fail at once with ENOSPC and
#     "cluster full" (librados would wait forever; we wait only with wait_if_full), reads go
#     on, nothing hangs. With the ratios restored, writes succeed again.
#  2. Pool quota: `ceph osd pool set-quota P max_objects 10`; once the mgr's statistics show
#     the pool over quota (a lag of seconds), writes fail with EDQUOT and "pool full"; with
#     the quota lifted they succeed again.
# Prints what our client said and how long each change took to reach it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"
require_cluster
start_private_cluster --osds 1 --osd-mem 256M
work=$(mktemp -d /tmp/radosio-fault-full.XXXXXX)
cleanup() {
  rm -rf "$work"
  stop_private_cluster
}
trap cleanup EXIT

# pool_flags POOL: the pool's flags as `ceph osd pool ls detail` names them (e.g. "hashpspool,full").
pool_flags() {
  ceph osd pool ls detail -f json 2>/dev/null |
    python3 -c "import json,sys; print(next(p['flags_names'] for p in json.load(sys.stdin) if p['pool_name'] == '$1'))"
}
# wait_flag POOL WORD yes|no LIMIT: waits until the pool's flags include WORD (yes) or not (no).
wait_flag() {
  local start=$SECONDS
  while ((SECONDS - start < $4)); do
    local flags
    flags=$(pool_flags "$1")
    if [[ $3 == yes && ",$flags," == *",$2,"* ]] || [[ $3 == no && ",$flags," != *",$2,"* ]]; then return 0; fi
    sleep 0.5
  done
  return 1
}
# put_until_ok POOL OBJ FILE LIMIT: retries a put until it succeeds; prints the seconds it took.
put_until_ok() {
  local start
  start=$(now_s)
  while ! rados_client -p "$1" --op-timeout 10 put "$2" "$3" 2>/dev/null; do
    python3 -c "import sys; sys.exit(0 if $(now_s) - $start < $4 else 1)" || return 1
    sleep 0.5
  done
  seconds_since "$start"
}

pool=fw-full
make_pool "$pool" 8 1 1
head -c 16M /dev/urandom >"$work/big"
echo "small object" >"$work/small"
rados_client -p "$pool" put big "$work/big" || fail "cannot write the 16 MiB object"
rados_client -p "$pool" put before "$work/small" || fail "cannot write before the fault"

# ---- 1. cluster full ----
ceph osd set-nearfull-ratio 0.01 >/dev/null 2>&1 || fail "cannot set the nearfull ratio"
ceph osd set-backfillfull-ratio 0.02 >/dev/null 2>&1 || fail "cannot set the backfillfull ratio"
ceph osd set-full-ratio 0.03 >/dev/null 2>&1 || fail "cannot set the full ratio"
lowered=$(now_s)
wait_flag "$pool" full yes 60 || fail "the pool was not flagged full within 60 s of lowering the ratios (flags: $(pool_flags "$pool"))"
echo "pool $pool flagged full $(seconds_since "$lowered")s after the ratios were lowered"
expect_failure_within 3 "cluster full" "$RADOS_CLIENT" -p "$pool" --op-timeout 30 put during "$work/small"
rados_client -p "$pool" stat before >/dev/null || fail "a read (stat) failed while the cluster was full"

# A workload against the full cluster: every write fails at once with ENOSPC, reads go on.
fault_workload run --pool "$pool" --seconds 3 -t 8 --objects 50 --no-prefill --op-timeout-ms 10000 \
  --mix write=40,omap=10,xattr=10,read=40 >"$work/out" 2>"$work/err" || {
  tail -20 "$work/err" >&2
  fail "the workload against the full cluster failed"
}
print_run "$work/out"
echo "workload said: $(json_get "$work/out" 'j["first_errors"].get("ENOSPC", "")')"
[[ "$(json_get "$work/out" 'sorted(j["errors"])')" == '["ENOSPC"]' ]] ||
  fail "writes to a full cluster should fail with ENOSPC only: $(json_get "$work/out" 'j["errors"]')"
[[ "$(json_get "$work/out" 'j["by_kind"]["write"]["ok"]')" == 0 ]] || fail "a write succeeded on a full cluster"
[[ "$(json_get "$work/out" 'j["by_kind"]["read"]["ok"] > 0')" == true ]] || fail "no read succeeded on a full cluster"
python3 -c "import sys; sys.exit(0 if $(json_get "$work/out" 'j["max_latency_s"]') < 2 else 1)" ||
  fail "ops on a full cluster took up to $(json_get "$work/out" 'j["max_latency_s"]')s (expected prompt failures)"

ceph osd set-full-ratio 0.95 >/dev/null 2>&1 || fail "cannot restore the full ratio"
ceph osd set-backfillfull-ratio 0.90 >/dev/null 2>&1 || fail "cannot restore the backfillfull ratio"
ceph osd set-nearfull-ratio 0.85 >/dev/null 2>&1 || fail "cannot restore the nearfull ratio"
restored=$(now_s)
took=$(put_until_ok "$pool" after "$work/small" 60) || fail "writes still fail 60 s after the ratios were restored"
echo "cluster full: writes succeed again ${took}s after the ratios were restored"

# ---- 2. pool quota ----
qpool=fw-quota
make_pool "$qpool" 8 1 1
ceph osd pool set-quota "$qpool" max_objects 10 >/dev/null 2>&1 || fail "cannot set the quota"
quota_set=$(now_s)
n=0
said=
while :; do
  n=$((n + 1))
  if ! said=$(rados_client -p "$qpool" --op-timeout 10 put "q-$n" "$work/small" 2>&1); then break; fi
  python3 -c "import sys; sys.exit(0 if $(now_s) - $quota_set < 60 else 1)" ||
    fail "the quota of 10 objects was not enforced within 60 s ($n objects written)"
  ((n < 10)) || sleep 0.5
done
echo "quota enforced $(seconds_since "$quota_set")s after it was set, at object $n; our client said: $said"
[[ "$said" == *"pool full"* && "$said" == *"quota"* && "$said" == *"(122)"* ]] ||
  fail "a write over quota should fail with EDQUOT and 'pool full ... quota': $said"
expect_failure_within 3 "pool full" "$RADOS_CLIENT" -p "$qpool" --op-timeout 30 put over "$work/small"
ceph osd pool set-quota "$qpool" max_objects 0 >/dev/null 2>&1 || fail "cannot lift the quota"
took=$(put_until_ok "$qpool" after "$work/small" 60) || fail "writes still fail 60 s after the quota was lifted"
echo "pool quota: writes succeed again ${took}s after the quota was lifted"
echo "PASS: cluster full (ENOSPC, 'cluster full') and pool quota (EDQUOT, 'pool full') fail writes at once and clear"
