#!/usr/bin/env bash
# `rados-client bench|cleanup|bench-hist` as a drop-in for Ceph 16.2.15's `rados bench`, in the
# given connection mode (crc or secure), on a pool of its own:
#   - each tool reads (seq, rand; contents verified, a corrupted object caught by both) and
#     cleans up what the other wrote, with the run's metadata or by name prefix without it;
#   - a script written for rados bench's output parses ours: the same summary labels in the
#     same order and columns, the same table header, every JSON key rados prints;
#   - --run-name, --max-objects with -O, and the errors (no prior write, bad mode, no pool);
#   - ours alone: --hist-out and bench-hist, --rate, the refusal to fill the cluster.
# About 40 s a mode.
source "$(dirname "$0")/lib.sh"
require_cluster
mode=${1:?usage: bench_compat.sh crc|secure}
rc() { timeout 60 "$RADOS_CLIENT" --ms-mode "$mode" "$@"; }
rados_() { timeout 60 rados "$@"; }

pool=$(unique_name it-bench)
work=$(mktemp -d /tmp/radosio-bench.XXXXXX)
trap 'ceph osd pool rm "$pool" "$pool" --yes-i-really-really-mean-it >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
ceph osd pool create "$pool" 8 8 >/dev/null 2>&1 || fail "cannot create pool $pool"
ceph osd pool set "$pool" size 1 --yes-i-really-mean-it >/dev/null 2>&1 || fail "cannot set size 1 on $pool"

# The value after "LABEL:" in a bench summary, as a script would take it.
value_of() { sed -n "s/^$2: *//p" "$1" | head -1; }
object_count() { rados -p "$pool" ls | wc -l; }
expect_empty_pool() {
  local n
  n=$(object_count)
  [[ "$n" == 0 ]] || fail "$1: $n object(s) left in the pool: $(rados -p "$pool" ls | head -5 | tr '\n' ' ')"
}
# Runs a command, keeping its output in $work/NAME.out and .err; fails unless it exits 0.
run_ok() {
  local name=$1
  shift
  "$@" >"$work/$name.out" 2>"$work/$name.err" || fail "'$*' exited $?: $(tail -3 "$work/$name.err")"
}
no_verify_errors() {
  ! grep -q "is not correct" "$work/$1.err" || fail "$1: reads did not verify: $(grep -m3 'is not correct' "$work/$1.err")"
}

# ---- ours -> rados: rados bench seq and rand read (and verify) what we wrote, rados cleans up
run_ok our-write rc -p "$pool" bench 2 write -b 4096 -t 8 --no-cleanup
writes=$(value_of "$work/our-write.out" "Total writes made")
((writes > 0)) || fail "our write run made no writes: $(cat "$work/our-write.out")"
[[ $(object_count) == $((writes + 1)) ]] || fail "$writes writes of whole objects should leave $((writes + 1)) objects, not $(object_count)"
for m in seq rand; do
  run_ok "rados-$m" rados_ -p "$pool" bench 2 "$m" -t 8
  no_verify_errors "rados-$m"
  reads=$(value_of "$work/rados-$m.out" "Total reads made")
  ((reads > 0)) || fail "rados bench $m read nothing of ours"
done
run_ok rados-cleanup rados_ -p "$pool" cleanup
grep -qx "Removed $writes objects" "$work/rados-cleanup.out" || fail "rados cleanup: $(cat "$work/rados-cleanup.out"), expected $writes"
expect_empty_pool "rados cleanup of our run"
echo "ok: rados bench seq/rand read our $writes writes; rados cleanup removed them"

# ---- rados -> ours: two writes per object (-O 8192); our seq and rand read them, our cleanup removes them
run_ok rados-write rados_ -p "$pool" bench 2 write -b 4096 -O 8192 -t 8 --no-cleanup
writes=$(value_of "$work/rados-write.out" "Total writes made")
((writes > 0)) || fail "rados bench write made no writes"
objects=$(((writes + 1) / 2))
for m in seq rand; do
  run_ok "our-$m" rc -p "$pool" bench 2 "$m" -t 8
  no_verify_errors "our-$m"
  reads=$(value_of "$work/our-$m.out" "Total reads made")
  ((reads > 0)) || fail "our $m read nothing of rados's: $(cat "$work/our-$m.out")"
  [[ $(value_of "$work/our-$m.out" "Read size") == 4096 ]] || fail "our $m: read size is not rados's op size"
  [[ $(value_of "$work/our-$m.out" "Object size") == 8192 ]] || fail "our $m: object size is not rados's"
  if [[ $m == seq ]]; then ((reads <= writes)) || fail "our seq read $reads ops of a run of $writes"; fi
done
# The reads verify: overwrite the first object and both tools name it twice (its two ops), exit 1.
first=$(rados -p "$pool" ls | grep '_object0$') || fail "no object0 in rados's run"
head -c 8192 /dev/zero | tr '\0' x >"$work/garbage"
rados -p "$pool" put "$first" "$work/garbage" || fail "cannot overwrite $first"
for tool in rc rados_; do
  set +e
  "$tool" -p "$pool" bench 1 seq -t 8 >"$work/corrupt.out" 2>"$work/corrupt.err"
  status=$?
  set -e
  [[ $status == 1 ]] || fail "$tool seq of a corrupted object exited $status, not 1"
  [[ $(grep -cx "$first is not correct!" "$work/corrupt.err") == 2 ]] ||
    fail "$tool seq of a corrupted object said: $(head -5 "$work/corrupt.err")"
done
run_ok our-cleanup rc -p "$pool" cleanup
grep -qx "Removed $objects objects" "$work/our-cleanup.out" ||
  fail "our cleanup: '$(cat "$work/our-cleanup.out")', expected 'Removed $objects objects' ($writes writes)"
expect_empty_pool "our cleanup of rados's run"
echo "ok: our seq/rand read rados's $writes writes in $objects objects; our cleanup removed them"

# ---- a script written for rados bench parses ours
for tool in rados ours; do
  if [[ $tool == rados ]]; then t=rados_; else t=rc; fi
  run_ok "$tool-text-write" "$t" -p "$pool" bench 1 write -b 4096 -t 8 --no-cleanup
  run_ok "$tool-text-seq" "$t" -p "$pool" bench 1 seq -t 8
  run_ok "$tool-text-cleanup" "$t" -p "$pool" cleanup
  run_ok "$tool-json-write" "$t" -p "$pool" bench 1 write -b 4096 -t 8 --no-cleanup -f json
  run_ok "$tool-json-seq" "$t" -p "$pool" bench 1 seq -t 8 -f json
  run_ok "$tool-json-cleanup" "$t" -p "$pool" cleanup
  expect_empty_pool "$tool cleanup after the output runs"
done
python3 - "$work" <<'EOF' || fail "our bench output does not parse as rados bench's"
import json, re, sys
work = sys.argv[1]
label_line = re.compile(r"^([A-Z][^:]*:)( +)(\S+)$")

def summary(path):
    # What a parser of rados bench's text takes: "Label:<spaces>value" lines, in order.
    return [m.groups() for m in map(label_line.match, open(path).read().splitlines()) if m]

def table(path):
    lines = open(path).read().splitlines()
    header = [l for l in lines if "sec Cur ops" in l]
    rows = [l for l in lines if re.match(r"^ +\d+ ", l)]
    return header, rows

problems = []
for run in ("write", "seq"):
    theirs, ours = summary(f"{work}/rados-text-{run}.out"), summary(f"{work}/ours-text-{run}.out")
    if len(theirs) < 10:
        problems.append(f"{run}: rados printed only {len(theirs)} summary lines?")
    at = 0
    for label, gap, value in theirs:
        while at < len(ours) and ours[at][0] != label:
            at += 1
        if at == len(ours):
            problems.append(f"{run}: '{label}' missing or out of order in ours")
            break
        if ours[at][1] != gap:
            problems.append(f"{run}: '{label}' value at column {len(label) + len(ours[at][1])}, rados's at {len(label) + len(gap)}")
        if label != "Object prefix:":
            try:
                float(ours[at][2])
            except ValueError:
                problems.append(f"{run}: '{label}' value '{ours[at][2]}' is not a number")
        at += 1
    (their_header, their_rows), (our_header, our_rows) = table(f"{work}/rados-text-{run}.out"), table(f"{work}/ours-text-{run}.out")
    if not their_header or our_header[:1] != their_header[:1]:
        problems.append(f"{run}: table header {our_header[:1]} differs from rados's {their_header[:1]}")
    if not our_rows:
        problems.append(f"{run}: no table rows in ours")
    for row in our_rows:
        if len(row.split()) != 8:
            problems.append(f"{run}: table row '{row}' does not split into rados's 8 fields")

def keys_in_order(theirs, ours, where):
    at = 0
    for k in theirs:
        if k not in ours:
            problems.append(f"{where}: key '{k}' missing in ours")
            continue
        if ours.index(k) < at:
            problems.append(f"{where}: key '{k}' out of rados's order")
        at = ours.index(k)

for run in ("write", "seq"):
    docs = {}
    for tool in ("rados", "ours"):
        text = open(f"{work}/{tool}-json-{run}.out").read()
        body = "\n".join(l for l in text.splitlines() if not re.match(r"^hints = \d+$", l))
        try:
            docs[tool] = json.loads(body)
        except ValueError as e:
            problems.append(f"{run}: {tool} -f json does not parse: {e}: {body[:200]}")
    if len(docs) < 2:
        continue
    theirs, ours = docs["rados"], docs["ours"]
    keys_in_order(list(theirs), list(ours), f"{run} json")
    for k, v in theirs.items():
        if k in ours and type(ours[k]) is not type(v):
            problems.append(f"{run} json: '{k}' is {type(ours[k]).__name__}, rados's is {type(v).__name__}")
    if theirs.get("datas") and ours.get("datas"):
        keys_in_order(list(theirs["datas"][0]), list(ours["datas"][0]), f"{run} json datas")
    count = "total_writes_made" if run == "write" else "total_reads_made"
    if int(ours.get(count, "0")) <= 0:
        problems.append(f"{run} json: {count} is {ours.get(count)}")
    if "latency_percentiles" not in ours:
        problems.append(f"{run} json: no latency_percentiles")

for p in problems:
    print("FAIL:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
echo "ok: our text and JSON output parse as rados bench's (write and seq)"

# ---- --run-name, and --max-objects with two writes per object
run_ok named-write rc -p "$pool" bench 1 write -b 4096 -t 4 --no-cleanup --run-name it-run
rados -p "$pool" stat it-run >/dev/null 2>&1 || fail "--run-name it-run: no metadata object it-run"
! rados -p "$pool" stat benchmark_last_metadata >/dev/null 2>&1 || fail "--run-name wrote benchmark_last_metadata too"
run_ok named-seq rc -p "$pool" bench 1 seq --run-name it-run
no_verify_errors named-seq
run_ok named-cleanup rc -p "$pool" cleanup --run-name it-run
expect_empty_pool "cleanup --run-name it-run"

run_ok max-write rc -p "$pool" bench 10 write -b 4096 -O 8192 --max-objects 5 -t 4 --no-cleanup --run-name it-max
[[ $(value_of "$work/max-write.out" "Total writes made") == 10 ]] ||
  fail "--max-objects 5 -O 8192 -b 4096 made $(value_of "$work/max-write.out" "Total writes made") writes, not 10"
[[ $(rados -p "$pool" ls | grep -c '_object[0-9]*$') == 5 ]] || fail "--max-objects 5 left $(rados -p "$pool" ls | grep -c _object) objects"
rados -p "$pool" get it-max "$work/it-max.meta" || fail "cannot read the metadata it-max"
python3 -c '
import struct, sys
obj, ops, pid, op = struct.unpack("<QiiQ", open(sys.argv[1], "rb").read())
assert (obj, ops, op) == (8192, 10, 4096), (obj, ops, pid, op)
' "$work/it-max.meta" || fail "metadata it-max is not rados bench's (8192, 10 ops, pid, 4096)"
# rados seq starts -t reads whatever the run holds (it misreads runs smaller than -t): -t 4.
run_ok max-rados-seq rados_ -p "$pool" bench 1 seq -t 4 --run-name it-max
no_verify_errors max-rados-seq
[[ $(value_of "$work/max-rados-seq.out" "Total reads made") == 10 ]] || fail "rados seq of our 10-write run read $(value_of "$work/max-rados-seq.out" "Total reads made")"
run_ok max-our-seq rc -p "$pool" bench 1 seq --run-name it-max
no_verify_errors max-our-seq
[[ $(value_of "$work/max-our-seq.out" "Total reads made") == 10 ]] || fail "our seq (-t 16) of a 10-write run read $(value_of "$work/max-our-seq.out" "Total reads made")"
run_ok max-cleanup rados_ -p "$pool" cleanup --run-name it-max
grep -qx "Removed 5 objects" "$work/max-cleanup.out" || fail "rados cleanup of our --max-objects run: $(cat "$work/max-cleanup.out")"
expect_empty_pool "rados cleanup --run-name it-max"
echo "ok: --run-name; --max-objects 5 -O 8192 made 10 writes in 5 objects, read by both"

# ---- cleanup without metadata: by name prefix (rados's slow linear search), ours and rados's runs
run_ok prefix-write rc -p "$pool" bench 10 write -b 4096 -t 4 --max-objects 50 --no-cleanup
prefix=$(value_of "$work/prefix-write.out" "Object prefix")
[[ $prefix == benchmark_data_* ]] || fail "no object prefix in: $(head -3 "$work/prefix-write.out")"
rados -p "$pool" rm benchmark_last_metadata || fail "cannot remove benchmark_last_metadata"
run_ok prefix-cleanup rc -p "$pool" cleanup --prefix "$prefix"
grep -qx "Removed 50 objects" "$work/prefix-cleanup.out" || fail "cleanup --prefix $prefix: $(cat "$work/prefix-cleanup.out")"
expect_empty_pool "cleanup --prefix $prefix"
run_ok prefix-rados-write rados_ -p "$pool" bench 10 write -b 4096 -t 4 --max-objects 30 --no-cleanup
rados -p "$pool" rm benchmark_last_metadata || fail "cannot remove benchmark_last_metadata"
run_ok host-cleanup rc -p "$pool" cleanup
grep -qx "Warning: using slow linear search" "$work/host-cleanup.out" && grep -qx "Removed 30 objects" "$work/host-cleanup.out" ||
  fail "cleanup of rados's run without metadata: $(cat "$work/host-cleanup.out")"
expect_empty_pool "cleanup of rados's run without metadata"
echo "ok: cleanup without metadata removed runs by prefix (--prefix and this host's)"

# ---- errors, as rados reports them
same_failure() {
  local what=$1
  shift
  set +e
  rc "$@" >/dev/null 2>"$work/ours.err"
  local ours_status=$?
  rados_ "$@" >/dev/null 2>"$work/theirs.err"
  local theirs_status=$?
  set -e
  [[ $ours_status -eq $theirs_status ]] || fail "$what: exit $ours_status, rados exits $theirs_status"
  [[ "$(head -1 "$work/ours.err")" == "$(head -1 "$work/theirs.err")" ]] ||
    fail "$what: we say '$(head -1 "$work/ours.err")', rados '$(head -1 "$work/theirs.err")'"
  echo "ok: $what: exit $ours_status, '$(head -1 "$work/ours.err")' as rados"
}
same_failure "seq with no write before" -p "$pool" bench 1 seq
grep -qx "Must write data before running a read benchmark!" "$work/ours.err" || fail "seq with no write: $(cat "$work/ours.err")"
same_failure "rand with no write before" -p "$pool" bench 1 rand
same_failure "bench on a missing pool" -p "no-such-pool-$$" bench 1 write
grep -q "error opening pool" "$work/ours.err" || fail "missing pool: $(cat "$work/ours.err")"
same_failure "cleanup --prefix not starting with benchmark_data" -p "$pool" cleanup --prefix foo
set +e
rc -p "$pool" bench 1 bogus >"$work/bad.out" 2>"$work/bad.err"
status=$?
set -e
[[ $status == 1 ]] || fail "bench 1 bogus exited $status, not 1"
grep -q "unknown bench mode 'bogus'" "$work/bad.err" || fail "bench 1 bogus said: $(cat "$work/bad.err")"
expect_empty_pool "the failed runs"
echo "ok: bench 1 bogus: exit 1, '$(head -1 "$work/bad.err")'"

# ---- ours alone: histograms, fixed rate, no filling the cluster
run_ok hist-a rc -p "$pool" bench 1 write -b 4096 -t 4 --hist-out "$work/a.hist"
run_ok hist-b rc -p "$pool" bench 1 write -b 4096 -t 4 --hist-out "$work/b.hist" -f json
[[ -s "$work/a.hist" && -s "$work/b.hist" ]] || fail "--hist-out wrote no file"
count_a=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["count"])' "$work/a.hist")
count_b=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["count"])' "$work/b.hist")
[[ $count_a == $(value_of "$work/hist-a.out" "Total writes made") ]] || fail "a.hist holds $count_a latencies, the run made $(value_of "$work/hist-a.out" "Total writes made") writes"
writes_b=$(sed '/^hints = /d' "$work/hist-b.out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total_writes_made"])')
[[ $count_b == "$writes_b" ]] || fail "b.hist holds $count_b latencies, the run made $writes_b writes"
run_ok hist-merge rc bench-hist "$work/a.hist" "$work/b.hist"
[[ $(value_of "$work/hist-merge.out" "Files merged") == 2 ]] || fail "bench-hist: $(cat "$work/hist-merge.out")"
[[ $(value_of "$work/hist-merge.out" "Latencies") == $((count_a + count_b)) ]] ||
  fail "bench-hist merged $(value_of "$work/hist-merge.out" "Latencies") latencies, not $count_a + $count_b"
run_ok hist-merge-json rc bench-hist "$work/a.hist" "$work/b.hist" -f json
python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["files"] == 2 and j["count"] == int(sys.argv[2]), j
assert 0 < j["min"] <= j["p50"] <= j["p90"] <= j["p99"] <= j["p99.9"] <= j["max"], j
' "$work/hist-merge-json.out" $((count_a + count_b)) || fail "bench-hist -f json: $(cat "$work/hist-merge-json.out")"
set +e
rc bench-hist "$work/a.hist" "$work/hist-a.out" >/dev/null 2>"$work/bad-hist.err"
status=$?
set -e
[[ $status == 1 ]] && grep -q "not a latency histogram" "$work/bad-hist.err" ||
  fail "bench-hist of a non-histogram: exit $status, '$(cat "$work/bad-hist.err")'"
expect_empty_pool "the --hist-out runs (cleaned up)"
echo "ok: --hist-out wrote $count_a and $count_b latencies; bench-hist merged $((count_a + count_b))"

run_ok rate rc -p "$pool" bench 3 write -b 4096 -t 16 --rate 200
rate_writes=$(value_of "$work/rate.out" "Total writes made")
((rate_writes >= 540 && rate_writes <= 660)) || fail "--rate 200 for 3 s made $rate_writes writes, not 600 +- 10%"
expect_empty_pool "the --rate run (cleaned up)"
echo "ok: --rate 200 for 3 s made $rate_writes writes"

total=$(rc df -f json | python3 -c 'import json,sys; print(json.load(sys.stdin).get("total_space", 0))')
if ((total > 0)); then
  # 4 MiB objects, one copy each: N of them exceed 85% of the cluster whatever is used already.
  n=$((total * 85 / 100 / 4194304 + 2))
  set +e
  rc -p "$pool" bench 10 write --max-objects "$n" >"$work/fill.out" 2>"$work/fill.err"
  status=$?
  set -e
  [[ $status == 28 ]] || fail "--max-objects $n (of 4 MiB) on a cluster of $total bytes exited $status, not 28: $(cat "$work/fill.err")"
  grep -q "85% full" "$work/fill.err" || fail "the refusal does not say why: $(cat "$work/fill.err")"
  ! grep -q "Total writes made" "$work/fill.out" || fail "the refused run still ran: $(cat "$work/fill.out")"
  expect_empty_pool "the refused run"
  echo "ok: --max-objects $n x 4 MiB refused on a $total-byte cluster: $(head -1 "$work/fill.err")"
else
  echo "note: the cluster reports no total size; the fill refusal is not checked"
fi
echo "PASS: bench compat ($mode)"
