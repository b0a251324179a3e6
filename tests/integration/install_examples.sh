#!/usr/bin/env bash
# `cmake --install` into a clean prefix, then the examples are built against the installed
# package (find_package(radosio): the shared library and the static archive) and with
# pkg-config, and run against the cluster.
source "$(dirname "$0")/lib.sh"
require_cluster
build_dir=$(cd "${RADOSIO_BIN_DIR:?}/.." && pwd)
prefix=$(mktemp -d /tmp/radosio-prefix.XXXXXX)
pool=$(unique_name it-examples)
trap 'rm -rf "$prefix"; ceph osd pool rm "$pool" "$pool" --yes-i-really-really-mean-it >/dev/null 2>&1 || true' EXIT

cmake --install "$build_dir" --prefix "$prefix/usr" >/dev/null || fail "cmake --install failed"
for f in include/radosio/client.h include/radosio/ioctx.h include/radosio/blocking.h lib/libradosio.a \
         lib/libradosio.so lib/cmake/radosio/radosioConfig.cmake lib/pkgconfig/radosio.pc bin/rados-client; do
  [[ -e "$prefix/usr/$f" ]] || fail "the install lacks $f"
done

cmake -S "$(repo_root)/examples" -B "$prefix/build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix/usr" >"$prefix/configure.log" 2>&1 ||
  { cat "$prefix/configure.log" >&2; fail "the examples do not configure against the installed package"; }
ninja -C "$prefix/build" >"$prefix/build.log" 2>&1 || { tail -30 "$prefix/build.log" >&2; fail "the examples do not build"; }
# pkg-config too (the shared library).
PKG_CONFIG_PATH="$prefix/usr/lib/pkgconfig" g++ -o "$prefix/pc_example" "$(repo_root)/examples/coroutine_example.cc" \
  $(PKG_CONFIG_PATH="$prefix/usr/lib/pkgconfig" pkg-config --cflags --libs radosio) -Wl,-rpath,"$prefix/usr/lib" ||
  fail "the coroutine example does not build with pkg-config"

ceph osd pool create "$pool" 8 8 >/dev/null 2>&1 || fail "cannot create pool $pool"
export RADOSIO_MON_HOST=$(awk -F'= *' '/^[[:space:]]*mon[ _]host/{print $2; exit}' "$CEPH_CONF")
export RADOSIO_KEY=$(awk '/^\[client.admin\]/{f=1} f && /key *=/{print $3; exit}' "$CEPH_KEYRING")
[[ -n "$RADOSIO_MON_HOST" && -n "$RADOSIO_KEY" ]] || fail "cannot read mon host / admin key from the cluster files"
out=$("$prefix/build/coroutine_example" "$pool") || fail "coroutine_example failed: $out"
[[ "$out" == *"hello from radosio"* ]] || fail "coroutine_example printed: $out"
out=$("$prefix/build/blocking_example" "$pool") || fail "blocking_example failed: $out"
[[ "$out" == *"written without coroutines"* ]] || fail "blocking_example printed: $out"
! ldd "$prefix/build/blocking_example" | grep -q libradosio || fail "blocking_example should be linked statically"
out=$("$prefix/pc_example" "$pool") || fail "the pkg-config build failed to run: $out"
echo "PASS: installed package: headers, libraries, CMake package and pkg-config; both examples ran"
