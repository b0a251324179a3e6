#!/usr/bin/env bash
# kill -9 of an OSD during a verifying workload, and its restart: on a private cluster of
# three OSDs, a pool of size 2 (min_size 1) takes a 30 s mixed workload (writes, reads,
# omap, xattrs, listing); at ~8 s the OSD that is acting primary for the most PGs is killed
# with -9 (a memstore OSD then comes back empty and refills from its peer), at ~16 s it is
# started again. Every op must end within the op timeout (no hung op), no read may return
# anything but the last acknowledged write (or a later one in doubt), and afterwards every
# acknowledged write must read back intact. Prints ops done, what was verified and the
# longest time without a successful op (the recovery time).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"
require_cluster
start_private_cluster --osds 3 --no-mgr
work=$(mktemp -d /tmp/radosio-fault-kill.XXXXXX)
workload_pid=
cleanup() {
  [[ -n "$workload_pid" ]] && kill "$workload_pid" 2>/dev/null || true
  rm -rf "$work"
  stop_private_cluster
}
trap cleanup EXIT

# Standard tier: one kill at ~8 s and its restart at ~16 s of a 30 s run. --full (the long
# tier): a 100 s run in secure mode in which that OSD is killed and restarted three times
# (at ~8/16, 38/46 and 68/76 s).
seconds=30 rounds=1 mode=crc
if [[ "${1:-}" == --full ]]; then seconds=100 rounds=3 mode=secure; fi

pool=fw-kill
make_pool "$pool" 16 2 1

fault_workload run --pool "$pool" --seconds "$seconds" -t 16 --objects 200 --op-timeout-ms 10000 --ms-mode "$mode" \
  --mix write=40,read=30,omap=10,xattr=10,list=5,notify=5 --journal "$work/journal" >"$work/out" 2>"$work/err" &
workload_pid=$!
wait_workload_started "$work/err" 60 "$workload_pid"
t0=$(now_s)
# Sleeps until $1 seconds into the run.
sleep_until() { sleep "$(python3 -c "print(max(0.0, $1 - ($(now_s) - $t0)))")"; }

victims=()
for ((round = 0; round < rounds; round++)); do
  sleep_until $((8 + 30 * round))
  # Later rounds kill the same OSD again: it may still be refilling, and the other OSDs hold
  # every object (killing one of them could take the last copy: real loss, not our bug).
  if ((round == 0)); then
    victim=$(busiest_primary "$pool")
    [[ -n "$victim" ]] || fail "could not find the busiest primary of $pool"
    echo "osd.$victim is acting primary for the most PGs of $pool"
  fi
  victims+=("osd.$victim")
  pid=$(osd_pid "$victim")
  kill -9 "$pid"
  killed=$(now_s)
  echo "killed osd.$victim (pid $pid) at t=$(seconds_since "$t0" "$killed")s"
  wait_osd "$victim" 0 30 && echo "osd.$victim marked down $(seconds_since "$killed")s after the kill" ||
    echo "note: osd.$victim not marked down within 30 s"

  sleep_until $((16 + 30 * round))
  start_osd "$victim" || fail "cannot restart osd.$victim"
  restarted=$(now_s)
  echo "restarted osd.$victim at t=$(seconds_since "$t0" "$restarted")s"
  wait_osd "$victim" 1 60 || fail "osd.$victim did not come back up within 60 s"
  echo "osd.$victim up again $(seconds_since "$restarted")s after the restart"
done

set +e
wait "$workload_pid"
status=$?
set -e
workload_pid=
grep -E '^(first|BAD|HUNG|the pool)' "$work/err" || true
[[ -s "$work/out" ]] || { tail -20 "$work/err" >&2; fail "the workload printed no summary (status $status)"; }
print_run "$work/out"
[[ "$(json_get "$work/out" 'j["hung_ops"]')" == 0 ]] || fail "ops hung past their timeout"
[[ "$(json_get "$work/out" 'j["bad_reads"]')" == 0 ]] || fail "reads returned data that was never acknowledged"
((status == 0)) || { tail -20 "$work/err" >&2; fail "the workload exited $status"; }
python3 -c "import sys; sys.exit(0 if $(json_get "$work/out" 'j["seconds"]') >= $seconds - 1 else 1)" ||
  fail "the run ended early"
# After the restart the workload must make progress again: some ops succeeded in its last seconds.
grep '^t=' "$work/err" | tail -3 | grep -q 'stall=[0-3]\.' || { tail -5 "$work/err" >&2; fail "no progress at the end of the run"; }

fault_workload verify --pool "$pool" --journal "$work/journal" >"$work/verify" 2>"$work/verify.err" || {
  cat "$work/verify.err" >&2
  fail "verification failed: $(cat "$work/verify")"
}
echo "verify: $(json_get "$work/verify" '"checked={checked} intact={intact} in_doubt={in_doubt} mismatched={mismatched} missing={missing}".format(**j)')"
echo "PASS: ${victims[*]} killed and restarted mid-workload ($mode mode): $(json_get "$work/out" 'j["ok"]') ops ok, $(json_get "$work/out" 'j["failed"]') failed, $(json_get "$work/verify" 'j["checked"]') acknowledged objects verified, recovery (longest stall) $(json_get "$work/out" 'j["longest_stall_s"]') s"
