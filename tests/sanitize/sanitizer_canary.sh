#!/usr/bin/env bash
# The asan tier's wrapper must fail a script whose program wrote a sanitizer report even when
# the script ignores that program's exit status (as the scripts do for expected failures).
#   sanitizer_canary.sh CANARY_BINARY
set -euo pipefail
canary=$1
here=$(cd "$(dirname "$0")" && pwd)
script=$(mktemp /tmp/radosio-canary.XXXXXX.sh)
out=$(mktemp)
trap 'rm -f "$script" "$out"' EXIT

printf '%q\n' "$canary" >"$script"
bash "$here/sanitized_run.sh" "$script" >"$out" 2>&1 || { cat "$out"; echo "FAIL: the wrapper failed a clean program"; exit 1; }
for what in overflow use-after-free leak ub; do
  printf '%q %q || true\n' "$canary" "$what" >"$script"
  if bash "$here/sanitized_run.sh" "$script" >"$out" 2>&1; then
    cat "$out"
    echo "FAIL: '$what' wrote no report the wrapper noticed"
    exit 1
  fi
  grep -q "FAIL: sanitizer reports from" "$out" || { cat "$out"; echo "FAIL: no report named for '$what'"; exit 1; }
  echo "ok: $what reported: $(grep -m1 -oE '(AddressSanitizer|LeakSanitizer|runtime error)[^(]*' "$out")"
done
echo "PASS: the wrapper fails scripts on ASan, LeakSanitizer and UBSan reports"
