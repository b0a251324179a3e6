#!/usr/bin/env bash
# Monitors failing under a verifying workload: on a private cluster of three monitors and
# three OSDs, a pool of size 2 takes a mixed workload (writes, reads, omap, xattrs, listing,
# watch/notify). At ~5 s the monitor the client is talking to is restarted (TERM, start
# again); at ~15 s the monitor it is talking to then is killed with -9 and stays down for
# 15 s; while it is down the OSDMap changes twice. The client must hunt to a live monitor,
# resubscribe (it ends holding the changed OSDMap) and the workload must finish with no hung
# op and no bad read; afterwards every acknowledged write reads back intact. Prints ops done,
# what was verified and how long each hunt took.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"
require_cluster
start_private_cluster --mons 3 --osds 3 --no-mgr
fault_setup fault-mon

# Standard tier: one restart and one kill in a 40 s run. --full: a 120 s run in secure mode
# with the same pair of faults three times.
seconds=40 rounds=1 mode=crc
if [[ "${1:-}" == --full ]]; then seconds=120 rounds=3 mode=secure; fi

pool=fw-mon
make_pool "$pool" 16 2 1

start_workload --pool "$pool" --seconds "$seconds" -t 16 --objects 200 --op-timeout-ms 10000 --ms-mode "$mode" \
  --mix write=40,read=25,omap=10,xattr=10,list=5,notify=10

# The monitor (a, b or c) of the workload's current session, from its "mon: session" lines.
session_mon() {
  local peer port
  peer=$(grep '^mon: session' "$work/err" | tail -1 | awk '{ print $3 }')
  [[ -n "$peer" && "$peer" != lost ]] || return 1
  port=$(sed -n 's/.*:\([0-9][0-9]*\).*/\1/p' <<<"$peer" | head -1)
  ceph mon dump -f json 2>/dev/null | python3 -c "
import json, sys
for m in json.load(sys.stdin)['mons']:
    if any(a['addr'].endswith(':$port') for a in m['public_addrs']['addrvec']):
        print(m['name'])"
}
mon_pidfile() { echo "$PRIVATE_DIR/run/mon.$1.pid"; }
start_mon() { ceph-mon -i "$1" -c "$CEPH_CONF" || fail "cannot start mon.$1"; }
# Seconds from the fault at $1 (seconds since t0) until the workload reported a session to a
# monitor other than $2 (mon name) or, for a restart, any new session line after $1.
hunt_time() {
  local at=$1
  python3 - "$work/err" "$at" <<'EOF'
import re, sys
at = float(sys.argv[2])
for line in open(sys.argv[1]):
    m = re.match(r"mon: session (\S+) at t=([0-9.]+)s", line)
    if m and m.group(1) != "lost" and float(m.group(2)) > at:
        print(f"{float(m.group(2)) - at:.1f}")
        break
else:
    print("none")
EOF
}

faults=()
epoch_needed=0
for ((round = 0; round < rounds; round++)); do
  base=$((round * 40))
  # 1. A clean restart of the session's monitor.
  sleep_until $((base + 5))
  victim=$(session_mon) || fail "the workload reports no monitor session at t=$((base + 5))s"
  at=$(seconds_since "$t0")
  kill -TERM "$(cat "$(mon_pidfile "$victim")")"
  while kill -0 "$(cat "$(mon_pidfile "$victim")" 2>/dev/null)" 2>/dev/null; do sleep 0.2; done
  start_mon "$victim"
  echo "restarted mon.$victim (the client's monitor) at t=${at}s"
  faults+=("restart:mon.$victim:$at")
  wait_quorum 60 3 || fail "the monitors did not regain a quorum of 3 within 60 s of the restart"

  # 2. kill -9 of the monitor the client is on now; the OSDMap changes while it is down.
  sleep_until $((base + 15))
  victim=$(session_mon) || fail "the workload reports no monitor session at t=$((base + 15))s"
  at=$(seconds_since "$t0")
  kill -9 "$(cat "$(mon_pidfile "$victim")")"
  echo "killed mon.$victim (the client's monitor) with -9 at t=${at}s"
  faults+=("kill:mon.$victim:$at")
  sleep_until $((base + 22))
  ceph osd set noscrub >/dev/null 2>&1 || fail "ceph osd set noscrub failed with mon.$victim down"
  ceph osd unset noscrub >/dev/null 2>&1 || fail "ceph osd unset noscrub failed with mon.$victim down"
  epoch_needed=$(ceph osd dump -f json | python3 -c 'import json,sys; print(json.load(sys.stdin)["epoch"])')
  echo "OSDMap epoch $epoch_needed made with mon.$victim down"
  sleep_until $((base + 30))
  start_mon "$victim"
  wait_quorum 60 3 || fail "mon.$victim did not rejoin the quorum within 60 s"
  echo "mon.$victim back in the quorum at t=$(seconds_since "$t0")s"
done

finish_workload "$seconds" '^(first|BAD|HUNG|fault_workload:|mon:)'
reconnects=$(json_get "$work/out" 'j["mon_reconnects"]')
((reconnects >= 2 * rounds)) || fail "the client opened $reconnects new monitor sessions; each restart and kill should have cost one"
held=$(json_get "$work/out" 'j["osdmap_epoch"]')
((held >= epoch_needed)) || fail "the client holds OSDMap epoch $held, older than $epoch_needed made while its monitor was down: it did not resubscribe"
hunts=()
for f in "${faults[@]}"; do
  IFS=: read -r what who at <<<"$f"
  took=$(hunt_time "$at")
  [[ "$took" != none ]] || fail "no new monitor session after the $what of $who at t=${at}s"
  hunts+=("$what $who: new session after ${took}s")
  echo "$what of $who at t=${at}s: new monitor session after ${took}s"
done

verify_journal
echo "PASS: monitors restarted and killed mid-workload ($mode mode): $(json_get "$work/out" 'j["ok"]') ops ok, $(json_get "$work/out" 'j["failed"]') failed, $reconnects monitor re-connections, OSDMap $held >= $epoch_needed, $(json_get "$work/verify" 'j["checked"]') acknowledged objects verified, longest stall $(json_get "$work/out" 'j["longest_stall_s"]') s; ${hunts[*]}"
