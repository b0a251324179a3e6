# Shared by scripts/quickstart and scripts/test: configure and build the build trees.
# Sourced, not run.

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd; }

log() { printf '\n== %s\n' "$*"; }

# As root, installs missing packages; as another user, trusts that they are there.
ensure_deps() {
  if [[ $(id -u) -eq 0 ]]; then
    "$ROOT/scripts/install-deps"
  else
    echo "not root: skipping package installation (run scripts/install-deps as root)"
  fi
}

# The main tree (g++, library, CLI, tests, benchmarks) in build/.
build_main() {
  local type=${1:-Release}
  cmake -S "$ROOT" -B "$ROOT/build" -G Ninja -DCMAKE_BUILD_TYPE="$type" >/dev/null
  ninja -C "$ROOT/build" -j "$(nproc)"
}

# The fuzz tree (clang, libFuzzer, ASan+UBSan) in build/fuzz.
build_fuzz() {
  local seconds=$1
  CXX=clang++ cmake -S "$ROOT" -B "$ROOT/build/fuzz" -G Ninja -DRADOSIO_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRADOSIO_FUZZ_SECONDS="$seconds" >/dev/null
  ninja -C "$ROOT/build/fuzz" -j "$(nproc)"
}

# The sanitizer tree (g++, ASan+UBSan) in build/asan: the library, the CLI, the unit tests
# and fault_workload, for the asan tier. Debug keeps assertions; -O1 lets the tests run at a
# useful speed; line tables only (-g1) are all a report's stack needs and cut the build
# (the longest of the three) by about a quarter.
build_asan() {
  cmake -S "$ROOT" -B "$ROOT/build/asan" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 \
    -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DRADOSIO_SANITIZE=ON >/dev/null
  ninja -C "$ROOT/build/asan" -j "$(nproc)"
}
