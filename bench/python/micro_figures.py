#!/usr/bin/python3
"""Google Benchmark's JSON report (bench/micro) -> bench/run's figure lines.

  BM_Devig3Way/3 with label "shin"      -> odds_math/Devig3Way/shin, ns per market (CPU time)
  BM_InferenceBatch/4096 with its label -> inference/Batch/4096, rows/s (label as detail)
  BM_EloGame                            -> odds_math/EloGame, ns

  micro_figures.py REPORT.json
"""

import json
import os
import sys


def figures(report, cores):
    for b in report["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration":
            continue
        parts = b["name"].split("/")
        base = parts[0].removeprefix("BM_")
        label = b.get("label", "")
        if base.startswith("Inference"):
            name = "inference/" + "/".join([base.removeprefix("Inference")] + parts[1:])
            figure = {"name": name, "value": round(b["items_per_second"], 1), "unit": "rows/s",
                      "cores": cores}
            if label:
                figure["detail"] = label
        else:
            name = "odds_math/" + base + ("/" + label if label else "")
            figure = {"name": name, "value": round(b["cpu_time"], 3),
                      "unit": b.get("time_unit", "ns"), "cores": cores}
        yield figure


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    with open(sys.argv[1], encoding="utf-8") as f:
        report = json.load(f)
    for figure in figures(report, os.cpu_count()):
        print(json.dumps(figure))


if __name__ == "__main__":
    main()
