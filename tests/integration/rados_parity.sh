#!/usr/bin/env bash
# rados-client's object commands against Ceph's own `rados`, in the given connection mode
# (crc or secure): for every command, both tools run with the same words and the same stdin
# and must print the same stdout and stderr and exit with the same status.
#
#   read commands (listxattr, getxattr, listomapkeys, listomapvals, getomapval,
#   getomapheader, listwatchers, stat) run on the same objects, written by rados and by
#   rados-client (cross-reads both ways);
#   write commands (append, truncate, create, touch, cp, rm, setxattr, rmxattr, setomapval,
#   rmomapkey, clearomap, setomapheader) run once per tool from the same starting state, and
#   the objects they leave are then read by both tools, which must agree with each other and
#   across the two runs.
#
# Cases cover missing objects, pools, xattrs and keys, binary keys and values
# (--omap-key-file, --obj-name-file, stdin), namespaces (-N) and rados's odd corners (an
# unreadable append input exits 0; clearomap's error has no colon). Where rados prints its
# whole usage text (a wrong number of words), only the exit status is compared.
source "$(dirname "$0")/lib.sh"
require_cluster
mode=${1:?usage: rados_parity.sh crc|secure}

pool=$(unique_name parity)
pool2=$(unique_name parity-target)
work=$(mktemp -d /tmp/radosio-parity.XXXXXX)
watch_pids=()
cleanup() {
  for pid in "${watch_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  ceph osd pool rm "$pool" "$pool" --yes-i-really-really-mean-it >/dev/null 2>&1 || true
  ceph osd pool rm "$pool2" "$pool2" --yes-i-really-really-mean-it >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
ceph osd pool create "$pool" 8 8 >/dev/null 2>&1 || fail "cannot create pool $pool"
ceph osd pool create "$pool2" 8 8 >/dev/null 2>&1 || fail "cannot create pool $pool2"

cd "$work"
checks=0

# tool NAME ARGS...: runs rados (NAME=rados) or rados-client (NAME=ours).
tool() {
  local which=$1
  shift
  if [[ $which == rados ]]; then rados "$@"; else rados_client --ms-mode "$mode" "$@"; fi
}

# librados sometimes logs a line of its own on stderr ("2026-11-23T04:14:10.444+0000
# 7fd8008446c0 -1 monclient: get_auth_request but no auth handler is set up", then an empty
# line), whatever the command: not part of what rados says, so it is left out.
strip_ceph_log() {
  awk 'skip && /^$/ { skip = 0; next }
       { skip = 0 }
       /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9:.]+[+-][0-9][0-9][0-9][0-9] [0-9a-f]+ +-?[0-9]+ / { skip = 1; next }
       { print }' "$1"
}

# run_as NAME TAG ARGS...: runs one tool with stdin from $STDIN (default: nothing) and keeps
# its stdout, stderr and exit status in TAG.out, TAG.err, TAG.status.
run_as() {
  local which=$1 tag=$2
  shift 2
  set +e
  tool "$which" "$@" <"${STDIN:-/dev/null}" >"$tag.out" 2>"$tag.log"
  echo $? >"$tag.status"
  set -e
  strip_ceph_log "$tag.log" >"$tag.err"
}

# read_as NAME ARGS...: one tool's stdout, then its stderr. (Through files: rados has been
# seen to cut a value at 64 KiB when writing to a pipe.)
read_as() {
  local which=$1
  shift
  tool "$which" "$@" </dev/null >read.out 2>read.log || true
  cat read.out
  strip_ceph_log read.log
}

# compare_runs WHAT [--usage]: the two runs printed and exited alike.
compare_runs() {
  local what=$1 usage=${2:-}
  checks=$((checks + 1))
  cmp -s r.status c.status || fail "$what: exit $(cat c.status), rados exits $(cat r.status)"
  if [[ $usage == --usage ]]; then
    # rados prints its whole usage text (the generic options part on stdout); we print a
    # usage line of our own.
    [[ -s r.err && -s c.err ]] || fail "$what: expected a usage message from both tools"
    return
  fi
  cmp -s r.out c.out || fail "$what: stdout differs from rados's:$(echo; diff <(od -c r.out) <(od -c c.out) | head -20)"
  cmp -s r.err c.err || fail "$what: stderr differs from rados's:$(echo; diff r.err c.err | head -20)"
}

# same ARGS...: a command that changes nothing, run by both tools.
same() {
  run_as rados r "$@"
  run_as ours c "$@"
  compare_runs "$*"
}

same_usage() {
  run_as rados r "$@"
  run_as ours c "$@"
  compare_runs "$*" --usage
}

# state NAME NSARGS... -- OBJECTS...: what one tool reads of objects: size (and the mtime of
# those named in STATE_MTIME), data, xattrs with values, omap keys and values, omap header.
state() {
  local which=$1
  shift
  local ns=()
  while [[ $1 != -- ]]; do ns+=("$1"); shift; done
  shift
  local obj
  for obj in "$@"; do
    echo "== $obj"
    if [[ " ${STATE_MTIME:-} " == *" $obj "* ]]; then
      read_as "$which" -p "$pool" "${ns[@]}" stat2 "$obj"
    else
      read_as "$which" -p "$pool" "${ns[@]}" stat "$obj" | sed 's/ mtime .*, size/, size/'
    fi
    read_as "$which" -p "$pool" "${ns[@]}" get "$obj" - | md5sum
    local names
    names=$(read_as "$which" -p "$pool" "${ns[@]}" listxattr "$obj")
    echo "$names"
    while IFS= read -r name; do
      [[ -n "$name" && "$name" != error* ]] || continue
      printf '%s=' "$name"
      read_as "$which" -p "$pool" "${ns[@]}" getxattr "$obj" "$name" | od -A n -c
    done <<<"$names"
    read_as "$which" -p "$pool" "${ns[@]}" listomapvals "$obj"
    read_as "$which" -p "$pool" "${ns[@]}" getomapheader "$obj"
  done
}

# same_change SETUP NSARGS... -- OBJECTS... -- ARGS...: runs SETUP (a function) then rados
# with ARGS, and SETUP again then rados-client with ARGS; both runs print and exit alike and
# leave OBJECTS (in the NSARGS namespace) in the same state, as read by either tool.
same_change() {
  local setup=$1
  shift
  local ns=() objs=()
  while [[ $1 != -- ]]; do ns+=("$1"); shift; done
  shift
  while [[ $1 != -- ]]; do objs+=("$1"); shift; done
  shift
  local run
  for run in rados ours; do
    "$setup"
    local tag=c
    [[ $run == rados ]] && tag=r
    run_as "$run" "$tag" "$@"
    state rados "${ns[@]}" -- "${objs[@]}" >"$tag.state-by-rados"
    state ours "${ns[@]}" -- "${objs[@]}" >"$tag.state-by-ours"
  done
  compare_runs "$*"
  checks=$((checks + 1))
  cmp -s r.state-by-rados r.state-by-ours ||
    fail "$*: rados-client reads what rados left differently:$(echo; diff r.state-by-rados r.state-by-ours | head -20)"
  cmp -s c.state-by-rados c.state-by-ours ||
    fail "$*: rados-client reads what it left differently from rados:$(echo; diff c.state-by-rados c.state-by-ours | head -20)"
  cmp -s r.state-by-rados c.state-by-rados ||
    fail "$*: left a different state than rados:$(echo; diff r.state-by-rados c.state-by-rados | head -20)"
}

# ---------------------------------------------------------------- inputs
printf 'hello\n' >small
head -c 70000 /dev/urandom >random
: >empty
mkdir -p adir
printf 'bin\001\000key' >binkey
printf 'missing\002' >binkey-missing
printf 'plain-key' >plainkey
printf 'obj\001name' >binname
printf 'plain name' >plainname
# Values whose hexdumps fold (rows of one repeated byte, zeros or not) and others that don't.
python3 - <<'PY'
open("val-folds", "wb").write(b"A" * 67 + b"\0\xff\x80 ~xyz")
open("val-runs", "wb").write(b"a" * 32 + b"b" * 48 + b"c")
open("val-near", "wb").write(b"a" * 31 + b"b" + b"a" * 16 + b"z")
open("val-zeros", "wb").write(b"\0" * 100 + b"abc")
open("val-exact", "wb").write(bytes(range(256)) * 2)
open("val-48", "wb").write(b"\x07" * 48)
PY

# ---------------------------------------------------------------- objects to read
# Written by rados (r-*) and by rados-client (c-*), identically, in two namespaces.
populate() {
  local w=$1 prefix=$2
  shift 2
  local t
  for t in "" "-N ns1"; do
    # shellcheck disable=SC2086
    {
      tool "$w" -p "$pool" $t put "${prefix}data" random
      tool "$w" -p "$pool" $t setxattr "${prefix}data" user.a "value a"
      tool "$w" -p "$pool" $t setxattr "${prefix}data" user.empty ""
      tool "$w" -p "$pool" $t setxattr "${prefix}data" user.bin <val-folds
      tool "$w" -p "$pool" $t setomapval "${prefix}data" k1 v1
      tool "$w" -p "$pool" $t setomapval "${prefix}data" "key with spaces" "value with spaces"
      tool "$w" -p "$pool" $t setomapval "${prefix}data" empty-value ""
      tool "$w" -p "$pool" $t setomapval "${prefix}data" k-folds --input-file val-folds
      tool "$w" -p "$pool" $t setomapval "${prefix}data" k-runs --input-file val-runs
      tool "$w" -p "$pool" $t setomapval "${prefix}data" k-near --input-file val-near
      tool "$w" -p "$pool" $t setomapval "${prefix}data" k-zeros --input-file val-zeros
      tool "$w" -p "$pool" $t setomapval "${prefix}data" k-exact --input-file val-exact
      tool "$w" -p "$pool" $t setomapval "${prefix}data" k-48 <val-48
      tool "$w" -p "$pool" $t setomapval "${prefix}data" --omap-key-file binkey --input-file small
      tool "$w" -p "$pool" $t setomapheader "${prefix}data" "the header"
      tool "$w" -p "$pool" $t create "${prefix}bare"
    } </dev/null >/dev/null || fail "$w could not write the objects to read"
  done
}
populate rados r-
populate ours c-
# An object with a binary name (rados cannot give omap values to one: librados can).
/usr/bin/python3 - "$pool" <<'PY' || fail "could not write the object with a binary name"
import os, sys, rados
with rados.Rados(conffile=os.environ["CEPH_CONF"]) as cluster, cluster.open_ioctx(sys.argv[1]) as io:
    name = "obj\x01name"
    io.write_full(name, b"binary name")
    io.set_xattr(name, "user.x", b"x value")
    with rados.WriteOpCtx() as op:
        io.set_omap(op, ("xk", "bin\x01\x00key"), (b"xv", b"\x00" * 40))
        io.operate_write_op(op, name)
PY

for prefix in r- c-; do
  for ns in "" ns1; do
    nsa=()
    [[ -n $ns ]] && nsa=(-N "$ns")
    for obj in "${prefix}data" "${prefix}bare" no-such-object; do
      same -p "$pool" "${nsa[@]}" listxattr "$obj"
      same -p "$pool" "${nsa[@]}" getxattr "$obj" user.a
      same -p "$pool" "${nsa[@]}" getxattr "$obj" user.bin
      same -p "$pool" "${nsa[@]}" getxattr "$obj" user.empty
      same -p "$pool" "${nsa[@]}" getxattr "$obj" user.missing
      same -p "$pool" "${nsa[@]}" listomapkeys "$obj"
      same -p "$pool" "${nsa[@]}" listomapvals "$obj"
      same -p "$pool" "${nsa[@]}" getomapheader "$obj"
      same -p "$pool" "${nsa[@]}" getomapval "$obj" k1
      same -p "$pool" "${nsa[@]}" getomapval "$obj" k-folds
      same -p "$pool" "${nsa[@]}" getomapval "$obj" "key with spaces"
      same -p "$pool" "${nsa[@]}" getomapval "$obj" empty-value
      same -p "$pool" "${nsa[@]}" getomapval "$obj" no-such-key
      same -p "$pool" "${nsa[@]}" getomapval "$obj" --omap-key-file binkey
      same -p "$pool" "${nsa[@]}" getomapval "$obj" --omap-key-file binkey-missing
      same -p "$pool" "${nsa[@]}" listwatchers "$obj"
      same -p "$pool" "${nsa[@]}" stat "$obj"
    done
    # Values and headers written to files: the same message, the same bytes.
    for what in "getomapval ${prefix}data k-exact" "getomapval ${prefix}data --omap-key-file binkey" \
                "getomapheader ${prefix}data"; do
      # shellcheck disable=SC2086
      { run_as rados r -p "$pool" "${nsa[@]}" $what value.file && mv value.file r.file; }
      # shellcheck disable=SC2086
      { run_as ours c -p "$pool" "${nsa[@]}" $what value.file && mv value.file c.file; }
      compare_runs "$what FILE"
      cmp -s r.file c.file || fail "$what FILE: the file differs from rados's"
    done
    same -p "$pool" "${nsa[@]}" getomapval "${prefix}data" k-runs -
    same -p "$pool" "${nsa[@]}" getomapval "${prefix}data" k1 adir
    same -p "$pool" "${nsa[@]}" getomapheader "${prefix}data" /nonexistent/dir/file
  done
done

# Binary and odd object names: from --obj-name-file, and as words.
for cmd in listxattr listomapkeys listomapvals getomapheader; do
  same -p "$pool" "$cmd" --obj-name-file binname
  same -p "$pool" "$cmd" --obj-name-file plainname
  same -p "$pool" "$cmd" --obj-name-file no-such-file
done
same -p "$pool" getxattr --obj-name-file binname user.x
same -p "$pool" getomapval --obj-name-file binname xk
same -p "$pool" getomapval --obj-name-file binname nokey
same -p "$pool" getomapval --obj-name-file binname --omap-key-file binkey
same -p "$pool" getomapval --obj-name-file plainname --omap-key-file plainkey
same -p "$pool" listomapvals $'tab\there'
same -p "$pool" stat $'tab\there'
same -p "$pool" getomapval no-such-object $'key\twith tab'
same -p "$pool" getomapval r-data --omap-key-file no-such-file
same -p "$pool" getomapval r-data --omap-key-file adir

# Missing pool, missing words.
for cmd in "listxattr x" "getxattr x a" "listomapvals x" "getomapval x k" "setomapval x k v" "append x small" \
           "truncate x 1" "create x" "touch x" "cp x y" "listwatchers x" "clearomap x"; do
  # shellcheck disable=SC2086
  same -p no-such-pool-$$ $cmd
done
for cmd in listxattr getxattr setxattr rmxattr listomapkeys listomapvals getomapval setomapval rmomapkey \
           clearomap getomapheader setomapheader append truncate create touch cp listwatchers; do
  same_usage -p "$pool" "$cmd"
done
same_usage listxattr r-data  # no -p at all
same_usage -p "$pool" setxattr r-data a b c
same_usage -p "$pool" getomapval r-data k f extra
same_usage -p "$pool" rmomapkey r-data k extra
same_usage -p "$pool" rmomapkey r-data k --omap-key-file binkey
same_usage -p "$pool" setomapval r-data k v extra
same_usage -p "$pool" cp a b c
same_usage -p "$pool" truncate r-data -1

# Watchers: one from rados, one from rados-client, listed alike by both.
# rados watches until it reads a line; the fifo is held open here so that it waits.
mkfifo hold-rados
exec 7<>hold-rados
rados -p "$pool" watch r-data <hold-rados >watch-rados.out 2>&1 &
watch_pids+=($!)
rados_client --ms-mode "$mode" -p "$pool" watch c-data --duration 60 >watch-ours.out 2>&1 &
watch_pids+=($!)
for _ in $(seq 50); do
  [[ -n "$(rados -p "$pool" listwatchers r-data)" && -n "$(rados -p "$pool" listwatchers c-data)" ]] && break
  sleep 0.2
done
[[ -n "$(rados -p "$pool" listwatchers r-data)" ]] || fail "rados's watch did not register"
same -p "$pool" listwatchers r-data
same -p "$pool" listwatchers c-data
[[ "$(rados_client --ms-mode "$mode" -p "$pool" listwatchers c-data)" =~ ^watcher=[0-9.:]+/[0-9]+\ client\.[0-9]+\ cookie=[0-9]+$ ]] ||
  fail "listwatchers does not print watcher=ADDR client.ID cookie=N"
echo >&7  # rados unwatches and exits
kill "${watch_pids[1]}" 2>/dev/null || true  # rados-client unwatches on TERM
wait "${watch_pids[@]}" 2>/dev/null || true
exec 7>&-
watch_pids=()

# ---------------------------------------------------------------- writes
# A known starting point for every write, in the default namespace and in ns1 (written with
# librados: w-a with data, xattrs, omap values under plain and binary keys, an omap header
# and a fixed mtime; w-b with data and one omap value; the other names absent).
fresh() {
  /usr/bin/python3 - "$pool" "$pool2" <<'PY' || fail "could not reset the objects for the next write"
import os, sys, rados
files = {name: open(name, "rb").read() for name in ("random", "val-near", "val-runs")}
with rados.Rados(conffile=os.environ["CEPH_CONF"]) as cluster:
    with cluster.open_ioctx(sys.argv[2]) as other:
        try:
            other.remove_object("w-a")
        except rados.ObjectNotFound:
            pass
    with cluster.open_ioctx(sys.argv[1]) as io:
        for ns in ("", "ns1"):
            io.set_namespace(ns)
            for name in ("w-a", "w-b", "w-c", "w-copy", "w-new", "plain name"):
                try:
                    io.remove_object(name)
                except rados.ObjectNotFound:
                    pass
            io.write_full("w-a", b"hello\n")
            io.set_xattr("w-a", "user.one", b"1")
            io.set_xattr("w-a", "user.two", files["val-near"])
            with rados.WriteOpCtx() as op:
                io.set_omap(op, ("ka", "kb"), (b"va", files["val-runs"]))
                io.operate_write_op(op, "w-a")
            with rados.WriteOpCtx() as op:
                op.write_full(files["random"])
                io.set_omap(op, ("kk",), (b"vv",))
                io.operate_write_op(op, "w-b")
PY
  # With rados itself: a binary key (the binding cuts keys at a NUL), the omap header, and a
  # fixed mtime (last: any write changes it).
  local t
  for t in "" "-N ns1"; do
    # shellcheck disable=SC2086
    { rados -p "$pool" $t setomapval w-a --omap-key-file binkey vbin && rados -p "$pool" $t setomapheader w-a hdr &&
        rados -p "$pool" $t touch w-a 1500000000; } </dev/null || fail "could not reset w-a"
  done
}

# change NSARGS... -- OBJECTS... -- ARGS...: same_change from the fresh objects.
change() { same_change fresh "$@"; }

# append
change -- w-a -- -p "$pool" append w-a small
change -- w-new -- -p "$pool" append w-new random
change -- w-new -- -p "$pool" append w-new empty
change -- w-new -- -p "$pool" append w-new no-such-file
change -- w-a -- -p "$pool" append w-a adir
STDIN=random change -- w-b -- -p "$pool" append w-b -
change -N ns1 -- w-a -- -p "$pool" -N ns1 append w-a small
change -- "plain name" -- -p "$pool" append --obj-name-file plainname small
# truncate
for size in 0 3 100000 "" " 4" +5; do
  change -- w-b -- -p "$pool" truncate w-b "$size"
done
change -- w-new -- -p "$pool" truncate w-new 10
change -- w-a -- -p "$pool" truncate w-a 10x
change -- w-a -- -p "$pool" truncate w-a 999999999999
change -N ns1 -- w-b -- -p "$pool" -N ns1 truncate w-b 7
# create
change -- w-new -- -p "$pool" create w-new
change -- w-a -- -p "$pool" create w-a
change -N ns1 -- w-a w-c -- -p "$pool" -N ns1 create w-a
change -N ns1 -- w-c -- -p "$pool" -N ns1 create w-c
# touch (with a timestamp: the mtime is compared too)
for ts in 1600000000 0 -5 "" 4294967296 99999999999; do
  STATE_MTIME=w-a change -- w-a -- -p "$pool" touch w-a "$ts"
  STATE_MTIME=w-new change -- w-new -- -p "$pool" touch w-new "$ts"
done
change -- w-a -- -p "$pool" touch w-a 12x
STATE_MTIME=w-c change -N ns1 -- w-c -- -p "$pool" -N ns1 touch w-c 1234567890
change -- w-new -- -p "$pool" touch w-new
# cp: data, xattrs, omap and mtime travel; the copy lands in the default namespace unless
# --target-nspace says otherwise.
STATE_MTIME=w-copy change -- w-copy -- -p "$pool" cp w-a w-copy
change -- w-a -- -p "$pool" cp w-a
change -- w-a -- -p "$pool" cp w-a w-a
change -- w-a -- -p "$pool" cp w-b w-a
change -- w-copy -- -p "$pool" cp no-such-object w-copy
change -- w-copy -- -p "$pool" cp w-a w-copy --target-pool no-such-pool-$$
change -- w-a -- -p "$pool" cp w-a --target-pool "$pool2"
same -p "$pool2" listomapvals w-a
same -p "$pool2" listxattr w-a
same -p "$pool2" stat2 w-a
same -p "$pool2" get w-a -
STATE_MTIME=w-copy change -- w-copy -- -p "$pool" -N ns1 cp w-a w-copy
STATE_MTIME=w-copy change -N ns1 -- w-copy -- -p "$pool" -N ns1 cp w-a w-copy --target-nspace ns1
change -N ns1 -- w-new -- -p "$pool" cp w-b w-new --target-nspace ns1
# rm: several objects, stopping at the first missing one
change -- w-a w-b -- -p "$pool" rm w-a w-b
change -- w-a w-b -- -p "$pool" rm w-a no-such-object w-b
change -N ns1 -- w-b -- -p "$pool" -N ns1 rm w-b no-such-object
# xattrs
change -- w-a -- -p "$pool" setxattr w-a user.new "new value"
change -- w-a -- -p "$pool" setxattr w-a user.one ""
STDIN=val-folds change -- w-a -- -p "$pool" setxattr w-a user.bin
STDIN=random change -- w-new -- -p "$pool" setxattr w-new user.big
change -- "plain name" -- -p "$pool" setxattr --obj-name-file plainname user.k v
change -N ns1 -- w-c -- -p "$pool" -N ns1 setxattr w-c user.k v
change -- w-a -- -p "$pool" rmxattr w-a user.one
change -- w-a -- -p "$pool" rmxattr w-a user.missing
change -- w-new -- -p "$pool" rmxattr w-new user.one
change -N ns1 -- w-a -- -p "$pool" -N ns1 rmxattr w-a user.two
# omap
change -- w-a -- -p "$pool" setomapval w-a ka new-value
change -- w-new -- -p "$pool" setomapval w-new k v
STDIN=val-exact change -- w-a -- -p "$pool" setomapval w-a kstdin
change -- w-a -- -p "$pool" setomapval w-a kfile --input-file val-zeros
change -- w-a -- -p "$pool" setomapval w-a kfile ignored-word --input-file val-48
change -- w-a -- -p "$pool" setomapval w-a kfile --input-file no-such-file
change -- w-a -- -p "$pool" setomapval w-a kfile --input-file adir
change -- w-a -- -p "$pool" setomapval w-a --omap-key-file binkey replaced
change -- w-a -- -p "$pool" setomapval w-a --omap-key-file binkey-missing --input-file val-folds
change -N ns1 -- w-c -- -p "$pool" -N ns1 setomapval w-c k v
# (rados reads --obj-name-file here but does not use it: the object is the first word.)
change -- w-c "plain name" -- -p "$pool" setomapval --obj-name-file plainname w-c k
change -- w-a -- -p "$pool" rmomapkey w-a ka
change -- w-a -- -p "$pool" rmomapkey w-a no-such-key
change -- w-a -- -p "$pool" rmomapkey w-a --omap-key-file binkey
change -- w-new -- -p "$pool" rmomapkey w-new k
change -- w-new -- -p "$pool" rmomapkey w-new --omap-key-file binkey
change -N ns1 -- w-b -- -p "$pool" -N ns1 rmomapkey w-b kk
change -- w-a w-b -- -p "$pool" clearomap w-a w-b
change -- w-a w-b -- -p "$pool" clearomap w-a no-such-object w-b
change -- w-b -- -p "$pool" clearomap w-b --obj-name-file plainname
change -N ns1 -- w-a -- -p "$pool" -N ns1 clearomap w-a
change -- w-a -- -p "$pool" setomapheader w-a "new header"
change -- w-new -- -p "$pool" setomapheader w-new ""
change -N ns1 -- w-b -- -p "$pool" -N ns1 setomapheader w-b h

# Many omap keys: listomapkeys and listomapvals page through them as rados does.
/usr/bin/python3 - "$pool" <<'PY' || fail "could not write 2600 omap keys"
import os, sys, rados
with rados.Rados(conffile=os.environ["CEPH_CONF"]) as cluster, cluster.open_ioctx(sys.argv[1]) as io:
    with rados.WriteOpCtx() as op:
        keys = tuple(f"key-{i:05d}" for i in range(2600))
        io.set_omap(op, keys, tuple(k.encode() * 3 for k in keys))
        io.operate_write_op(op, "many-keys")
PY
same -p "$pool" listomapkeys many-keys
same -p "$pool" listomapvals many-keys
[[ $(wc -l <c.out) -gt 10000 ]] || fail "listomapvals many-keys printed too little"

echo "PASS: rados parity ($mode): $checks comparisons with rados"
