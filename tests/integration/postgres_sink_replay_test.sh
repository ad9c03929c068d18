#!/usr/bin/env bash
# `sharpline sink postgres` on a replayed slice of real data: three days of the 2025 NFL season
# (hourly odds snapshots of 11 books, results, weather) go through `sharpline run` onto a
# `sharpline broker`; `sharpline dump` records what the pipeline published; the sink then stores
# it in a PostgreSQL 15 server this test starts, and every table must hold exactly the rows the
# dumped records call for (one per natural key). Exit 77 (skip) without the shared data or
# PostgreSQL outside CI. The scenarios with faults (restarts, outages, dead letters) are in
# postgres_sink_test.sh.
set -euo pipefail
SHARPLINE=${1:?usage: $0 path/to/sharpline}
SRC=${SHARPLINE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
DATA=${SHARPLINE_DATA_DIR:-$SRC/../shared/data}
PY=/usr/bin/python3
PGHELPER="$PY $SRC/tests/integration/python/sink_postgres_server.py"
skip_or_fail() {
  if [[ -z "${CI:-}" ]]; then echo "SKIP: $*" >&2; exit 77; fi
  echo "FAIL: $* (required in CI)" >&2
  exit 1
}
[[ -f "$DATA/odds_api_v4/nfl_2025_season_snapshots_hourly.jsonl.gz" ]] || skip_or_fail "no shared data in $DATA"
{ $PGHELPER available && command -v psql >/dev/null; } || skip_or_fail "PostgreSQL 15 or psql missing"
WORK=$(mktemp -d)
chmod 755 "$WORK"  # the server runs as the postgres user when we are root
PIDS=()
PG="$WORK/pg"
cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  $PGHELPER stop "$PG" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for f in "$WORK"/*.log; do echo "--- $f" >&2; grep -v '"level":"info"' "$f" | tail -15 >&2 || true; done
  exit 1
}

"$SHARPLINE" broker --bootstrap-file "$WORK/bus" --http 127.0.0.1:0 >/dev/null 2>"$WORK/broker.log" &
PIDS+=($!)
for _ in $(seq 1 100); do [[ -s "$WORK/bus" ]] && break; sleep 0.1; done
[[ -s "$WORK/bus" ]] || fail "broker did not start"
HTTP=$(grep -o '"http":"[0-9.]*:[0-9]*"' "$WORK/broker.log" | head -1 | cut -d'"' -f4)
BUS=(--bootstrap "$(cat "$WORK/bus")" --schema-registry "http://$HTTP")

# The pipeline on the slice: Thursday night to Saturday of week 2, so results arrive and grades
# are published too. The embedded broker needs mirrored offset commits (docs/runtime.md).
"$SHARPLINE" run "${BUS[@]}" --from 2025-09-11 --until 2025-09-13 --data-dir "$DATA" \
  --model-dir "$WORK/models" --http 127.0.0.1:0 --summary-json "$WORK/summary.json" \
  --set stage.mirror.offset.commits=true \
  >"$WORK/run.out" 2>"$WORK/run.log" || fail "sharpline run exited $?"
TOPICS=sharpline.events.v1,sharpline.predictions.v1,sharpline.opportunities.v1,sharpline.grades.v1
"$SHARPLINE" dump "${BUS[@]}" --topics "$TOPICS" --out "$WORK/dump" >"$WORK/dump.out" \
  2>"$WORK/dump.log" || fail "dump"

# What the dumped records call for, per table, from the schema's natural keys. Tables that keep a
# current state (events, predictions, opportunities and their child rows) count distinct ids;
# the lifecycle history counts distinct (opportunity, as_of, state).
$PY - "$WORK/dump" >"$WORK/expected.json" <<'PY' || fail "reading the dump"
import json, sys
dump = sys.argv[1]
manifest = json.load(open(f"{dump}/manifest.json"))
def values(topic):
    info = manifest["topics"][topic]
    return [json.loads(l)["value"] for l in open(f"{dump}/{info['file']}") if l.strip()]
last = lambda rows, key: {key(r): r for r in rows}
events = last(values("sharpline.events.v1"), lambda r: r["event_id"])
preds = last(values("sharpline.predictions.v1"), lambda r: r["prediction_id"])
opps_all = values("sharpline.opportunities.v1")
opps = last(opps_all, lambda r: r["opportunity_id"])
grades = last(values("sharpline.grades.v1"), lambda r: (r["opportunity_id"], r["kind"]))
expected = {
    "events": len(events),
    "predictions": len(preds),
    "prediction_outcomes": sum(len(p["outcomes"]) for p in preds.values()),
    "opportunities": len(opps),
    "opportunity_legs": sum(len(o["legs"]) for o in opps.values()),
    "opportunity_transitions": len({(o["opportunity_id"], o["as_of_ms"], o["state"]) for o in opps_all}),
    "grades": len(grades),
    "grade_legs": sum(len(g["legs"]) for g in grades.values()),
}
records = sum(info["records"] for info in manifest["topics"].values())
for table in ("events", "predictions", "opportunities", "grades"):
    assert expected[table] > 0, (table, expected)
print(json.dumps({"tables": expected, "records": records}))
PY

PORT=$($PGHELPER start "$PG")
sql() { psql -h 127.0.0.1 -p "$PORT" -U sink -d sink -tAX -v ON_ERROR_STOP=1 -c "$1"; }
"$SHARPLINE" sink postgres "${BUS[@]}" --http 127.0.0.1:0 \
  --dsn "host=127.0.0.1 port=$PORT user=sink dbname=sink connect_timeout=5" \
  >/dev/null 2>"$WORK/sink.log" &
SINK=$!
PIDS+=($SINK)
want=$($PY -c "import json,sys; print(json.load(open(sys.argv[1]))['records'])" "$WORK/expected.json")
have=0
for _ in $(seq 1 1200); do
  have=$(sql "SELECT coalesce(sum(next_offset), 0) FROM sink_offsets" 2>/dev/null || echo 0)
  [[ "$have" == "$want" ]] && break
  sleep 0.1
done
[[ "$have" == "$want" ]] || fail "the sink stored offsets for $have of $want records"
kill -TERM "$SINK"
wait "$SINK" || fail "sink did not stop cleanly"

$PY - "$WORK/expected.json" <<'PY' >"$WORK/tables.txt" || fail "expected tables"
import json, sys
for table, n in json.load(open(sys.argv[1]))["tables"].items():
    print(table, n)
PY
while read -r table n; do
  got=$(sql "SELECT count(*) FROM $table")
  [[ "$got" == "$n" ]] || fail "$table has $got rows, the dump calls for $n"
done <"$WORK/tables.txt"
# The current state is each opportunity's newest record, and nothing was dead-lettered.
[[ $(sql "SELECT count(*) FROM opportunities o WHERE o.as_of <> (SELECT max(t.as_of) FROM opportunity_transitions t WHERE t.opportunity_id = o.opportunity_id)") == 0 ]] ||
  fail "an opportunity's current state is not its newest transition"
grep -q '"msg":"record dead-lettered"\|"dead letter' "$WORK/sink.log" && fail "the sink dead-lettered real records"
echo "postgres sink on a replayed slice: ok ($(tr '\n' ' ' <"$WORK/tables.txt"))"
