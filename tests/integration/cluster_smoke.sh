#!/usr/bin/env bash
# The dev cluster is real and usable: librados's own `rados` CLI creates a pool, writes an
# object, reads it back byte for byte, stats it, lists it and removes it.
source "$(dirname "$0")/lib.sh"
require_cluster

pool=$(unique_name smoke)
work=$(mktemp -d)
cleanup() {
  ceph osd pool rm "$pool" "$pool" --yes-i-really-really-mean-it >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

ceph osd pool create "$pool" 8 >/dev/null
ceph osd pool application enable "$pool" rados >/dev/null

head -c 1048577 /dev/urandom >"$work/in"
rados -p "$pool" put obj "$work/in"
rados -p "$pool" get obj "$work/out"
cmp "$work/in" "$work/out" || fail "object read back differs from what was written"

size=$(rados -p "$pool" stat obj | sed -n 's/.*size \([0-9]*\).*/\1/p')
[[ "$size" == 1048577 ]] || fail "stat reports size '$size', expected 1048577"
[[ "$(rados -p "$pool" ls)" == obj ]] || fail "ls does not list exactly the one object"

rados -p "$pool" rm obj
[[ -z "$(rados -p "$pool" ls)" ]] || fail "object still listed after rm"
echo "PASS: put/get/stat/ls/rm of a 1 MiB object through librados"
