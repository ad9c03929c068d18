#!/usr/bin/env bash
# Separate processes over real Kafka protocol: `sharpline broker` serves the bus and the schema
# registry, `sharpline produce` publishes, and a Python confluent-kafka client decodes the
# records with python3-avro using the registry; `sharpline consume` reads them too.
set -euo pipefail
SHARPLINE=${1:?usage: $0 path/to/sharpline}
SRC=${SHARPLINE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
WORK=$(mktemp -d)
BROKER_PID=""
cleanup() {
  if [[ -n "$BROKER_PID" ]] && kill -0 "$BROKER_PID" 2>/dev/null; then kill "$BROKER_PID"; wait "$BROKER_PID" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; echo "--- broker log" >&2; cat "$WORK/broker.log" >&2 || true; exit 1; }

"$SHARPLINE" broker --bootstrap-file "$WORK/bus" --http 127.0.0.1:0 >"$WORK/broker.out" 2>"$WORK/broker.log" &
BROKER_PID=$!
for _ in $(seq 1 100); do [[ -s "$WORK/bus" ]] && break; sleep 0.1; done
[[ -s "$WORK/bus" ]] || fail "broker did not write its bootstrap file"
BOOTSTRAP=$(cat "$WORK/bus")
[[ "$(head -1 "$WORK/broker.out")" == "$BOOTSTRAP" ]] || fail "stdout does not start with the bootstrap list"
HTTP=$(grep -o '"http":"[0-9.]*:[0-9]*"' "$WORK/broker.log" | head -1 | cut -d'"' -f4)
[[ -n "$HTTP" ]] || fail "broker did not log its http address"
REGISTRY="http://$HTTP"
curl -fsS "$REGISTRY/ready" | grep -q ready || fail "/ready"
curl -fsS "$REGISTRY/subjects" | grep -q 'sharpline.odds.v1-value' || fail "/subjects lacks odds"

# The broker process created every declared topic; a client sees them with their partitions.
"$SHARPLINE" topics list --bootstrap "$BOOTSTRAP" >"$WORK/topics.jsonl" 2>/dev/null || fail "topics list"
/usr/bin/python3 - "$WORK/topics.jsonl" <<'PY' || fail "topics list --bootstrap: $(head -c 300 "$WORK/topics.jsonl")"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) >= 10 and all(r["exists"] and r["actual_partitions"] == r["partitions"] for r in rows), rows
PY
# `topics apply` against it needs the Admin API, which the embedded broker lacks: a clear error.
set +e
"$SHARPLINE" topics apply --bootstrap "$BOOTSTRAP" >/dev/null 2>"$WORK/apply.err"
code=$?
set -e
[[ $code -eq 1 ]] && grep -q "Admin API" "$WORK/apply.err" || fail "topics apply on the embedded broker: exit $code, $(cat "$WORK/apply.err")"

# Three quotes for different events, derived from the schema's example record.
/usr/bin/python3 - "$SRC/schemas/examples/odds_quote.json" >"$WORK/quotes.jsonl" <<'PY'
import json, sys
base = json.load(open(sys.argv[1]))
for i, price in enumerate([1.91, 2.05, 3.4]):
    r = dict(base, event_id=f"evt-{i}", price=price)
    print(json.dumps(r))
PY

"$SHARPLINE" produce --bootstrap "$BOOTSTRAP" --schema-registry "$REGISTRY" \
  --topic sharpline.odds.v1 --json "$WORK/quotes.jsonl" >"$WORK/produce.out" 2>"$WORK/produce.log" \
  || { cat "$WORK/produce.log"; fail "produce"; }
grep -q '"records":3' "$WORK/produce.out" || fail "produce summary: $(cat "$WORK/produce.out")"

# A bad record is refused with its position and field, and nothing of its batch is sent.
printf '%s\n' "$(head -1 "$WORK/quotes.jsonl")" '{"event_id":"x","price":"abc"}' >"$WORK/bad.jsonl"
set +e
"$SHARPLINE" produce --bootstrap "$BOOTSTRAP" --schema-registry "$REGISTRY" \
  --topic sharpline.odds.v1 --json "$WORK/bad.jsonl" >/dev/null 2>"$WORK/bad.err"
code=$?
set -e
[[ $code -eq 1 ]] || fail "bad record: exit $code, expected 1"
grep -q "line 2" "$WORK/bad.err" || fail "bad record error lacks position: $(cat "$WORK/bad.err")"

/usr/bin/python3 "$SRC/tests/integration/python/consume_decode.py" --bootstrap "$BOOTSTRAP" \
  --registry "$REGISTRY" --topic sharpline.odds.v1 --expect "$WORK/quotes.jsonl" \
  || fail "python consumer"

# sharpline consume in another process reads the same three records back.
"$SHARPLINE" consume --bootstrap "$BOOTSTRAP" --schema-registry "$REGISTRY" --topic sharpline.odds.v1 \
  --from-beginning --max 3 --idle-timeout 20000 >"$WORK/consumed.jsonl" 2>"$WORK/consume.log" \
  || { cat "$WORK/consume.log"; fail "consume"; }
/usr/bin/python3 - "$WORK/quotes.jsonl" "$WORK/consumed.jsonl" <<'PY' || fail "consume output differs"
import json, sys
canon = lambda p: sorted(json.dumps(json.loads(l), sort_keys=True) for l in open(p) if l.strip())
sys.exit(0 if canon(sys.argv[1]) == canon(sys.argv[2]) else 1)
PY

# The broker stops cleanly on SIGTERM and removes its bootstrap file.
kill -TERM "$BROKER_PID"
wait "$BROKER_PID" || fail "broker exit code $? on SIGTERM"
BROKER_PID=""
[[ ! -e "$WORK/bus" ]] || fail "bootstrap file left behind"
echo "broker interop: OK"
