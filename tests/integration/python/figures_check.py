#!/usr/bin/python3
"""Checks bench figure lines on stdin: every line is one JSON object with a non-empty name, a
finite non-negative number value, a unit and the core count, and every name given on the command
line is among them. Speeds are not judged (they live in bench/, not in tests).

  figures_check.py NAME [NAME ...] < figures
"""

import json
import math
import os
import sys


def main():
    seen = {}
    for number, line in enumerate(sys.stdin, 1):
        line = line.strip()
        if not line:
            continue
        try:
            figure = json.loads(line)
        except json.JSONDecodeError as e:
            sys.exit(f"line {number} is not JSON ({e}): {line}")
        for key in ("name", "value", "unit", "cores"):
            if key not in figure:
                sys.exit(f"line {number} has no '{key}': {line}")
        value = figure["value"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value) or value < 0:
            sys.exit(f"line {number}: value is not a finite number >= 0: {line}")
        if not figure["name"] or not figure["unit"]:
            sys.exit(f"line {number}: empty name or unit: {line}")
        if figure["cores"] != os.cpu_count():
            sys.exit(f"line {number}: cores {figure['cores']}, the machine has {os.cpu_count()}")
        seen[figure["name"]] = figure
    missing = [name for name in sys.argv[1:] if name not in seen]
    if missing:
        sys.exit(f"missing figures {missing}; got {sorted(seen)}")
    print(f"{len(seen)} figures ok")


if __name__ == "__main__":
    main()
