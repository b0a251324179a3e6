#!/usr/bin/env bash
# OSD backoff, live: a write to a PG that is peered but not active (pool size 4, min_size 4,
# three OSDs) gets MOSDBackoff BLOCK instead of a reply; the client acks it and holds the
# op. When min_size drops to 3 the PG activates, the OSD sends UNBLOCK, and the held write
# is resent and succeeds.
source "$(dirname "$0")/lib.sh"
require_cluster
pool=$(unique_name it-backoff)
work=$(mktemp -d /tmp/radosio-backoff.XXXXXX)
trap 'ceph osd pool rm "$pool" "$pool" --yes-i-really-really-mean-it >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

ceph osd pool create "$pool" 8 8 >/dev/null 2>&1 || fail "cannot create pool $pool"
ceph osd pool set "$pool" size 4 >/dev/null 2>&1 || fail "cannot set size 4"
ceph osd pool set "$pool" min_size 4 >/dev/null 2>&1 || fail "cannot set min_size 4"
sleep 2  # let the PGs peer under the new sizes
echo "held until the PG activates" >"$work/data"
rados_client -v -p "$pool" --op-timeout 120 put held-object "$work/data" >"$work/out" 2>&1 &
writer=$!
for _ in $(seq 1 60); do grep -q "backs off" "$work/out" && break; sleep 0.5; done
grep -q "backs off" "$work/out" || { cat "$work/out" >&2; fail "no BLOCK backoff seen within 30 s"; }
kill -0 "$writer" 2>/dev/null || fail "the write finished while its PG was blocked"

ceph osd pool set "$pool" min_size 3 >/dev/null 2>&1 || fail "cannot set min_size 3"
wait "$writer" || { cat "$work/out" >&2; fail "the held write failed after the PG activated"; }
grep -q "lifts its backoff" "$work/out" || { cat "$work/out" >&2; fail "no UNBLOCK seen"; }
rados -p "$pool" get held-object "$work/back" || fail "rados cannot read the object"
cmp -s "$work/data" "$work/back" || fail "the object differs from what was written"
echo "PASS: BLOCK acked, write held, UNBLOCK honoured, data intact"
