#!/usr/bin/env bash
# A monitor session outlives ticket renewals on a cluster with short ticket lifetimes:
# service tickets (20 s) are renewed over the session (MAuth) at 3/4 of their life, about
# every 15 s; the AUTH ticket (40 s) by re-authenticating with global-id reclaim at 30 s.
source "$(dirname "$0")/lib.sh"
require_cluster
start_private_cluster --osds 1 --no-mgr --set 'auth service ticket ttl = 20' --set 'auth mon ticket ttl = 40'
RADOSIO_RENEWAL_TEST_SECONDS=120 "$RADOSIO_BIN_DIR/mon_session_test" --gtest_filter='MonSession.OutlivesTwoTicketRenewals'
