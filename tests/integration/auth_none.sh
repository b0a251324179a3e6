#!/usr/bin/env bash
# A cluster run with auth none: the client follows the conf's "auth client required = none"
# and talks to it without a key, in crc mode (auth none connections are crc only).
source "$(dirname "$0")/lib.sh"
require_cluster
start_private_cluster --osds 1 --no-mgr --set 'auth cluster required = none' \
  --set 'auth service required = none' --set 'auth client required = none'
grep -q "auth client required = none" "$CEPH_CONF" || fail "the private cluster is not auth none"
diff <(rados_client lspools) <(rados lspools) || fail "lspools differs from rados lspools under auth none"
rados_client mon-command '{"prefix":"osd dump","format":"json"}' >/dev/null || fail "mon-command failed"
echo "PASS: auth none"
