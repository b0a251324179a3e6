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
fault_setup fault-kill

# Standard tier: one kill at ~8 s and its restart at ~16 s of a 30 s run. --full (the long
# tier): a 100 s run in secure mode in which that OSD is killed and restarted three times
# (at ~8/16, 38/46 and 68/76 s).
seconds=30 rounds=1 mode=crc
if [[ "${1:-}" == --full ]]; then seconds=100 rounds=3 mode=secure; fi

pool=fw-kill
make_pool "$pool" 16 2 1

start_workload --pool "$pool" --seconds "$seconds" -t 16 --objects 200 --op-timeout-ms 10000 --ms-mode "$mode" \
  --mix write=40,read=30,omap=10,xattr=10,list=5,notify=5

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

# After the restart the workload must make progress again (checked by finish_workload).
finish_workload "$seconds"
verify_journal
echo "PASS: ${victims[*]} killed and restarted mid-workload ($mode mode): $(json_get "$work/out" 'j["ok"]') ops ok, $(json_get "$work/out" 'j["failed"]') failed, $(json_get "$work/verify" 'j["checked"]') acknowledged objects verified, recovery (longest stall) $(json_get "$work/out" 'j["longest_stall_s"]') s"
