#!/usr/bin/env python3
"""Placement speed, radosio against osdmaptool on the same synthetic map.

Builds a map with crushtool/osdmaptool (OSDs in hosts and racks, balancer upmaps), then
  - times mapping every PG of the pool: `osdmaptool --test-map-pgs-dump-all` against
    `rados-client osd map-pgs --osdmap` (whole processes, same flags; outputs must be
    identical), medians of several runs;
  - runs bench_placement for in-process rates (PGs/s for a whole pool, objects/s for
    object -> acting primary).
Writes bench/results/placement.{json,md}.

    bench/placement_compare.py [--osds 240] [--pg-bits 6] [--runs 5]
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(argv, **kw):
    return subprocess.run(argv, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, **kw).stdout


def timed(argv, runs):
    samples, out = [], None
    for _ in range(runs):
        begin = time.perf_counter()
        out = run(argv)
        samples.append(time.perf_counter() - begin)
    return statistics.median(samples), out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--osds", type=int, default=240)
    ap.add_argument("--pg-bits", type=int, default=6)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "build", "bin"))
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    args = ap.parse_args()
    client = os.path.abspath(os.path.join(args.bin, "rados-client"))
    bench = os.path.abspath(os.path.join(args.bin, "bench_placement"))

    with tempfile.TemporaryDirectory() as work:
        om = os.path.join(work, "om")
        run(["crushtool", "--outfn", os.path.join(work, "crush"), "--build", "--num_osds", str(args.osds),
             "host", "straw2", "8", "rack", "straw2", "5", "root", "straw2", "0"])
        run(["osdmaptool", "--createsimple", str(args.osds), "--with-default-pool", "--pg-bits",
             str(args.pg_bits), "--pgp-bits", str(args.pg_bits), om, "--clobber"])
        run(["osdmaptool", om, "--import-crush", os.path.join(work, "crush")])
        run(["osdmaptool", om, "--mark-up-in", "--upmap", os.path.join(work, "up"), "--upmap-max", "500",
             "--upmap-deviation", "1", "--save"])
        theirs_s, theirs = timed(["osdmaptool", om, "--mark-up-in", "--test-map-pgs-dump-all", "--pool", "1"],
                                 args.runs)
        ours_s, ours = timed([client, "osd", "map-pgs", "1", "--osdmap", om, "--mark-up-in"], args.runs)
        theirs_lines = [l for l in theirs.decode().splitlines() if l.startswith("1.") and " raw " in l]
        if ours.decode().splitlines() != theirs_lines:
            sys.exit("outputs differ: results are not identical")
        pgs = len(theirs_lines)
        # In-process rates on the same map, its OSDs marked up and in as above.
        env = dict(os.environ, RADOSIO_BENCH_OSDMAP=om, RADOSIO_BENCH_POOL="1", RADOSIO_BENCH_MARK_UP_IN="1")
        raw = run([bench, "--benchmark_format=json"], env=env)
        rates = {b["name"]: b.get("items_per_second", 0) for b in json.loads(raw)["benchmarks"]}

    stamp = datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")
    report = {
        "when": stamp, "osds": args.osds, "pgs": pgs, "runs": args.runs,
        "every_pg_process": {"osdmaptool_s": theirs_s, "radosio_s": ours_s, "speedup": theirs_s / ours_s},
        "radosio_in_process": {"pgs_per_s": rates.get("bm_map_every_pg"),
                               "objects_per_s": rates.get("bm_object_to_primary")},
    }
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "placement.json"), "w") as f:
        json.dump(report, f, indent=2)
    md = "\n".join([
        f"# Placement, radosio vs osdmaptool, {stamp}", "",
        f"Synthetic map: {args.osds} OSDs (hosts of 8, racks of 5, straw2), {pgs} PGs, balancer upmaps; "
        f"identical output checked. Medians of {args.runs} runs.", "",
        "| measure | osdmaptool | radosio | speedup |", "|---|---|---|---|",
        f"| map every PG (whole process, incl. map decode) | {theirs_s*1000:.1f} ms | {ours_s*1000:.1f} ms | "
        f"{theirs_s/ours_s:.2f}x |",
        f"| PGs/s in process (raw+up+acting) | - | {rates.get('bm_map_every_pg', 0):,.0f} | |",
        f"| objects/s, object -> acting primary | - | {rates.get('bm_object_to_primary', 0):,.0f} | |",
        ""])
    with open(os.path.join(args.out, "placement.md"), "w") as f:
        f.write(md)
    print(md)


if __name__ == "__main__":
    main()
