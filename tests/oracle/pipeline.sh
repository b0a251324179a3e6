#!/usr/bin/env bash
# The whole placement pipeline on synthetic maps, against osdmaptool: 120 OSDs in hosts
# and racks, pg_num not a power of two and pgp_num < pg_num, balancer upmaps, OSDs out,
# reweights (in every bucket algorithm, straw v1 under both straw_calc_versions, weight sets
# in choose_args). Every PG's raw, up and acting sets and primaries must be identical.
set -euo pipefail
client=${1:?usage: pipeline.sh RADOS_CLIENT}
command -v osdmaptool >/dev/null || { echo "SKIP: osdmaptool not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

crushtool --outfn crush.bin --build --num_osds 120 host straw2 6 rack straw2 4 root straw2 0 >/dev/null
osdmaptool --createsimple 120 --with-default-pool --pg-bits 4 --pgp-bits 3 om --clobber >/dev/null 2>&1
osdmaptool om --import-crush crush.bin >/dev/null 2>&1
# Balancer upmaps written into the map (osdmaptool needs the OSDs up and in to compute them).
osdmaptool om --mark-up-in --upmap upmaps.txt --upmap-deviation 1 --upmap-max 200 --save >/dev/null 2>&1
upmaps=$(grep -c "pg-upmap-items" upmaps.txt)
[[ $upmaps -gt 0 ]] || { echo "FAIL: osdmaptool wrote no upmaps into the test map"; exit 1; }

compare() {  # what-if flags...
  osdmaptool om "$@" --test-map-pgs-dump-all --pool 1 2>/dev/null | grep -E '^1\.[0-9a-f]+ raw' >theirs
  "$client" osd map-pgs 1 --osdmap om "$@" >ours
  [[ -s theirs ]] || { echo "FAIL: osdmaptool printed no PG lines ($*)"; exit 1; }
  if ! diff -q ours theirs >/dev/null; then
    echo "FAIL: osd map-pgs differs from osdmaptool with flags: $*"
    diff ours theirs | head -10
    exit 1
  fi
  echo "ok: $(wc -l <ours) PGs identical with flags: ${*:-(none)}"
}

# osdmaptool honours one --mark-out (the last), so each case marks out a single OSD.
compare --mark-up-in
compare --mark-up-in --mark-out 7
compare --mark-up-in --mark-out 64
compare --mark-up 3 --mark-in 3
compare --mark-out 5  # alone: osdmaptool also marks the OSD up
compare  # as created: the OSDs are neither up nor in
compare --mark-up-in --adjust-crush-weight 7:0.5
compare --mark-up-in --adjust-crush-weight 7:0.5,64:2.25,3:0

# CRUSH weights changed in list, tree and uniform buckets (the weight bookkeeping differs per
# algorithm), on a second map.
crushtool --outfn crush2.bin --build --num_osds 120 host uniform 6 rack tree 4 root list 0 >/dev/null
osdmaptool --createsimple 120 --with-default-pool --pg-bits 3 --pgp-bits 3 om --clobber >/dev/null 2>&1
osdmaptool om --import-crush crush2.bin >/dev/null 2>&1
compare --mark-up-in
compare --mark-up-in --adjust-crush-weight 10:0.25,77:3
compare --mark-up-in --mark-out 9 --adjust-crush-weight 11:0
# CRUSH weights changed in straw (v1) buckets: Ceph recalculates the straws of every bucket on
# the way to the root, with the map's straw_calc_version. Unequal weights (zeros, repeats) make
# versions 0 and 1 differ; the third map has version-0 straws under a version-1 tunable.
# osd.2 starts at CRUSH weight 0, which osdmaptool's --mark-up-in raises to 1.0.
crushtool --outfn straw.bin --build --num_osds 96 host straw 4 rack straw 4 root straw 0 >/dev/null
crushtool -d straw.bin -o straw.txt
sed -i -e 's/item osd\.1 weight 1\.000/item osd.1 weight 0.500/' \
  -e 's/item osd\.2 weight 1\.000/item osd.2 weight 0.000/' \
  -e 's/item osd\.5 weight 1\.000/item osd.5 weight 3.000/' \
  -e 's/item osd\.6 weight 1\.000/item osd.6 weight 3.000/' \
  -e 's/item osd\.40 weight 1\.000/item osd.40 weight 0.250/' \
  -e 's/item host3 weight 4\.000/item host3 weight 2.000/' straw.txt
for version in 0 1; do
  sed "s/tunable straw_calc_version 1/tunable straw_calc_version $version/" straw.txt >"straw$version.txt"
  crushtool -c "straw$version.txt" -o "straw$version.bin"
done
crushtool -i straw0.bin --set-straw-calc-version 1 -o straw01.bin >/dev/null
for map in straw0.bin straw1.bin straw01.bin; do
  osdmaptool --createsimple 96 --with-default-pool --pg-bits 5 --pgp-bits 5 om --clobber >/dev/null 2>&1
  osdmaptool om --import-crush "$map" >/dev/null 2>&1
  echo "straw map $map"
  compare --mark-up-in
  compare --mark-up-in --adjust-crush-weight 7:0.5
  compare --mark-up-in --adjust-crush-weight 1:2.5,2:1,5:0,40:0.75
  compare --mark-up-in --adjust-crush-weight 12:0,13:0,14:0,15:0
  compare --mark-up-in --adjust-crush-weight 30:1.5,30:0.5,90:4
done

# Weight sets (choose_args): Ceph's reweight also rewrites them, setting the OSD's entry in
# every position and making every bucket's entries in its parents the sum of its own weight
# set. The sets written here do not sum up the hierarchy, so any reweight changes them all.
# weight_sets TEXT SET_ID POSITIONS: a set for every straw2 bucket of a decompiled map.
weight_sets() {
  awk -v cid="$2" -v positions="$3" '
    /^[a-z0-9_]+ [^ ]+ \{$/ { inb = 1; id = ""; alg = ""; n = 0; next }
    inb && /^\tid -[0-9]+/ && !/class/ { id = $2 }
    inb && /^\talg / { alg = $2 }
    inb && /^\titem / { n++ }
    inb && /^\}/ { if (id != "" && alg == "straw2") { ids[++nb] = id; sizes[nb] = n }; inb = 0 }
    END {
      print "choose_args " cid " {"
      for (b = 1; b <= nb; b++) {
        print "  {\n    bucket_id " ids[b] "\n    weight_set ["
        for (p = 0; p < positions; p++) {
          line = "      ["
          for (i = 0; i < sizes[b]; i++) line = line sprintf(" %.3f", ((-ids[b] * 7 + i * 3 + p * 5) % 11) * 0.3)
          print line " ]"
        }
        print "    ]\n  }"
      }
      print "}"
    }' "$1"
}
with_sets() {  # TEXT SET_ID POSITIONS OUT.bin
  { sed '/# end crush map/d' "$1"; weight_sets "$@"; echo "# end crush map"; } >"$4.txt"
  crushtool -c "$4.txt" -o "$4"
}
# The compat set (one position) on straw2 buckets, osd.5 at weight 0 (--mark-up-in raises it,
# which rewrites the sets too); a pool's positional set (two positions) on a map whose straw
# (v1) hosts have none (Ceph gives them one, from their item weights, while reweighting).
crushtool --outfn ws.bin --build --num_osds 48 host straw2 4 rack straw2 3 root straw2 0 >/dev/null
crushtool -d ws.bin -o ws.txt
sed -i 's/item osd\.5 weight 1\.000/item osd.5 weight 0.000/' ws.txt
with_sets ws.txt 18446744073709551615 1 ws_compat.bin
crushtool --outfn wsm.bin --build --num_osds 48 host straw 4 rack straw2 3 root straw2 0 >/dev/null
crushtool -d wsm.bin -o wsm.txt
with_sets wsm.txt 1 2 ws_pool.bin
for map in ws_compat.bin ws_pool.bin; do
  osdmaptool --createsimple 48 --with-default-pool --pg-bits 5 --pgp-bits 5 om --clobber >/dev/null 2>&1
  osdmaptool om --import-crush "$map" >/dev/null 2>&1
  echo "weight-set map $map"
  compare --mark-up-in
  compare --mark-up-in --adjust-crush-weight 0:0.25
  compare --mark-up-in --adjust-crush-weight 7:3
  compare --mark-up-in --adjust-crush-weight 9:0
  compare --mark-up-in --adjust-crush-weight 1:2.5,9:0,20:0.75,33:1.5
  compare --mark-up-in --mark-out 3 --adjust-crush-weight 40:2,41:0.5
  compare --mark-up-in --adjust-crush-weight 999:1 2>/dev/null  # no such OSD: the sets still change
  compare --mark-up-in --adjust-crush-weight 0:inf  # Ceph stores 0x80000000 (an int < 0 to straw2)
  compare --adjust-crush-weight 0:0.25
done
echo "PASS: pipeline identical to osdmaptool ($upmaps upmap entries in the map)"
