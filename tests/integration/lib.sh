# Helpers shared by the shell integration tests. Sourced, not run.
set -euo pipefail

# Exit 77 (ctest's "skipped") when no cluster is configured, unless one is required.
require_cluster() {
  if [[ -z "${CEPH_CONF:-}" || ! -f "${CEPH_CONF}" ]]; then
    if [[ "${RADOSIO_REQUIRE_CLUSTER:-0}" == 1 ]]; then
      echo "FAIL: RADOSIO_REQUIRE_CLUSTER=1 but CEPH_CONF does not name a cluster config" >&2
      exit 1
    fi
    echo "SKIP: no cluster (set CEPH_CONF, e.g. from scripts/dev-cluster env)" >&2
    exit 77
  fi
}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# A pool name no other test run will use.
unique_name() { echo "$1-$$-$RANDOM"; }

# The client under test.
RADOS_CLIENT="${RADOSIO_BIN_DIR:-}/rados-client"
rados_client() { "$RADOS_CLIENT" "$@"; }

# The repo root, for scripts/dev-cluster.
repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd; }

# Starts a private dev cluster in a temporary directory for tests that need a special one
# (several mons, short ticket lifetimes); stops it when the test exits.
start_private_cluster() {
  PRIVATE_DIR=$(mktemp -d /tmp/radosio-it.XXXXXX)
  trap 'stop_private_cluster' EXIT
  "$(repo_root)/scripts/dev-cluster" start --dir "$PRIVATE_DIR" "$@" >"$PRIVATE_DIR.start.log" 2>&1 ||
    { cat "$PRIVATE_DIR.start.log" >&2; fail "could not start a private cluster ($*)"; }
  # Both the conf and the keyring must now name the private cluster.
  eval "$("$(repo_root)/scripts/dev-cluster" env --dir "$PRIVATE_DIR")"
}

stop_private_cluster() {
  [[ -n "${PRIVATE_DIR:-}" ]] || return 0
  "$(repo_root)/scripts/dev-cluster" stop --dir "$PRIVATE_DIR" >/dev/null 2>&1 || true
  rm -rf "$PRIVATE_DIR" "$PRIVATE_DIR.start.log"
}

# Waits up to $1 seconds for a quorum of $2 monitors; returns 1 if it does not form.
wait_quorum() {
  local limit=$1 want=$2 start=$SECONDS
  while ((SECONDS - start < limit)); do
    [[ "$(timeout 10 ceph quorum_status -f json 2>/dev/null |
      python3 -c 'import json,sys; print(len(json.load(sys.stdin)["quorum"]))' 2>/dev/null)" == "$want" ]] &&
      return 0
    sleep 0.5
  done
  return 1
}

# Runs "$@" and fails unless it exits non-zero within $1 seconds with $2 in its stderr.
expect_failure_within() {
  local seconds=$1 pattern=$2
  shift 2
  local start end err status
  err=$(mktemp)
  start=$(date +%s.%N)
  set +e
  timeout $((${seconds%.*} + 5)) "$@" >/dev/null 2>"$err"
  status=$?
  set -e
  end=$(date +%s.%N)
  local took
  took=$(python3 -c "print(f'{$end - $start:.2f}')")
  if [[ $status -eq 0 ]]; then fail "'$*' succeeded; expected a failure"; fi
  if [[ $status -eq 124 ]]; then fail "'$*' hung (killed after $((${seconds%.*} + 5)) s)"; fi
  if [[ $status -ge 128 ]]; then fail "'$*' crashed (status $status): $(cat "$err")"; fi
  if ! grep -qi -- "$pattern" "$err"; then fail "'$*' said: $(cat "$err") -- expected '$pattern'"; fi
  if python3 -c "import sys; sys.exit(0 if $took <= $seconds else 1)"; then :; else
    fail "'$*' took ${took}s, more than ${seconds}s"
  fi
  echo "ok: '$*' failed in ${took}s: $(head -1 "$err")"
  rm -f "$err"
}
