#!/usr/bin/env python3
"""Renders `sharpline train --walk-forward season --report-json FILE` output as the Markdown
table docs/backtests.md shows: per test season, the model's log loss, Brier score and
calibration error next to the market's opening and closing consensus on the same games, plus a
row of game-weighted means.

Usage: tools/walk_forward_table.py WALK_FORWARD.json [...]
"""
import json
import sys


def table(path):
    report = json.load(open(path))
    leagues = ",".join(report.get("leagues") or []) or "all"
    lines = [f"**{report['dataset']} {leagues}, {report['market']}** (rows at {report['at']}; "
             f"{len(report['feature_names'])} features)", "",
             "| Season | Train | Test | Model LL | Open LL | Close LL | Model Brier | Open Brier "
             "| Close Brier | Model ECE | Rounds | Calibration |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    total = {"n": 0, "m": 0.0, "o": 0.0, "c": 0.0, "mb": 0.0, "ob": 0.0, "cb": 0.0}
    for s in report["seasons"]:
        n = s["test_rows"]
        lines.append(
            f"| {s['season']} | {s['train_rows']} | {n} | {s['model']['log_loss']:.4f} | "
            f"{s['market_open']['log_loss']:.4f} | {s['market_close']['log_loss']:.4f} | "
            f"{s['model']['brier']:.4f} | {s['market_open']['brier']:.4f} | "
            f"{s['market_close']['brier']:.4f} | {s['model_ece']:.4f} | {s['rounds']} | "
            f"{s['calibration']} |")
        total["n"] += n
        total["m"] += n * s["model"]["log_loss"]
        total["o"] += n * s["market_open"]["log_loss"]
        total["c"] += n * s["market_close"]["log_loss"]
        total["mb"] += n * s["model"]["brier"]
        total["ob"] += n * s["market_open"]["brier"]
        total["cb"] += n * s["market_close"]["brier"]
    if total["n"]:
        n = total["n"]
        lines.append(
            f"| **all** | | {n} | **{total['m'] / n:.4f}** | **{total['o'] / n:.4f}** | "
            f"**{total['c'] / n:.4f}** | {total['mb'] / n:.4f} | {total['ob'] / n:.4f} | "
            f"{total['cb'] / n:.4f} | | | |")
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    print("\n\n".join(table(p) for p in sys.argv[1:]))
