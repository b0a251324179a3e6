#!/usr/bin/env bash
# `rados-client osd map` agrees with `ceph osd map` field for field, and `osd map-pgs`
# with osdmaptool on the live map, for a replicated pool with a pg_num that is not a power
# of two, one with pg_num != pgp_num, and an erasure-coded pool; objects with and without
# namespaces and locator keys.
source "$(dirname "$0")/lib.sh"
require_cluster
rep=$(unique_name map-rep); odd=$(unique_name map-odd); ec=$(unique_name map-ec)
profile=$(unique_name prof)
work=$(mktemp -d)
cleanup() {
  for p in "$rep" "$odd" "$ec"; do ceph osd pool rm "$p" "$p" --yes-i-really-really-mean-it >/dev/null 2>&1 || true; done
  ceph osd erasure-code-profile rm "$profile" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

ceph osd pool create "$rep" 12 12 >/dev/null 2>&1
ceph osd pool create "$odd" 16 8 >/dev/null 2>&1
ceph osd erasure-code-profile set "$profile" k=2 m=1 crush-failure-domain=osd >/dev/null
ceph osd pool create "$ec" 8 8 erasure "$profile" >/dev/null 2>&1
for p in "$rep" "$odd" "$ec"; do ceph osd pool application enable "$p" rados >/dev/null 2>&1; done

# Other tests share the cluster and change OSD states, so a mismatch between two answers
# taken at different epochs is not a verdict: ask both again until they agree on the epoch.
compare_object() {  # pool object [namespace] [--locator key]
  local pool=$1 obj=$2 ns=${3:-} key=${4:-}
  local ours theirs verdict attempt
  for attempt in $(seq 1 15); do
    if [[ -n "$key" ]]; then
      ours=$(rados_client osd map "$pool" "$obj" $ns --object-locator "$key" -f json)
      theirs=$(ceph osd map "$pool" "$key" $ns -f json)   # the key replaces the name in the hash
    else
      ours=$(rados_client osd map "$pool" "$obj" $ns -f json)
      theirs=$(ceph osd map "$pool" "$obj" $ns -f json)
    fi
    verdict=$(python3 - "$ours" "$theirs" "$key" <<'PY'
import json, sys
ours, theirs, key = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
fields = ["pool_id", "raw_pgid", "pgid", "up", "up_primary", "acting", "acting_primary"]
if not key:
    fields.append("objname")
bad = [f for f in fields if ours.get(f) != theirs.get(f)]
if not bad:
    print("same")
elif ours["epoch"] == theirs["epoch"]:
    print("differ")
else:
    print("moved")
PY
)
    case "$verdict" in
      same) return 0 ;;
      differ) break ;;
      *) sleep 1 ;;
    esac
  done
  fail "osd map $pool $obj ${ns:+ns=$ns} ${key:+key=$key}: $ours vs $theirs"
}

checked=0
for pool in "$rep" "$odd" "$ec"; do
  for i in $(seq 1 25); do
    compare_object "$pool" "obj-$i-$RANDOM"; checked=$((checked + 1))
  done
  for i in 1 2 3 4 5; do
    compare_object "$pool" "nsobj-$i" "ns$i"; checked=$((checked + 1))
    compare_object "$pool" "keyed-$i" "" "lockey$i"; checked=$((checked + 1))
  done
done
echo "ok: $checked objects map as ceph osd map says"

ceph osd getmap -o "$work/map" >/dev/null 2>&1
for pool in "$rep" "$odd" "$ec"; do
  id=$(ceph osd pool ls detail -f json | python3 -c "import json,sys; print([p['pool_id'] for p in json.load(sys.stdin) if p['pool_name']=='$pool'][0])")
  for flags in "" "--mark-out 1"; do
    osdmaptool "$work/map" $flags --test-map-pgs-dump-all --pool "$id" 2>/dev/null | grep -E "^$id\.[0-9a-f]+ raw" >"$work/theirs"
    rados_client osd map-pgs "$pool" --osdmap "$work/map" $flags >"$work/ours"
    [[ -s "$work/theirs" ]] || fail "osdmaptool printed no PG lines for pool $id"
    diff "$work/ours" "$work/theirs" || fail "osd map-pgs $pool $flags differs from osdmaptool"
  done
done
echo "PASS: osd map and osd map-pgs agree with ceph and osdmaptool"
