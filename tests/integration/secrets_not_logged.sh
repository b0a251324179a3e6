#!/usr/bin/env bash
# Secrets never printed: rados-client at full verbosity (-v, every debug line of the monitor
# client and the objecter) through connect, pool and object commands, watch-free ops and an
# authentication failure, in crc and secure mode. All of stdout and stderr is searched for
# the client key (base64, as in the keyring) and its raw secret in hex; neither may appear.
# (Session keys and connection secrets are searched for by the unit test
# MsgrHostileMon.SecretsNeverLogged, which knows them.) Also: a keyring readable by others
# is warned about on stderr. KEEP_OUT=1 keeps the collected output (its folder is printed).
source "$(dirname "$0")/lib.sh"
require_cluster

keyring=${CEPH_KEYRING:-$(awk -F' *= *' '/^[[:space:]]*keyring/{print $2; exit}' "$CEPH_CONF")}
[[ -f "$keyring" ]] || fail "no keyring at '$keyring'"
key=$(awk '/^\[client.admin\]/{found=1} found && /key *=/{print $NF; exit}' "$keyring")
[[ -n "$key" ]] || fail "no client.admin key in $keyring"
# CryptoKey: le16 type, utime created (8), le16 length, then the secret.
secret_hex=$(python3 -c 'import base64,sys; b=base64.b64decode(sys.argv[1]); print(b[12:12+int.from_bytes(b[10:12],"little")].hex())' "$key")
[[ ${#secret_hex} -eq 32 ]] || fail "could not decode the key ($secret_hex)"

out=$(mktemp -d)
[[ -z "${KEEP_OUT:-}" ]] || echo "output kept in $out"
pool=$(unique_name secrets)
cleanup() {
  rados_client rmpool "$pool" "$pool" --yes-i-really-really-mean-it >/dev/null 2>&1 || true
  [[ -n "${KEEP_OUT:-}" ]] || rm -rf "$out"
}
trap cleanup EXIT

run() { rados_client -v "$@" >>"$out/all" 2>&1 || echo "exit $? from: $*" >>"$out/all"; }
echo payload >"$out/in"
rados_client mkpool "$pool" 8 >/dev/null 2>&1 || fail "cannot create pool $pool"
for mode in crc secure; do
  run --ms-mode "$mode" lspools
  run --ms-mode "$mode" -p "$pool" put obj "$out/in"
  run --ms-mode "$mode" -p "$pool" get obj "$out/got"
  run --ms-mode "$mode" -p "$pool" stat obj
  run --ms-mode "$mode" -p "$pool" setomapval obj k v
  run --ms-mode "$mode" -p "$pool" ls
  run --ms-mode "$mode" -p "$pool" rm obj
  run --ms-mode "$mode" mon-command '{"prefix":"auth get","entity":"client.nobody"}'
  run --ms-mode "$mode" status
done
# A wrong key (authentication fails) and a missing one.
run --key AQBJbGJnAAAAABAAk6Ap6eWzbqXHQpKjVnBrXg== lspools
run -n client.nobody lspools

lines=$(wc -l <"$out/all")
((lines > 50)) || fail "expected a verbose log, got $lines lines: $(cat "$out/all")"
grep -q '^\[debug\]' "$out/all" || fail "no debug lines in the -v output"
if grep -qF -- "$key" "$out/all"; then fail "the base64 key appears in the output"; fi
if grep -qiF -- "$secret_hex" "$out/all"; then fail "the secret (hex) appears in the output"; fi
echo "ok: $lines lines of -v output, no key in base64 or hex"

# A keyring others can read: warned about, and still used.
cp "$keyring" "$out/open.keyring"
chmod 0644 "$out/open.keyring"
rados_client --keyring "$out/open.keyring" lspools >/dev/null 2>"$out/err" || fail "lspools failed: $(cat "$out/err")"
grep -qF "warning: keyring $out/open.keyring is readable by others (mode 0644)" "$out/err" ||
  fail "no warning for a 0644 keyring; stderr: $(cat "$out/err")"
chmod 0600 "$out/open.keyring"
rados_client --keyring "$out/open.keyring" lspools >/dev/null 2>"$out/err" || fail "lspools failed"
[[ ! -s "$out/err" ]] || fail "unexpected stderr for a 0600 keyring: $(cat "$out/err")"
echo "ok: a 0644 keyring is warned about, a 0600 one is not"
echo "PASS: secrets not logged"
