#!/usr/bin/env bash
# The whole placement pipeline on synthetic maps, against osdmaptool: 120 OSDs in hosts
# and racks, pg_num not a power of two and pgp_num < pg_num, balancer upmaps, OSDs out,
# reweights (in every bucket algorithm, straw v1 under both straw_calc_versions). Every PG's
# raw, up and acting sets and primaries must be identical.
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
echo "PASS: pipeline identical to osdmaptool ($upmaps upmap entries in the map)"
