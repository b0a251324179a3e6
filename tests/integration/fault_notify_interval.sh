#!/usr/bin/env bash
# A notify whose PG changes interval while the OSD waits for the watchers' acks: the OSD
# drops its in-progress notifies with the old interval, so the client must send the notify
# again (as librados resends its linger ops) and complete it within its timeout, listing the
# watcher that never acked. Found by fault_osd_kill --full: before the fix such a notify
# failed after its timeout + 10 s with "the OSD never reported the notify complete".
# The interval change: min_size 1 -> 2 on the test's own pool of size 2.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"
require_cluster

pool=$(unique_name it-notify-interval)
work=$(mktemp -d /tmp/radosio-notify-interval.XXXXXX)
watcher_pid=
cleanup() {
  if [[ -n "$watcher_pid" ]]; then
    kill -CONT "$watcher_pid" 2>/dev/null || true
    kill "$watcher_pid" 2>/dev/null || true
  fi
  exec 3>&- 2>/dev/null || true
  ceph osd pool rm "$pool" "$pool" --yes-i-really-really-mean-it >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
ceph osd pool create "$pool" 8 8 >/dev/null 2>&1 || fail "cannot create pool $pool"
ceph osd pool set "$pool" size 2 >/dev/null 2>&1 || fail "cannot set size 2"
ceph osd pool set "$pool" min_size 1 >/dev/null 2>&1 || fail "cannot set min_size 1"
rados -p "$pool" create watched || fail "cannot create the watched object"

# A watcher that will not ack: rados watch, stopped once registered.
# (It watches until its stdin ends: a fifo this script holds open.)
mkfifo "$work/hold"
rados -p "$pool" watch watched >"$work/watch.out" 2>&1 <"$work/hold" &
watcher_pid=$!
exec 3>"$work/hold"
for _ in $(seq 1 60); do
  [[ "$(rados -p "$pool" listwatchers watched 2>/dev/null | wc -l)" == 1 ]] && break
  sleep 0.5
done
[[ "$(rados -p "$pool" listwatchers watched 2>/dev/null | wc -l)" == 1 ]] || fail "the watch never showed up"
kill -STOP "$watcher_pid"

start=$(now_s)
rados_client -v -p "$pool" notify watched "across an interval change" --timeout 6 >"$work/notify.out" 2>"$work/notify.err" &
notifier=$!
sleep 2
ceph osd pool set "$pool" min_size 2 >/dev/null 2>&1 || fail "cannot set min_size 2"
set +e
wait "$notifier"
status=$?
set -e
took=$(seconds_since "$start")
grep -v '^\[debug\]' "$work/notify.err" | grep -i "notify\|error" || true
((status == 0)) || fail "the notify failed after ${took}s: $(grep -v '^\[' "$work/notify.err")"
grep -q "^timeout client\." "$work/notify.out" || fail "the notify did not list the watcher that never acked: $(cat "$work/notify.out")"
python3 -c "import sys; sys.exit(0 if $took < 12 else 1)" || fail "the notify took ${took}s (timeout 6 s)"
grep -q "sending the notify again" "$work/notify.err" ||
  echo "note: the PG did not change interval during the notify (nothing was resent)"
echo "PASS: a notify across an interval change completed in ${took}s (timeout 6 s), listing the silent watcher"
