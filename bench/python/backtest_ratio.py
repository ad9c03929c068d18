#!/usr/bin/python3
"""Backtest speed against the Python reference, on the same data (issue 9: "at least 50x").

Runs `sharpline backtest --dataset D` (every season the data holds) and then
reference_pipeline.py on the same dataset, one after the other, and prints one JSON line per
figure: the backtest's events/s and records/s (its "throughput:" line), the reference's, and
the ratio of events/s. Events (matches, games) are the comparable unit: the backtest's records
include results and weather, and on nfl-snapshots it is fed only the quotes that changed, while
the reference reads every quote of every poll.

  bench/python/backtest_ratio.py --sharpline build-rel/sharpline --data-dir ../shared/data \\
      [--dataset football-data|nfl-snapshots ...] [--quick]
"""

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
THROUGHPUT = re.compile(r"throughput: (\d+) events, (\d+) records in ([\d.]+) s: (\d+) events/s, "
                        r"(\d+) records/s")
LOADED = re.compile(r"backtest: \d+ events, \d+ quotes")
PY_CPU = re.compile(r"\(([\d.]+) s CPU\)")


def _cpu_seconds(pid):
    """User + system CPU of a running process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def backtest(sharpline, data_dir, dataset):
    """Events, records, wall seconds (the throughput line) and CPU seconds of the replay.

    The CPU time leaves out loading: it is read when the command reports the dataset loaded.
    On a shared machine it is the steadier figure (wall time counts the other processes)."""
    command = [sharpline, "backtest", "--dataset", dataset, "--data-dir", data_dir]
    print("backtest_ratio: " + " ".join(command), file=sys.stderr)
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    loaded_cpu, errors = None, []
    for line in proc.stderr:
        if loaded_cpu is None and LOADED.match(line):
            loaded_cpu = _cpu_seconds(proc.pid)
        errors.append(line)
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"backtest_ratio: sharpline backtest exited {proc.returncode}: "
                 + "".join(errors[-5:]))
    match = THROUGHPUT.search(stdout)
    if not match or loaded_cpu is None:
        sys.exit("backtest_ratio: no load or throughput line in sharpline backtest's output")
    events, records, seconds, _, _ = match.groups()
    cpu = usage.ru_utime + usage.ru_stime - loaded_cpu
    return int(events), int(records), float(seconds), cpu


def reference(data_dir, dataset, quick):
    command = [sys.executable, str(HERE / "reference_pipeline.py"), "--data-dir", data_dir,
               "--dataset", dataset] + (["--quick"] if quick else [])
    print("backtest_ratio: " + " ".join(command), file=sys.stderr)
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    sys.stderr.write(done.stderr)
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sharpline", default=str(HERE.parents[1] / "build-rel" / "sharpline"))
    parser.add_argument("--data-dir", default=os.environ.get(
        "SHARPLINE_DATA_DIR", str(HERE.parents[2] / "shared" / "data")))
    parser.add_argument("--dataset", action="append",
                        choices=["football-data", "nfl-snapshots"])
    parser.add_argument("--quick", action="store_true",
                        help="the reference on a few files only (no ratio)")
    args = parser.parse_args()
    cores = os.cpu_count()
    for dataset in args.dataset or ["football-data", "nfl-snapshots"]:
        name = dataset.replace("-", "_")
        figures = reference(args.data_dir, dataset, args.quick)
        for figure in figures:
            print(json.dumps(figure), flush=True)
        if args.quick:
            continue
        events, records, seconds, cpu = backtest(args.sharpline, args.data_dir, dataset)
        ours = events / seconds
        detail = (f"{events} events, {records} records in {seconds:.2f} s wall, {cpu:.2f} s CPU "
                  "(loading excluded), all seasons, default strategy")
        print(json.dumps({"name": f"backtest/{name}_events_per_s", "value": round(ours, 1),
                          "unit": "events/s", "cores": cores, "detail": detail}))
        print(json.dumps({"name": f"backtest/{name}_records_per_s",
                          "value": round(records / seconds, 1), "unit": "records/s",
                          "cores": cores, "detail": detail}))
        reference_events = next(f for f in figures if f["unit"] == "events/s")
        theirs = reference_events["value"]
        their_cpu = float(PY_CPU.search(reference_events["detail"]).group(1))
        their_events = int(re.search(r"(\d+) events, processing",
                                     reference_events["detail"]).group(1))
        for suffix, ratio, how in (
                ("", ours / theirs, f"wall events/s: {ours:.1f} (sharpline backtest) / "
                                    f"{theirs:.1f} (reference)"),
                ("_cpu", (events / cpu) / (their_events / their_cpu),
                 f"events per CPU second: {events / cpu:.1f} (sharpline backtest) / "
                 f"{their_events / their_cpu:.1f} (reference)")):
            print(json.dumps({"name": f"backtest/{name}_vs_python_reference{suffix}",
                              "value": round(ratio, 2), "unit": "x", "cores": cores,
                              "detail": how + "; both one thread"}), flush=True)

if __name__ == "__main__":
    main()
