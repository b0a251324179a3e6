#!/usr/bin/env bash
# Objects move both ways between rados-client and Ceph's rados, in the given connection mode
# (crc or secure): random binary content from 0 bytes to 16 MiB (100 MiB with --full) written
# by one is read back byte-identical by the other, in the default and in a named namespace;
# stat, stat2 and ls print what rados prints; errors read and exit as rados's do.
source "$(dirname "$0")/lib.sh"
require_cluster
mode=${1:?usage: object_interop.sh crc|secure [--full]}
full=${2:-}
rc() { rados_client --ms-mode "$mode" "$@"; }

pool=$(unique_name it-objects)
work=$(mktemp -d /tmp/radosio-interop.XXXXXX)
trap 'ceph osd pool rm "$pool" "$pool" --yes-i-really-really-mean-it >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
ceph osd pool create "$pool" 8 8 >/dev/null 2>&1 || fail "cannot create pool $pool"

sizes=(0 1 4095 4096 65537 4194303 4194304 4194305 9437307 16777216)
[[ "$full" == --full ]] && sizes+=(67108864 104857600)

for ns in "" "ns1"; do
  nsarg=()
  [[ -n "$ns" ]] && nsarg=(-N "$ns")
  for size in "${sizes[@]}"; do
    src="$work/src-$size"
    head -c "$size" /dev/urandom >"$src"
    # ours -> rados
    rc -p "$pool" "${nsarg[@]}" put "obj-ours-$size" "$src" || fail "put of $size bytes failed (ns '$ns')"
    rados -p "$pool" "${nsarg[@]}" get "obj-ours-$size" "$work/back" || fail "rados cannot get our $size-byte object"
    cmp -s "$src" "$work/back" || fail "rados read back a different $size-byte object (ns '$ns')"
    # rados -> ours
    rados -p "$pool" "${nsarg[@]}" put "obj-rados-$size" "$src" || fail "rados put of $size bytes failed"
    rc -p "$pool" "${nsarg[@]}" get "obj-rados-$size" "$work/back" || fail "get of rados's $size-byte object failed"
    cmp -s "$src" "$work/back" || fail "we read back a different $size-byte object than rados wrote (ns '$ns')"
    # stat and stat2 print the same lines (same size, same mtime to the second / microsecond)
    for cmd in stat stat2; do
      for obj in "obj-ours-$size" "obj-rados-$size"; do
        diff <(rc -p "$pool" "${nsarg[@]}" "$cmd" "$obj") <(rados -p "$pool" "${nsarg[@]}" "$cmd" "$obj") ||
          fail "$cmd $obj differs from rados $cmd"
      done
    done
  done
done

# stdin and stdout
head -c 100000 /dev/urandom >"$work/piped"
rc -p "$pool" put piped - <"$work/piped" || fail "put from stdin failed"
rc -p "$pool" get piped - >"$work/piped-back" || fail "get to stdout failed"
cmp -s "$work/piped" "$work/piped-back" || fail "stdin/stdout round trip differs"

# Listings: same lines, same order, per namespace and across all of them.
diff <(rc -p "$pool" ls) <(rados -p "$pool" ls) || fail "ls differs from rados ls"
diff <(rc -p "$pool" -N ns1 ls) <(rados -p "$pool" -N ns1 ls) || fail "ls -N ns1 differs from rados"
diff <(rc -p "$pool" ls --all) <(rados -p "$pool" ls --all) || fail "ls --all differs from rados"
[[ "$(rc -p "$pool" ls -f json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" == \
   "$(rados -p "$pool" ls | wc -l)" ]] || fail "ls -f json lists a different number of objects"

# Errors: the same words on stderr and the same exit status as rados.
same_failure() {
  local what=$1
  shift
  set +e
  ours=$(rc "$@" 2>&1 >/dev/null); ours_status=$?
  theirs=$(rados "$@" 2>&1 >/dev/null); theirs_status=$?
  set -e
  [[ $ours_status -eq $theirs_status ]] || fail "$what: exit $ours_status, rados exits $theirs_status"
  [[ "$ours" == "$theirs" ]] || fail "$what: stderr '$ours', rados says '$theirs'"
}
same_failure "stat of a missing object" -p "$pool" stat no-such-object
same_failure "get of a missing object" -p "$pool" get no-such-object "$work/never"
[[ ! -e "$work/never" ]] || true  # rados creates the file anyway; we do not: not compared
same_failure "rm of a missing object" -p "$pool" rm no-such-object

rc -p "$pool" rm "obj-ours-0" "obj-rados-0" || fail "rm of two objects failed"
! rados -p "$pool" stat "obj-ours-0" >/dev/null 2>&1 || fail "obj-ours-0 still exists after rm"
echo "PASS: object interop ($mode), ${#sizes[@]} sizes x 2 namespaces x both directions"
