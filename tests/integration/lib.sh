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
