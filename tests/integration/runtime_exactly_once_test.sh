#!/usr/bin/env bash
# The stream runtime with stages as separate processes on the embedded broker:
#  (a) two instances split the partitions and produce the same output as one instance;
#  (b) kill -9 of an instance mid-stream, then a restart: state is restored from the
#      changelog and the output has no loss and no double counting;
#  (c) poison records land in the dead-letter topic with their headers; processing goes on.
# The embedded broker shows records of aborted transactions to read_committed consumers (a
# real broker hides them), so output is compared as a set of distinct values: every value
# "k=n" is deterministic, so a visible aborted duplicate is identical to its committed twin,
# while lost or double-counted records would change the set.
set -euo pipefail
SHARPLINE=${1:?usage: $0 path/to/sharpline}
STAGE=${SHARPLINE_COUNTING_STAGE:?set by ctest}
SRC=${SHARPLINE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
TOOL="/usr/bin/python3 $SRC/tests/integration/python/counting_tool.py"
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for f in "$WORK"/*.log; do echo "--- $f" >&2; grep -v '"level":"info"' "$f" | tail -20 >&2 || true; done
  exit 1
}

start_broker() {  # $1: name
  rm -f "$WORK/$1.bus"
  "$SHARPLINE" broker --bootstrap-file "$WORK/$1.bus" --http 127.0.0.1:0 --topic test.input:4 \
    --topic test.counts:4 --topic test.ticks:4 --topic sharpline-counting-counts-changelog:4 \
    >/dev/null 2>"$WORK/$1-broker.log" &
  PIDS+=($!)
  BROKER_PID=$!
  for _ in $(seq 1 100); do [[ -s "$WORK/$1.bus" ]] && break; sleep 0.1; done
  [[ -s "$WORK/$1.bus" ]] || fail "broker $1 did not start"
  BOOTSTRAP=$(cat "$WORK/$1.bus")
}
start_stage() {  # $1: instance id, $2: log name
  "$STAGE" --bootstrap "$BOOTSTRAP" --instance "$1" --state-dir "$WORK/state-$1" \
    --mirror-offset-commits 2>"$WORK/$2.log" &
  PIDS+=($!)
  LAST_STAGE_PID=$!
}
stop() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
field() { /usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))$2)" "$1"; }

RECORDS=400; KEYS=12; POISON_EVERY=50
EXPECTED=$((RECORDS - RECORDS / POISON_EVERY))

# (a) one instance, then two instances on a fresh broker: the same distinct output.
start_broker single
$TOOL produce --bootstrap "$BOOTSTRAP" --records $RECORDS --keys $KEYS --poison-every $POISON_EVERY
start_stage solo single-stage
SOLO=$LAST_STAGE_PID
$TOOL collect --bootstrap "$BOOTSTRAP" --expect $EXPECTED >"$WORK/single.json"
stop "$SOLO"; stop "$BROKER_PID"
[[ $(field "$WORK/single.json" "['distinct']") -eq $EXPECTED ]] || fail "single instance: $(cat "$WORK/single.json" | head -c 400)"

start_broker pair
$TOOL produce --bootstrap "$BOOTSTRAP" --records $RECORDS --keys $KEYS --poison-every $POISON_EVERY
start_stage one pair-one; ONE=$LAST_STAGE_PID
start_stage two pair-two; TWO=$LAST_STAGE_PID
$TOOL collect --bootstrap "$BOOTSTRAP" --expect $EXPECTED >"$WORK/pair.json"
stop "$ONE"; stop "$TWO"
/usr/bin/python3 - "$WORK/single.json" "$WORK/pair.json" <<'PY' || fail "two instances differ from one"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
assert a["values"] == b["values"], (len(a["values"]), len(b["values"]))
assert a["final"] == b["final"]
PY
grep -q '"partitions assigned"' "$WORK/pair-one.log" && grep -q '"partitions assigned"' "$WORK/pair-two.log" \
  || fail "both instances should have been assigned partitions"

# (c) poison records: dead letters with source, stage and error headers.
/usr/bin/python3 - "$WORK/pair.json" $((RECORDS / POISON_EVERY)) <<'PY' || fail "dead letters"
import json, sys
summary, expected = json.load(open(sys.argv[1])), int(sys.argv[2])
dead = summary["dead_letters"]
assert len({(d["headers"]["sharpline.dlq.source.partition"], d["headers"]["sharpline.dlq.source.offset"]) for d in dead}) == expected, len(dead)
for d in dead:
    h = d["headers"]
    assert h["sharpline.dlq.source.topic"] == "test.input", h
    assert h["sharpline.dlq.stage"] == "counting", h
    assert h["sharpline.dlq.error.kind"] == "validation", h
    assert h["sharpline.dlq.error.message"] == "value says poison", h
    assert d["value"] == "validation:value says poison", d
PY
stop "$BROKER_PID"

# (b) kill -9 mid-stream, restart with the same instance id: restored state, nothing lost or
# counted twice.
start_broker crash
$TOOL produce --bootstrap "$BOOTSTRAP" --records 1000 --keys $KEYS --poison-every $POISON_EVERY
start_stage victim crash-first; VICTIM=$LAST_STAGE_PID
for _ in $(seq 1 200); do
  grep -q '"partitions assigned"' "$WORK/crash-first.log" 2>/dev/null && break; sleep 0.1
done
# Keep records arriving while the instance works, and kill it in the middle of that, once it
# has committed some output (so its state is in the changelog, whatever the machine's speed).
( for batch in $(seq 0 19); do
    $TOOL produce --bootstrap "$BOOTSTRAP" --records 50 --start $((1000 + batch * 50)) --keys $KEYS \
      --poison-every $POISON_EVERY
    sleep 0.2
  done ) &
FEEDER=$!
$TOOL collect --bootstrap "$BOOTSTRAP" --expect 300 --timeout 60 >/dev/null
kill -0 "$FEEDER" 2>/dev/null || echo "note: the feeder finished before the kill" >&2
kill -9 "$VICTIM"; wait "$VICTIM" 2>/dev/null || true
wait "$FEEDER"
start_stage victim crash-second; AGAIN=$LAST_STAGE_PID
TOTAL=2000; EXPECTED=$((TOTAL - TOTAL / POISON_EVERY))
$TOOL collect --bootstrap "$BOOTSTRAP" --expect $EXPECTED --timeout 90 >"$WORK/crash.json"
stop "$AGAIN"
/usr/bin/python3 - "$WORK/crash.json" $TOTAL $KEYS $POISON_EVERY <<'PY' || fail "after kill -9: $(head -c 300 "$WORK/crash.json")"
import json, sys
summary = json.load(open(sys.argv[1]))
total, keys, poison_every = map(int, sys.argv[2:])
expected = {}
for i in range(total):
    if i % poison_every != poison_every - 1:
        expected[f"k{i % keys}"] = expected.get(f"k{i % keys}", 0) + 1
want = sorted(f"{k}={n}" for k, c in expected.items() for n in range(1, c + 1))
assert summary["values"] == want, f"{len(summary['values'])} distinct values, expected {len(want)}"
assert summary["final"] == expected
print(f"after kill -9: {summary['distinct']} distinct outputs, {summary['duplicates']} visible duplicates (aborted or replayed on the embedded broker)")
PY
# The restarted instance found state written by the killed one in the changelog.
grep '"store restored"' "$WORK/crash-second.log" | grep -qv '"records":0' || fail "restart restored nothing"
echo "runtime exactly-once: OK"
