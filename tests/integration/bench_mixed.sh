#!/usr/bin/env bash
# `rados-client bench SECONDS mixed` on a pool of its own: a short run of every op kind (text
# and -f json) exits 0, does each op with a weight, reports what it did under the documented
# lines and keys, and leaves the pool empty; a bad --mix is a usage error (exit 1, a message
# that names the problem) that touches nothing.
source "$(dirname "$0")/lib.sh"
require_cluster

pool=$(unique_name it-bench-mixed)
work=$(mktemp -d /tmp/radosio-bench-mixed.XXXXXX)
trap 'ceph osd pool rm "$pool" "$pool" --yes-i-really-really-mean-it >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
ceph osd pool create "$pool" 8 8 >/dev/null 2>&1 || fail "cannot create pool $pool"

pool_is_empty() {
  local left
  left=$(rados_client -p "$pool" ls) || fail "ls of $pool failed"
  [[ -z "$left" ]] || fail "$1 left objects in $pool: $(head -3 <<<"$left")"
}

# ---- text, the default mix: every op kind runs ----
rados_client -p "$pool" bench 3 mixed --objects 50 -b 4096 -t 4 >"$work/text" 2>"$work/text.err" ||
  fail "bench 3 mixed exited $?: $(cat "$work/text.err")"
grep -qx "Prefilling 50 objects of 4096 bytes ..." "$work/text" || fail "no prefill line: $(head -3 "$work/text")"
grep -q "^  sec Cur ops   started  finished" "$work/text" || fail "no status table"
grep -Eq "^Total time run: +[0-9.]+$" "$work/text" || fail "no 'Total time run:'"
total=$(sed -n 's/^Total ops made: *\([0-9]*\)$/\1/p' "$work/text")
[[ "${total:-0}" -gt 0 ]] || fail "'Total ops made:' missing or 0"
sum=0
for op in put get stat delete list; do
  line=$(grep -E "^$op: [0-9]+ ops, [0-9]+ misses, avg/p50/p99/max latency \(s\): [0-9.e-]+/[0-9.e-]+/[0-9.e-]+/[0-9.e-]+$" \
    "$work/text") || fail "no summary line for $op: $(grep "^$op:" "$work/text")"
  count=$(sed 's/^[a-z]*: \([0-9]*\) ops.*/\1/' <<<"$line")
  [[ "$count" -gt 0 ]] || fail "$op has weight > 0 but made no op: $line"
  sum=$((sum + count))
done
[[ "$sum" -eq "$total" ]] || fail "the op counts add up to $sum, 'Total ops made:' says $total"
for label in p50 p90 p99 p99.9 max; do
  grep -Eq "^Latency $label\(s\): +[0-9.e-]+$" "$work/text" || fail "no 'Latency $label(s):' line"
done
grep -qx "Removed 50 objects" "$work/text" || fail "no 'Removed 50 objects' line"
pool_is_empty "bench mixed (text)"
echo "ok: text run, $total ops: $(grep -E '^(put|get|stat|delete|list):' "$work/text" | cut -d, -f1 | tr '\n' ' ')"

# ---- -f json, a mix without stats and deletes: only the weighted ops, JSON only on stdout ----
rados_client -p "$pool" bench 3 mixed --objects 50 -b 4096 -t 4 --mix "put=2, get=2 ,list=1" -f json \
  >"$work/json" 2>"$work/json.err" || fail "bench 3 mixed -f json exited $?: $(cat "$work/json.err")"
python3 - "$work/json" <<'PY' || fail "JSON output is not what it should be: $(head -c 400 "$work/json")"
import json, sys
j = json.load(open(sys.argv[1]))
for k in ("datas", "total_time_run", "total_ops_made", "ops", "latency_percentiles"):
    assert k in j, f"missing key {k}"
assert isinstance(j["datas"], list) and j["datas"], "datas is empty"
assert isinstance(j["total_time_run"], str) and float(j["total_time_run"]) > 0
total = int(j["total_ops_made"])
assert set(j["ops"]) == {"put", "get", "list"}, f"ops: {sorted(j['ops'])}"
fields = ("count", "misses", "average_latency", "p50", "p90", "p99", "p99.9", "max")
for name, o in j["ops"].items():
    assert tuple(o) == fields, f"{name}: keys {list(o)}"
    assert all(isinstance(v, str) for v in o.values()), f"{name}: values must be strings"
    assert int(o["count"]) > 0, f"{name}: no op made"
    assert int(o["misses"]) == 0, f"{name}: misses without deletes"
    assert float(o["max"]) >= float(o["p50"]) > 0, f"{name}: max {o['max']} p50 {o['p50']}"
assert sum(int(o["count"]) for o in j["ops"].values()) == total, "op counts do not add up"
assert set(j["latency_percentiles"]) == {"p50", "p90", "p99", "p99.9", "max"}
PY
pool_is_empty "bench mixed (json)"
echo "ok: json run, $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total_ops_made"])' "$work/json") ops"

# ---- usage errors: exit 1, a message naming the problem, nothing written ----
bad_mix() {
  local mix=$1 expected=$2 status
  set +e
  rados_client -p "$pool" bench 1 mixed --objects 5 -b 4096 --mix "$mix" >"$work/bad.out" 2>"$work/bad.err"
  status=$?
  set -e
  [[ $status -eq 1 ]] || fail "--mix '$mix' exited $status, expected 1"
  grep -qF -- "$expected" "$work/bad.err" || fail "--mix '$mix' said '$(cat "$work/bad.err")', expected '$expected'"
  [[ ! -s "$work/bad.out" ]] || fail "--mix '$mix' printed on stdout: $(cat "$work/bad.out")"
  echo "ok: --mix '$mix': $(head -1 "$work/bad.err")"
}
bad_mix "put=40,frob=10" "unknown op 'frob'"
bad_mix "put=0,get=0" "no op has a positive weight"
bad_mix "get=1,get=2" "'get' is given more than once"
pool_is_empty "the refused runs"

echo "PASS: bench mixed"
