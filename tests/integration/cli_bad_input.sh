#!/usr/bin/env bash
# Bad input to the CLI: each case must end within a few seconds, exit non-zero without a
# crash, and say what was wrong (the message is checked): missing pools and objects, bad
# JSON and unknown mon commands, keyrings that cannot be read, that are not keyrings or that
# lack the entity, bad keys, unknown options and commands, bad values and files.
source "$(dirname "$0")/lib.sh"
require_cluster

pool=$(unique_name it-badinput)
work=$(mktemp -d /tmp/radosio-badinput.XXXXXX)
cleanup() {
  ceph osd pool rm "$pool" "$pool" --yes-i-really-really-mean-it >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
ceph osd pool create "$pool" 8 8 >/dev/null 2>&1 || fail "cannot create pool $pool"
ceph osd pool application enable "$pool" rados >/dev/null 2>&1 || true
echo "some content" >"$work/in"
rados_client -p "$pool" put present "$work/in" || fail "cannot write the test object"
R=$RADOS_CLIENT

# Pools and objects that do not exist.
expect_failure_within 10 "error opening pool no-such-pool-$$: (2) No such file or directory" \
  "$R" -p "no-such-pool-$$" stat obj
expect_failure_within 10 "error stat-ing $pool/absent: (2) No such file or directory" "$R" -p "$pool" stat absent
expect_failure_within 10 "error getting $pool/absent: (2) No such file or directory" "$R" -p "$pool" get absent "$work/out"
[[ ! -e "$work/out" ]] || fail "a failed get left $work/out behind"
expect_failure_within 10 "needs a pool" "$R" stat obj

# Local files.
expect_failure_within 10 "error reading input file $work/missing: (2) No such file or directory" \
  "$R" -p "$pool" put obj "$work/missing"
expect_failure_within 10 "failed to open file $work/no/such/dir: (2) No such file or directory" \
  "$R" -p "$pool" get present "$work/no/such/dir"

# Mon commands.
expect_failure_within 10 "not valid JSON (.*parse error at line 1, column 22" "$R" mon-command '{"prefix":"osd dump",'
expect_failure_within 10 "must be a JSON object with a \"prefix\"" "$R" mon-command '["osd dump"]'
expect_failure_within 10 "command not known" "$R" mon-command '{"prefix":"no such command"}'

# Keyrings and keys (the admin keyring of CEPH_KEYRING must not be used instead).
printf 'not a keyring\n[[[\n' >"$work/garbage.keyring"
printf '[client.other]\n\tkey = AQBJbGJnAAAAABAAk6Ap6eWzbqXHQpKjVnBrXg==\n' >"$work/other.keyring"
chmod 600 "$work"/*.keyring
expect_failure_within 5 "cannot read keyring $work: Is a directory" "$R" --keyring "$work" lspools
expect_failure_within 5 "expected 'name = value' or a \[section\]" "$R" --keyring "$work/garbage.keyring" lspools
expect_failure_within 5 "no key for client.admin in the keyring" "$R" --keyring "$work/other.keyring" lspools
expect_failure_within 5 "no key for client.nobody" "$R" -n client.nobody lspools
expect_failure_within 5 "\-\-key: base64" "$R" --key 'not-base64!!' lspools
expect_failure_within 5 "no keyring found" "$R" --keyring "$work/none.keyring" lspools

# Options, commands and values.
expect_failure_within 5 "was not expected: --no-such-option" "$R" --no-such-option lspools
expect_failure_within 5 "was not expected: frobnicate" "$R" frobnicate
expect_failure_within 5 "yaml not in" "$R" -f yaml lspools
expect_failure_within 5 "Invalid value" "$R" -p "$pool" truncate present not-a-number
expect_failure_within 5 "object is required" "$R" -p "$pool" get
expect_failure_within 10 "cannot resolve monitor host" "$R" -m 'no-such-host.invalid' lspools
echo "PASS: bad CLI input gets a clear error and a non-zero exit"
