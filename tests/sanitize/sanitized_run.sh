#!/usr/bin/env bash
# Runs one integration script with the sanitizer tree's binaries and fails it if any of them
# wrote an ASan, LeakSanitizer or UBSan report, even where the script expected the command to
# fail (a crash after the expected error message would otherwise pass). Reports go to files
# rather than only to stderr, so that nothing the script captures or discards hides them.
#   sanitized_run.sh SCRIPT [ARGS...]
set -uo pipefail
script=$1
shift
reports=$(mktemp -d /tmp/radosio-sanitizer.XXXXXX)
trap 'rm -rf "$reports"' EXIT
# ASan and LeakSanitizer write whole reports to log_path; GCC's UBSan ignores it (stderr
# only), so report_hook.cc, linked into every program here, also writes each report's
# summary line to a file in RADOSIO_SANITIZER_REPORTS.
export ASAN_OPTIONS="log_path=$reports/asan:detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:print_summary=1"
export RADOSIO_SANITIZER_REPORTS=$reports

bash "$script" "$@"
status=$?

shopt -s nullglob
found=("$reports"/*)
if ((${#found[@]})); then
  for report in "${found[@]}"; do
    echo "== sanitizer report ${report##*/}" >&2
    cat "$report" >&2
  done
  echo "FAIL: sanitizer reports from $(basename "$script") $* (${#found[@]} files above)" >&2
  exit 1
fi
exit "$status"
