#!/usr/bin/env bash
# `sharpline replay` and `sharpline dump` across two brokers: a football-data league-season
# replayed into broker A, dumped, replayed from the dump into broker B and dumped again. The two
# dumps must hold the same records (offsets and partitions aside), every count must match the
# dataset, and each partition's timestamps must be non-decreasing (replay is in event time).
# Exit 77 (skip) when the shared data folder is absent.
set -euo pipefail
SHARPLINE=${1:?usage: $0 path/to/sharpline}
SRC=${SHARPLINE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
DATA=${SHARPLINE_DATA_DIR:-$SRC/../shared/data}
if ! compgen -G "$DATA/football_data/E0_2223*.csv*" >/dev/null; then
  echo "SKIP: no football-data E0 2022/23 under $DATA" >&2
  exit 77
fi
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" || true; fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for log in "$WORK"/*.log; do echo "--- $log" >&2; tail -20 "$log" >&2; done
  exit 1
}

# Starts a broker; sets BOOTSTRAP and REGISTRY.
start_broker() {
  local name=$1
  "$SHARPLINE" broker --bootstrap-file "$WORK/$name.bus" --http 127.0.0.1:0 \
    >"$WORK/$name.out" 2>"$WORK/$name.log" &
  PIDS+=($!)
  for _ in $(seq 1 100); do [[ -s "$WORK/$name.bus" ]] && break; sleep 0.1; done
  [[ -s "$WORK/$name.bus" ]] || fail "broker $name did not write its bootstrap file"
  BOOTSTRAP=$(cat "$WORK/$name.bus")
  local http
  for _ in $(seq 1 50); do
    http=$(grep -o '"http":"[0-9.]*:[0-9]*"' "$WORK/$name.log" | head -1 | cut -d'"' -f4 || true)
    [[ -n "$http" ]] && break
    sleep 0.1
  done
  [[ -n "$http" ]] || fail "broker $name did not log its http address"
  REGISTRY="http://$http"
}

TOPICS=sharpline.odds.v1,sharpline.events.v1,sharpline.results.v1

# 1. The dataset into broker A.
start_broker a
BUS_A=(--bootstrap "$BOOTSTRAP" --schema-registry "$REGISTRY")
"$SHARPLINE" replay "${BUS_A[@]}" --dataset football-data --data-dir "$DATA" --league E0 \
  --seasons 2022 >"$WORK/replay1.json" 2>"$WORK/replay1.log" || fail "replay --dataset"
"$SHARPLINE" dump "${BUS_A[@]}" --topics "$TOPICS" --out "$WORK/dump1" \
  >"$WORK/dump1.out" 2>"$WORK/dump1.log" || fail "dump 1"

# 2. The dump into broker B, dumped again.
start_broker b
BUS_B=(--bootstrap "$BOOTSTRAP" --schema-registry "$REGISTRY")
"$SHARPLINE" replay "${BUS_B[@]}" --from-dump "$WORK/dump1" \
  >"$WORK/replay2.json" 2>"$WORK/replay2.log" || fail "replay --from-dump"
"$SHARPLINE" dump "${BUS_B[@]}" --topics "$TOPICS" --out "$WORK/dump2" \
  >"$WORK/dump2.out" 2>"$WORK/dump2.log" || fail "dump 2"

/usr/bin/python3 - "$WORK" <<'PY' || fail "dumps disagree"
import json, sys, collections
work = sys.argv[1]
replay1 = json.loads(open(f"{work}/replay1.json").read())
replay2 = json.loads(open(f"{work}/replay2.json").read())
data = replay1["dataset"]
pub = replay1["published"]
expect = {"sharpline.odds.v1": data["quotes"], "sharpline.events.v1": data["events"],
          "sharpline.results.v1": data["results"]}
assert data["quotes"] > 1000 and data["events"] > 300, data
for topic, count in expect.items():
    assert pub[topic] == count, (topic, pub[topic], count)
assert pub["sharpline.weather.v1"] == data["weather"], pub

def load(dump):
    manifest = json.load(open(f"{work}/{dump}/manifest.json"))
    records = {}
    for topic, info in manifest["topics"].items():
        rows = [json.loads(l) for l in open(f"{work}/{dump}/{info['file']}") if l.strip()]
        assert len(rows) == info["records"], (dump, topic)
        records[topic] = rows
    return manifest, records

def summary(path):
    return {r["topic"]: r["records"] for r in map(json.loads, open(path))}

m1, d1 = load("dump1")
m2, d2 = load("dump2")
s1, s2 = summary(f"{work}/dump1.out"), summary(f"{work}/dump2.out")
for topic, count in expect.items():
    assert len(d1[topic]) == count == s1[topic], (topic, len(d1[topic]), count, s1[topic])
    assert replay2["published"][topic] == count, (topic, replay2["published"])
    assert len(d2[topic]) == count == s2[topic], (topic, len(d2[topic]), count)

def canon(rows):
    return sorted(json.dumps({k: v for k, v in r.items() if k not in ("offset", "partition")},
                             sort_keys=True) for r in rows)
for topic in expect:
    assert canon(d1[topic]) == canon(d2[topic]), f"{topic}: records differ"
    for dump in (d1, d2):
        by_partition = collections.defaultdict(list)
        for r in dump[topic]:
            by_partition[r["partition"]].append(r)
        for rows in by_partition.values():
            offsets = [r["offset"] for r in rows]
            assert offsets == sorted(offsets), f"{topic}: offsets out of order"
            stamps = [r["timestamp_ms"] for r in rows]
            assert stamps == sorted(stamps), f"{topic}: timestamps decrease within a partition"
# The replay's event-time span covers every record.
stamps = [r["timestamp_ms"] for rows in d1.values() for r in rows]
assert replay1["first_ms"] == min(stamps) and replay1["last_ms"] >= max(stamps), replay1
print("ok", {t: len(d1[t]) for t in expect})
PY

# Bad input: a missing dump and a malformed line are clear errors naming the place.
set +e
"$SHARPLINE" replay "${BUS_B[@]}" --from-dump "$WORK/nope" >/dev/null 2>"$WORK/bad1.err"
code1=$?
cp -r "$WORK/dump1" "$WORK/bad"
sed -i '2s/.*/{"topic": oops/' "$WORK/bad/sharpline.events.v1.jsonl"
"$SHARPLINE" replay "${BUS_B[@]}" --from-dump "$WORK/bad" >/dev/null 2>"$WORK/bad2.err"
code2=$?
set -e
[[ $code1 -eq 1 ]] && grep -q "no such dump directory" "$WORK/bad1.err" \
  || fail "missing dump: exit $code1, $(cat "$WORK/bad1.err")"
[[ $code2 -eq 1 ]] && grep -q "sharpline.events.v1.jsonl:2: not valid JSON" "$WORK/bad2.err" \
  || fail "malformed dump line: exit $code2, $(cat "$WORK/bad2.err")"
echo "replay_dump_test: ok"
