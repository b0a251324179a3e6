#!/usr/bin/env bash
# Watch/notify between rados-client and rados, both ways, and a watch that survives a clean
# restart of the OSD holding the object (kill -TERM, then start it again): the client
# re-registers the watch with the new primary and again after the OSD is back, and notifies
# keep reaching it. Restarts an OSD of the shared cluster: run alone.
source "$(dirname "$0")/lib.sh"
require_cluster
cluster_dir=$(dirname "$CEPH_CONF")

pool=$(unique_name it-watch)
work=$(mktemp -d /tmp/radosio-watch.XXXXXX)
watcher_pid=
cleanup() {
  [[ -n "$watcher_pid" ]] && kill "$watcher_pid" 2>/dev/null || true
  ceph osd pool rm "$pool" "$pool" --yes-i-really-really-mean-it >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
ceph osd pool create "$pool" 8 8 >/dev/null 2>&1 || fail "cannot create pool $pool"
# Two copies, so the object stays available while one OSD restarts.
ceph osd pool set "$pool" size 2 >/dev/null 2>&1 || fail "cannot set size 2"
ceph osd pool set "$pool" min_size 1 >/dev/null 2>&1 || true
rados -p "$pool" create watched || fail "cannot create the watched object"

rados_client -p "$pool" watch watched --duration 240 >"$work/watch.out" 2>&1 &
watcher_pid=$!

# Waits until listwatchers shows exactly $1 watchers of `watched`.
wait_watchers() {
  for _ in $(seq 1 120); do
    [[ "$(rados -p "$pool" listwatchers watched 2>/dev/null | wc -l)" == "$1" ]] && return 0
    sleep 0.5
  done
  return 1
}
wait_watchers 1 || fail "our watch never showed up in rados listwatchers"
diff <(rados_client -p "$pool" listwatchers watched) <(rados -p "$pool" listwatchers watched) >/dev/null 2>&1 ||
  echo "note: listwatchers output differs (checked by the parity test)"

# rados notifies, our watcher acks with the payload (rados prints the reply).
out=$(rados -p "$pool" notify watched "first message") || fail "rados notify failed"
[[ "$out" == *"reply client."*": 17 bytes"* ]] || fail "no ack from our watcher: $out"
grep -q "NOTIFY cookie" "$work/watch.out" || fail "our watcher printed no NOTIFY"

# We notify a rados watcher.
(sleep 30 | rados -p "$pool" watch watched >"$work/rados-watch.out" 2>&1) &
rados_watch=$!
wait_watchers 2 || fail "rados's watch never showed up"
out=$(rados_client -p "$pool" notify watched "to both") || fail "our notify failed"
[[ $(grep -c "reply client." <<<"$out") == 2 ]] || fail "expected two acks to our notify: $out"
kill "$rados_watch" 2>/dev/null || true
wait "$rados_watch" 2>/dev/null || true
wait_watchers 1 || fail "rados's watch did not go away"

# Restart the primary OSD of the object cleanly.
primary=$(ceph osd map "$pool" watched -f json | python3 -c 'import json,sys; print(json.load(sys.stdin)["acting_primary"])')
pid=$(cat "$cluster_dir/run/osd.$primary.pid")
kill -TERM "$pid"
for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
! kill -0 "$pid" 2>/dev/null || fail "osd.$primary did not stop"
for _ in $(seq 1 60); do
  ceph osd dump -f json | python3 -c "import json,sys; sys.exit(0 if any(o['osd']==$primary and o['up']==0 for o in json.load(sys.stdin)['osds']) else 1)" && break
  sleep 0.5
done
wait_watchers 1 || fail "the watch was not re-registered while osd.$primary was down"
out=$(rados -p "$pool" notify watched "while down") || fail "notify with osd.$primary down failed"
[[ "$out" == *"reply client."* ]] || fail "our watcher missed the notify while osd.$primary was down: $out"

# The OSD finds its own keyring through ceph.conf; CEPH_KEYRING (the admin key) would override it.
env -u CEPH_KEYRING ceph-osd -c "$CEPH_CONF" -i "$primary" 2>/dev/null || fail "cannot restart osd.$primary"
for _ in $(seq 1 120); do
  ceph osd dump -f json | python3 -c "import json,sys; sys.exit(0 if any(o['osd']==$primary and o['up']==1 for o in json.load(sys.stdin)['osds']) else 1)" && break
  sleep 0.5
done
# Let peering settle, then the watch must be on the (returned) primary.
for _ in $(seq 1 120); do
  ceph pg stat 2>/dev/null | grep -q 'peering\|activating\|unknown' || break
  sleep 0.5
done
wait_watchers 1 || fail "the watch was not re-registered after osd.$primary came back"
out=$(rados -p "$pool" notify watched "after restart") || fail "notify after the restart failed"
[[ "$out" == *"reply client."* ]] || fail "our watcher missed the notify after the restart: $out"
[[ $(grep -c "NOTIFY cookie" "$work/watch.out") -ge 4 ]] || fail "our watcher saw $(grep -c "NOTIFY cookie" "$work/watch.out") notifies, expected 4"
# A missing pool: rados's line and exit status, for watch and notify alike.
for cmd in "watch obj --duration 1" "notify obj hi"; do
  set +e
  # (librados may add stray monclient lines on stderr: compare the error line itself)
  # (with pipefail, a status is the client's when it fails and grep found the line)
  ours=$(rados_client -p no-such-pool-$$ $cmd 2>&1 | grep "error opening pool"); ours_status=$?
  theirs=$(rados -p no-such-pool-$$ ${cmd% --duration 1} 2>&1 </dev/null | grep "error opening pool")
  theirs_status=$?
  set -e
  [[ -n "$ours" && $ours_status -eq $theirs_status && "$ours" == "$theirs" ]] ||
    fail "$cmd on a missing pool: ours ($ours_status) '$ours', rados ($theirs_status) '$theirs'"
done
echo "PASS: watch/notify both ways and across a restart of osd.$primary"
