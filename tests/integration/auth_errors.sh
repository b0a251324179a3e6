#!/usr/bin/env bash
# Clear errors within bounded time: a wrong key, an unknown entity, unreachable monitors
# (refused, and silent).
source "$(dirname "$0")/lib.sh"
require_cluster

wrong_key=AQBJbGJnAAAAABAAk6Ap6eWzbqXHQpKjVnBrXg==   # a valid key, not the cluster's
expect_failure_within 5 "authentication failed" "$RADOS_CLIENT" --key "$wrong_key" lspools
expect_failure_within 5 "authentication failed" "$RADOS_CLIENT" -n client.nobody --key "$wrong_key" lspools

# Nothing listens on this port: refused at once, reported after retrying to the timeout.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
expect_failure_within 4 "unable to reach any monitor" \
  "$RADOS_CLIENT" -m "v2:127.0.0.1:$port" --connect-timeout 2 lspools

# A listener that never answers: the handshake times out.
python3 -c '
import socket, time, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0)); s.listen(8); print(s.getsockname()[1], flush=True)
conns = []
end = time.time() + 30
while time.time() < end:
    s.settimeout(1)
    try: conns.append(s.accept()[0])
    except socket.timeout: pass
' > /tmp/silent.$$ &
silent=$!
trap 'kill $silent 2>/dev/null || true; rm -f /tmp/silent.$$' EXIT
for _ in $(seq 50); do [[ -s /tmp/silent.$$ ]] && break; sleep 0.1; done
silent_port=$(cat /tmp/silent.$$)
expect_failure_within 4 "unable to reach any monitor" \
  "$RADOS_CLIENT" -m "v2:127.0.0.1:$silent_port" --connect-timeout 2 lspools

expect_failure_within 2 "no keyring found" "$RADOS_CLIENT" --keyring /nonexistent/keyring lspools
expect_failure_within 2 "cannot read config file" "$RADOS_CLIENT" -c /nonexistent/ceph.conf lspools
echo "PASS: authentication and reachability errors"
