# Helpers shared by the fault tests (fault_*.sh). Sourced after lib.sh, not run.

FAULT_WORKLOAD="${RADOSIO_BIN_DIR:-}/fault_workload"
[[ -x "$FAULT_WORKLOAD" ]] || fail "no fault_workload at '$FAULT_WORKLOAD' (build the fault_workload target)"
fault_workload() { "$FAULT_WORKLOAD" "$@"; }

# Seconds since the epoch, with fractions.
now_s() { date +%s.%N; }
# $1 - $2 with two decimals.
seconds_since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "${2:-$(now_s)}"; }

# json_get FILE EXPR: evaluates the Python expression EXPR on `j`, the last JSON line of FILE.
json_get() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
lines = [l for l in open(sys.argv[1]).read().splitlines() if l.strip().startswith("{")]
if not lines:
    sys.exit("no JSON line in " + sys.argv[1])
j = json.loads(lines[-1])
v = eval(sys.argv[2], {"j": j})
print(json.dumps(v) if isinstance(v, (dict, list, bool)) or v is None else v)
EOF
}

# Makes pool $1 with $2 PGs, size $3 and min_size $4, and waits until its PGs are active+clean.
make_pool() {
  local pool=$1 pgs=$2 size=$3 min_size=$4
  ceph osd pool create "$pool" "$pgs" "$pgs" >/dev/null 2>&1 || fail "cannot create pool $pool"
  ceph osd pool set "$pool" size "$size" --yes-i-really-mean-it >/dev/null 2>&1 || fail "cannot set size $size on $pool"
  ceph osd pool set "$pool" min_size "$min_size" >/dev/null 2>&1 || fail "cannot set min_size $min_size on $pool"
  ceph osd pool application enable "$pool" rados >/dev/null 2>&1 || true
  wait_pool_clean "$pool" 60 || fail "the PGs of $pool did not become active+clean within 60 s"
}

# Waits up to $2 seconds until every PG of pool $1 is active+clean. PG states come from the
# mgr; without one (`ceph pg` would wait for it) this only gives the new PGs 2 s to peer.
wait_pool_clean() {
  local pool=$1 limit=$2 start=$SECONDS
  if ! ceph mgr stat -f json 2>/dev/null | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin).get("available") else 1)'; then
    sleep 2
    return 0
  fi
  while ((SECONDS - start < limit)); do
    timeout 20 ceph pg ls-by-pool "$pool" -f json 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
pgs = d["pg_stats"] if isinstance(d, dict) else d
sys.exit(0 if pgs and all(p["state"] == "active+clean" for p in pgs) else 1)' 2>/dev/null && return 0
    sleep 0.5
  done
  return 1
}

# The OSD that is acting primary for the most PGs of pool $1 (from our own placement).
busiest_primary() {
  rados_client osd map-pgs "$1" | sed -n 's/.*acting (\[[^]]*\], p\([0-9]*\)).*/\1/p' | sort | uniq -c | sort -rn |
    awk 'NR == 1 { print $2 }'
}

# Waits up to $3 seconds until the OSDMap shows osd.$1 up ($2 = 1) or down ($2 = 0).
wait_osd() {
  local osd=$1 want=$2 limit=$3 start=$SECONDS
  while ((SECONDS - start < limit)); do
    ceph osd dump -f json 2>/dev/null | python3 -c "
import json, sys
sys.exit(0 if any(o['osd'] == $osd and o['up'] == $want for o in json.load(sys.stdin)['osds']) else 1)" && return 0
    sleep 0.3
  done
  return 1
}

# Starts osd.$1 of the cluster CEPH_CONF names. The OSD finds its own keyring through
# ceph.conf; CEPH_KEYRING (the admin key) would override it.
start_osd() {
  env -u CEPH_KEYRING ceph-osd -c "$CEPH_CONF" -i "$1" 2>/dev/null
}

osd_pid() { cat "$(dirname "$CEPH_CONF")/run/osd.$1.pid"; }

# Waits until the workload whose stderr is $1 prints its first progress line (the timed run
# has started); fails after $2 seconds or if process $3 ended first.
wait_workload_started() {
  local err=$1 limit=$2 pid=$3 start=$SECONDS
  while ((SECONDS - start < limit)); do
    grep -q '^t=' "$err" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$err" >&2; fail "the workload ended before its timed run started"; }
    sleep 0.2
  done
  cat "$err" >&2
  fail "the workload did not start its timed run within $limit s"
}

# Prints the workload's summary line (the numbers each fault test reports).
print_run() {
  local out=$1
  echo "workload: $(json_get "$out" '"ops={ops} ok={ok} failed={failed} acked_writes={acked_writes} hung={hung_ops} bad_reads={bad_reads} max_latency={max_latency_s}s longest_stall={longest_stall_s}s seconds={seconds}".format(**j)')"
  echo "workload by kind: $(json_get "$out" '" ".join("%s=%d/%d" % (k, v["ok"], v["ok"] + v["failed"]) for k, v in j["by_kind"].items())') (ok/done)"
  echo "max latency by kind: $(json_get "$out" '" ".join("%s=%.2fs" % (k, v["max_latency_s"]) for k, v in j["by_kind"].items())'); notifies our own watcher missed (timed out): $(json_get "$out" 'j.get("notifies_unheard", 0)')"
  echo "workload errors: $(json_get "$out" 'j["errors"]')"
}

# The frame every fault test shares: a scratch directory $work, a workload started in the
# background (start_workload) and, on exit, the workload killed, $work removed and the
# private cluster (if any) stopped. $1 names the scratch directory.
fault_setup() {
  work=$(mktemp -d "/tmp/radosio-$1.XXXXXX")
  workload_pid=
  trap fault_cleanup EXIT
}
fault_cleanup() {
  [[ -n "${workload_pid:-}" ]] && kill "$workload_pid" 2>/dev/null || true
  rm -rf "${work:-}"
  stop_private_cluster
}

# Starts `fault_workload run "$@"` with its journal in $work, waits until its timed run has
# begun and sets t0 (the time line of sleep_until) to that moment.
start_workload() {
  fault_workload run "$@" --journal "$work/journal" >"$work/out" 2>"$work/err" &
  workload_pid=$!
  wait_workload_started "$work/err" 60 "$workload_pid"
  t0=$(now_s)
}
# Sleeps until $1 seconds after t0.
sleep_until() { sleep "$(python3 -c "print(max(0.0, $1 - ($(now_s) - $t0)))")"; }

# Waits for the workload and checks the run: a summary, no hung op, no bad read, exit 0 and a
# run of the full $1 seconds that still made progress in its last seconds. Prints the
# workload's numbers and the lines worth seeing from its stderr (grep pattern $2).
finish_workload() {
  local seconds=$1 lines=${2:-'^(first|BAD|HUNG|fault_workload:)'} status
  set +e
  wait "$workload_pid"
  status=$?
  set -e
  workload_pid=
  grep -E "$lines" "$work/err" || true
  [[ -s "$work/out" ]] || { tail -20 "$work/err" >&2; fail "the workload printed no summary (status $status)"; }
  print_run "$work/out"
  [[ "$(json_get "$work/out" 'j["hung_ops"]')" == 0 ]] || fail "ops hung past their timeout"
  [[ "$(json_get "$work/out" 'j["bad_reads"]')" == 0 ]] || fail "reads returned data that was never acknowledged"
  ((status == 0)) || { tail -20 "$work/err" >&2; fail "the workload exited $status"; }
  python3 -c "import sys; sys.exit(0 if $(json_get "$work/out" 'j["seconds"]') >= $seconds - 1 else 1)" ||
    fail "the run ended early"
  grep '^t=' "$work/err" | tail -3 | grep -q 'stall=[0-3]\.' || { tail -5 "$work/err" >&2; fail "no progress at the end of the run"; }
}

# Reads back every write the journal says was acknowledged (extra arguments go to
# `fault_workload verify`) and prints the counts; fails on anything but intact or in doubt.
verify_journal() {
  fault_workload verify --pool "$pool" --journal "$work/journal" "$@" >"$work/verify" 2>"$work/verify.err" || {
    cat "$work/verify.err" >&2
    fail "verification failed: $(cat "$work/verify")"
  }
  echo "verify: $(json_get "$work/verify" '"checked={checked} intact={intact} in_doubt={in_doubt} mismatched={mismatched} missing={missing}".format(**j)')"
}
