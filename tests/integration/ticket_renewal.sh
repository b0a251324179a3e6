#!/usr/bin/env bash
# A monitor session outlives two ticket renewals on a cluster whose tickets last 40 s
# (service and AUTH tickets are renewed at 3/4 of their life: about every 30 s).
source "$(dirname "$0")/lib.sh"
require_cluster
start_private_cluster --osds 1 --no-mgr --set 'auth service ticket ttl = 40' --set 'auth mon ticket ttl = 40'
RADOSIO_RENEWAL_TEST_SECONDS=120 "$RADOSIO_BIN_DIR/mon_session_test" --gtest_filter='MonSession.OutlivesTwoTicketRenewals'
