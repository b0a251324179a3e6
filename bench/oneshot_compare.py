#!/usr/bin/python3
"""One-shot command comparison: rados-client against librados's `rados`, side by side.

Runs each pair of commands alternately on the same cluster (so both see the same machine
noise), N rounds, measuring each process's wall time, CPU time (user + system) and peak RSS
with /usr/bin/time. Prints medians and the ratios ours/librados, and writes them as JSON and
Markdown under bench/results/.

Cases: lspools; put, get and stat of a 4 MiB object; ls of a pool of --objects objects
(10,000 by default; its objects/s is reported too). The pool is created and filled first
(with librados's Python binding, so the fill costs neither client anything) and removed
at the end. Both clients must print the same output for a case to count.

    bench/oneshot_compare.py [--rounds 30] [--objects 10000] [--out bench/results]
                             [--client build/bin/rados-client]

Needs CEPH_CONF (e.g. from `scripts/dev-cluster env`).
"""
import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

POOL = "bench-oneshot"
LIST_POOL = "bench-listing"


def cases(sample):
    """name -> (our command, librados's command); both must print the same."""
    return {
        "lspools": (["lspools"], ["lspools"]),
        "put 4 MiB": (["-p", POOL, "put", "obj", sample], ["-p", POOL, "put", "obj", sample]),
        "get 4 MiB": (["-p", POOL, "get", "obj", "-"], ["-p", POOL, "get", "obj", "-"]),
        "stat": (["-p", POOL, "stat", "obj"], ["-p", POOL, "stat", "obj"]),
        "ls": (["-p", LIST_POOL, "ls"], ["-p", LIST_POOL, "ls"]),
    }


def setup_pools(objects):
    """Creates the pools; fills the listing pool with `objects` small objects."""
    # librados's binding (Debian's python3-rados, for /usr/bin/python3: hence the shebang);
    # the fill is not what is measured.
    import rados
    for pool in (POOL, LIST_POOL):
        subprocess.run(["ceph", "osd", "pool", "create", pool, "32", "32"], check=True,
                       capture_output=True)
    with rados.Rados(conffile=os.environ["CEPH_CONF"]) as cluster:
        with cluster.open_ioctx(LIST_POOL) as io:
            pending = []
            for i in range(objects):
                pending.append(io.aio_write_full(f"object-{i}", b"x"))
                if len(pending) >= 256:
                    for c in pending:
                        c.wait_for_complete()
                    pending.clear()
            for c in pending:
                c.wait_for_complete()


def remove_pools():
    for pool in (POOL, LIST_POOL):
        subprocess.run(["ceph", "osd", "pool", "rm", pool, pool, "--yes-i-really-really-mean-it"],
                       capture_output=True)


def measure(argv):
    """Wall time, CPU time and peak RSS of one process.

    The command runs under /usr/bin/time, whose own report gives the peak RSS: rusage read
    here would include the pages of this interpreter, which the child shares until it execs.
    Wall and CPU time come from wait4 (microseconds; the CPU of `time` itself is included
    and is the same small constant for both clients).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as rss:
        argv = ["/usr/bin/time", "-o", rss.name, "-f", "%M", shutil.which(argv[0])] + argv[1:]
        actions = [(os.POSIX_SPAWN_DUP2, out.fileno(), 1), (os.POSIX_SPAWN_DUP2, err.fileno(), 2)]
        begin = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - begin
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"failed: {' '.join(argv)}: {err.read().decode().strip()}")
        return {"wall_ms": wall * 1000, "cpu_ms": (usage.ru_utime + usage.ru_stime) * 1000,
                "rss_kb": int(rss.read().split()[-1]), "stdout": out.read()}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--objects", type=int, default=10000)
    parser.add_argument("--out", default=os.path.join(here, "results"))
    parser.add_argument("--client", default=os.path.join(here, "..", "build", "bin", "rados-client"))
    args = parser.parse_args()
    args.client = os.path.abspath(args.client)
    if "CEPH_CONF" not in os.environ:
        sys.exit("CEPH_CONF is not set: eval \"$(scripts/dev-cluster env)\" first")

    remove_pools()
    setup_pools(args.objects)
    sample = tempfile.NamedTemporaryFile(prefix="radosio-bench-")
    sample.write(os.urandom(4 << 20))
    sample.flush()
    results = {}
    try:
        run_cases(args, cases(sample.name), results)
    finally:
        remove_pools()
    # Listing speed: objects per second of wall time, whole process included.
    for who in ("radosio", "librados"):
        wall = results["ls"]["wall_ms"][who]
        results["ls"].setdefault("objects_per_s", {})[who] = args.objects / (wall / 1000)
    ls_rate = results["ls"]["objects_per_s"]
    ls_rate["ratio"] = ls_rate["radosio"] / ls_rate["librados"]
    write_report(args, results)


def run_cases(args, case_table, results):
    for name, (ours, theirs) in case_table.items():
        samples = {"radosio": [], "librados": []}
        for round_no in range(args.rounds):
            # Alternate which goes first so that neither always gets the warmer cache.
            order = [("radosio", [args.client] + ours), ("librados", ["rados"] + theirs)]
            if round_no % 2:
                order.reverse()
            outputs = {}
            for who, argv in order:
                m = measure(argv)
                outputs[who] = m.pop("stdout")
                samples[who].append(m)
            if outputs["radosio"] != outputs["librados"]:
                sys.exit(f"{name}: outputs differ:\n{outputs['radosio']}\nvs\n{outputs['librados']}")
        row = {}
        for metric in ("wall_ms", "cpu_ms", "rss_kb"):
            ours_med = statistics.median(s[metric] for s in samples["radosio"])
            theirs_med = statistics.median(s[metric] for s in samples["librados"])
            row[metric] = {"radosio": ours_med, "librados": theirs_med,
                           "ratio": ours_med / theirs_med if theirs_med else None}
        results[name] = row


def write_report(args, results):
    stamp = datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")
    report = {"when": stamp, "rounds": args.rounds, "objects_listed": args.objects,
              "cores": os.cpu_count(), "results": results}
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "oneshot.json"), "w") as f:
        json.dump(report, f, indent=2)
    lines = [f"# One-shot commands, rados-client vs rados (librados), {stamp}", "",
             f"Medians of {args.rounds} alternating runs on one local cluster; ratio = radosio / librados "
             "(lower is better).", "",
             "| command | metric | radosio | librados | ratio |", "|---|---|---|---|---|"]
    for name, row in results.items():
        for metric, unit in (("wall_ms", "ms"), ("cpu_ms", "ms"), ("rss_kb", "KiB")):
            r = row[metric]
            lines.append(f"| {name} | {metric.split('_')[0]} | {r['radosio']:.1f} {unit} | "
                         f"{r['librados']:.1f} {unit} | {r['ratio']:.2f} |")
    rate = results["ls"]["objects_per_s"]
    lines += ["", f"Listing {args.objects} objects (`ls`, whole process): radosio {rate['radosio']:.0f} objects/s, "
              f"librados {rate['librados']:.0f} objects/s (ratio {rate['ratio']:.2f}, higher is better)."]
    text = "\n".join(lines) + "\n"
    with open(os.path.join(args.out, "oneshot.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
