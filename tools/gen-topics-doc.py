#!/usr/bin/env python3
"""Regenerates the topic table in docs/topics.md from topics/*.json.

Usage: tools/gen-topics-doc.py  (rewrites the block between the TOPICS markers)
"""
import json
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
rows = []
for path in sorted((root / "topics").glob("*.json")):
    t = json.loads(path.read_text())
    ret = t.get("retention_ms")
    if ret is None:
        retention = "compacted" if "compact" in t["cleanup_policy"] else "broker default"
    elif ret < 0:
        retention = "forever"
    else:
        retention = f"{ret // 86400000} d"
    rows.append(
        f"| `{t['name']}` | {t['partitions']} | `{t['key']['field']}` ({t['key']['type']}) | "
        f"`{t['value']['schema']}` | {t['cleanup_policy']} | {retention} | "
        f"{t.get('co_partition_group', '') or '-'} | {t['description']} |"
    )
table = "\n".join(
    ["| Topic | Partitions | Key | Value schema | Cleanup | Retention | Co-partition group | Purpose |",
     "|---|---|---|---|---|---|---|---|"] + rows)
doc = root / "docs" / "topics.md"
text = doc.read_text()
text = re.sub(r"<!-- TOPICS -->.*<!-- /TOPICS -->",
              "<!-- TOPICS -->\n" + table + "\n<!-- /TOPICS -->", text, flags=re.S)
doc.write_text(text)
