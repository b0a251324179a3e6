#!/usr/bin/env bash
# Placement changing under a verifying workload: on a private cluster with a mgr (PG splits
# need one) and three OSDs, a pool of size 2 with 8 PGs takes a mixed workload (writes,
# reads, omap, xattrs, listing, watch/notify). At ~6 s the OSD that is acting primary for the
# most PGs is marked out, at ~14 s back in, and at ~20 s pg_num is raised to 32 (the mgr
# splits the PGs step by step, then moves pgp_num). Every op must be resent to the OSD that
# now holds its PG and succeed: no hung op, no bad read, progress at the end, and afterwards
# every acknowledged write reads back intact. Prints ops done, the splits seen and what was
# verified.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"
require_cluster
start_private_cluster --osds 3
fault_setup fault-remap

# Standard tier: one out/in and one split (8 -> 32 PGs) in a 40 s run. --full: a 90 s run
# in secure mode, out/in twice and splits to 32 and then 64 PGs.
seconds=40 mode=crc rounds=1
if [[ "${1:-}" == --full ]]; then seconds=90 mode=secure rounds=2; fi

pool=fw-remap
make_pool "$pool" 8 2 1
pool_value() { ceph osd pool get "$pool" "$1" -f json | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

start_workload --pool "$pool" --seconds "$seconds" -t 16 --objects 200 --op-timeout-ms 10000 --ms-mode "$mode" \
  --mix write=40,read=25,omap=10,xattr=10,list=5,notify=10

target=8
for ((round = 0; round < rounds; round++)); do
  base=$((round * 45))
  sleep_until $((base + 6))
  victim=$(busiest_primary "$pool")
  [[ -n "$victim" ]] || fail "could not find the busiest primary of $pool"
  ceph osd out "$victim" >/dev/null 2>&1 || fail "ceph osd out $victim failed"
  echo "osd.$victim (acting primary for the most PGs) marked out at t=$(seconds_since "$t0")s"
  sleep_until $((base + 14))
  ceph osd in "$victim" >/dev/null 2>&1 || fail "ceph osd in $victim failed"
  echo "osd.$victim marked in again at t=$(seconds_since "$t0")s"
  sleep_until $((base + 20))
  if ((round == 0)); then target=32; else target=64; fi
  ceph osd pool set "$pool" pg_num "$target" >/dev/null 2>&1 || fail "cannot raise pg_num of $pool to $target"
  echo "pg_num of $pool raised to $target at t=$(seconds_since "$t0")s"
  # Report the split's progress while the workload runs.
  while (($(python3 -c "print(int($(now_s) - $t0))") < base + 38)) && kill -0 "$workload_pid" 2>/dev/null; do
    echo "  t=$(seconds_since "$t0")s pg_num=$(pool_value pg_num) pgp_num=$(pool_value pgp_num)"
    sleep 3
  done
done

finish_workload "$seconds"
pg_num=$(pool_value pg_num)
pgp_num=$(pool_value pgp_num)
echo "after the run: pg_num=$pg_num pgp_num=$pgp_num (asked for $target)"
((pg_num > 8)) || fail "no PG split happened during the run (pg_num is still $pg_num): the test tested nothing"
verify_journal
echo "PASS: OSD out/in and a split to pg_num $pg_num (pgp_num $pgp_num) mid-workload ($mode mode): $(json_get "$work/out" 'j["ok"]') ops ok, $(json_get "$work/out" 'j["failed"]') failed, $(json_get "$work/verify" 'j["checked"]') acknowledged objects verified, longest stall $(json_get "$work/out" 'j["longest_stall_s"]') s"
