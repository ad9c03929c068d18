#!/usr/bin/env bash
# `sharpline alerts webhook` end to end: alerts produced onto `sharpline broker`, two subscribers
# against a Python receiver that checks every HMAC signature:
#  - "healthy" (filters: NFL, EV >= 3%, severity >= notice) gets exactly the matching,
#    unexpired alerts, each once;
#  - "failing" (no filters, the receiver always answers 500) retries max_attempts times per
#    alert, then dead-letters it: every unexpired alert is on sharpline.deadletter.v1 with
#    stage "webhook/failing", and the healthy subscriber is not held up by it.
# Then a restart resumes behind the committed offsets: only a new alert is delivered.
set -euo pipefail
SHARPLINE=${1:?usage: $0 path/to/sharpline}
SHARPLINE=$(cd "$(dirname "$SHARPLINE")" && pwd)/$(basename "$SHARPLINE")  # the webhook runs in $WORK
SRC=${SHARPLINE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
PY=/usr/bin/python3
for tool in "$PY" curl; do
  if ! command -v "$tool" >/dev/null; then
    [[ -n "${CI:-}" ]] && { echo "FAIL: $tool missing in CI" >&2; exit 1; }
    echo "SKIP: $tool not installed"; exit 77
  fi
done
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for f in "$WORK"/*.log; do echo "--- $f" >&2; tail -25 "$f" >&2 || true; done
  exit 1
}
wait_for() {  # $1: seconds, rest: command
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do (( SECONDS < deadline )) || return 1; sleep 0.2; done
}

"$SHARPLINE" broker --bootstrap-file "$WORK/bus" --http 127.0.0.1:0 >/dev/null 2>"$WORK/broker.log" &
PIDS+=($!)
wait_for 20 test -s "$WORK/bus" || fail "broker did not start"
BOOTSTRAP=$(cat "$WORK/bus")
REGISTRY="http://$(grep -o '"http":"[0-9.]*:[0-9]*"' "$WORK/broker.log" | head -1 | cut -d'"' -f4)"
BUS=(--bootstrap "$BOOTSTRAP" --schema-registry "$REGISTRY")

export HEALTHY_SECRET="healthy-$RANDOM-secret" FAILING_SECRET="failing-$RANDOM-secret"
$PY "$SRC/tests/integration/python/webhook_receiver.py" --port-file "$WORK/port" \
  --log "$WORK/received.jsonl" --route healthy=HEALTHY_SECRET:200 \
  --route failing=FAILING_SECRET:500 2>"$WORK/receiver.log" &
PIDS+=($!)
wait_for 10 test -s "$WORK/port" || fail "receiver did not start"
PORT=$(cat "$WORK/port")

printf '%s' "$FAILING_SECRET" >"$WORK/failing.secret"
cat >"$WORK/subscribers.json" <<JSON
{"subscribers": [
  {"id": "healthy", "url": "http://127.0.0.1:$PORT/healthy", "secret_env": "HEALTHY_SECRET",
   "filters": {"sports": ["americanfootball_nfl"], "min_ev": 0.03, "min_severity": "notice"}},
  {"id": "failing", "url": "http://127.0.0.1:$PORT/failing", "secret_file": "failing.secret",
   "max_attempts": 3, "backoff": {"initial_ms": 10, "max_ms": 50}, "timeout_ms": 2000}
]}
JSON

# A bad subscribers file is a usage error (exit 2) naming the field.
echo '{"subscribers": [{"id": "x", "url": "http://127.0.0.1:1/", "secret_env": "HEALTHY_SECRET", "min_ev": 1}]}' >"$WORK/bad.json"
set +e
"$SHARPLINE" alerts webhook "${BUS[@]}" --subscribers "$WORK/bad.json" 2>"$WORK/bad.err" >/dev/null
code=$?
set -e
[[ $code -eq 2 ]] && grep -q "unknown field 'min_ev'" "$WORK/bad.err" || fail "bad file: exit $code, $(cat "$WORK/bad.err")"

# Alerts derived from the schema's example, one per event (the key).
make_alerts() {  # $@: alert ids
  $PY - "$SRC/schemas/examples/alert.json" "$@" <<'PY'
import json, sys, time
base = json.load(open(sys.argv[1]))
now = int(time.time() * 1000)
spec = {  # id: sport, kind, severity, expected_value, expires in ms from now
    "a1": ("americanfootball_nfl", "value", "notice", 0.049, 3600000),    # healthy
    "a2": ("americanfootball_nfl", "value", "info", 0.06, 3600000),       # severity too low
    "a3": ("soccer_epl", "value", "high", 0.08, 3600000),                 # other sport
    "a4": ("americanfootball_nfl", "arbitrage", "high", 0.031, 3600000),  # healthy
    "a5": ("americanfootball_nfl", "value", "high", 0.05, -60000),        # expired: nobody
    "a6": ("americanfootball_nfl", "steam", "high", None, None),          # no EV
    "a7": ("americanfootball_nfl", "value", "notice", 0.04, 3600000),     # healthy, after restart
}
for alert_id in sys.argv[2:]:
    sport, kind, severity, ev, expires = spec[alert_id]
    print(json.dumps(dict(base, alert_id=alert_id, event_id="evt-" + alert_id, sport=sport,
                          kind=kind, severity=severity, expected_value=ev, created_ms=now,
                          expires_ms=None if expires is None else now + expires)))
PY
}
make_alerts a1 a2 a3 a4 a5 a6 >"$WORK/alerts.jsonl"
"$SHARPLINE" produce "${BUS[@]}" --topic sharpline.alerts.v1 --json "$WORK/alerts.jsonl" \
  --key-field event_id >/dev/null 2>"$WORK/produce.log" || fail "produce"

start_webhook() {  # $1: log name
  (cd "$WORK" && exec "$SHARPLINE" alerts webhook "${BUS[@]}" --subscribers subscribers.json \
    --http 127.0.0.1:0 --set instance.id=test) >"$WORK/$1.out" 2>"$WORK/$1.log" &
  WEBHOOK_PID=$!
  PIDS+=($WEBHOOK_PID)
  wait_for 20 grep -qs '"webhook delivery started"' "$WORK/$1.log" || fail "$1 did not start"
  HTTP=$(grep '"webhook delivery started"' "$WORK/$1.log" | grep -o '"http":"[0-9.]*:[0-9]*"' | cut -d'"' -f4)
}
count_dead_letters() {
  "$SHARPLINE" consume "${BUS[@]}" --topic sharpline.deadletter.v1 --from-beginning \
    --idle-timeout 1500 >"$WORK/dlq.jsonl" 2>/dev/null || return 1
  [[ $(grep -c '"webhook/failing"' "$WORK/dlq.jsonl") -ge $1 ]]
}
routed() { [[ $(grep -c "\"route\": \"$1\"" "$WORK/received.jsonl" 2>/dev/null) -ge $2 ]]; }

start_webhook first
wait_for 30 routed healthy 2 || fail "healthy subscriber did not get its alerts"
wait_for 30 count_dead_letters 5 || fail "failing subscriber's dead letters: $(cat "$WORK/dlq.jsonl")"
curl -fsS "http://$HTTP/ready" >/dev/null || fail "/ready"
curl -fsS "http://$HTTP/metrics" >"$WORK/metrics.txt" || fail "/metrics"

$PY - "$WORK/received.jsonl" "$WORK/dlq.jsonl" "$WORK/metrics.txt" <<'PY' || fail "first run"
import base64, json, re, sys
received = [json.loads(l) for l in open(sys.argv[1])]
assert all(r["signature_ok"] for r in received), [r for r in received if not r["signature_ok"]]
assert all(r["content_type"] == "application/json" for r in received)
healthy = [r for r in received if r["route"] == "healthy"]
assert sorted(r["alert_id"] for r in healthy) == ["a1", "a4"], healthy
assert all(r["attempt"] == 1 and r["subscriber"] == "healthy" for r in healthy), healthy
assert all(r["body"]["alert_id"] == r["alert_id"] and r["body"]["sport"] == "americanfootball_nfl"
           for r in healthy), healthy
failing = [r for r in received if r["route"] == "failing"]
attempts = {}
for r in failing:
    attempts.setdefault(r["alert_id"], []).append(r["attempt"])
assert attempts == {a: [1, 2, 3] for a in ["a1", "a2", "a3", "a4", "a6"]}, attempts

letters = [json.loads(l) for l in open(sys.argv[2])]
letters = [d for d in letters if d["stage"] == "webhook/failing"]
keys = sorted(base64.b64decode(d["key"]).decode() for d in letters)
assert keys == ["evt-a1", "evt-a2", "evt-a3", "evt-a4", "evt-a6"], keys
for d in letters:
    assert d["source_topic"] == "sharpline.alerts.v1", d
    assert d["error_kind"] == "delivery", d
    assert "HTTP 500 after 3 attempts" in d["reason"], d
    assert base64.b64decode(d["value"])[0] == 0, "original Confluent-framed bytes"

metrics = open(sys.argv[3]).read()
def value(outcome, subscriber):
    m = re.search(r'sharpline_webhook_deliveries_total\{outcome="%s",subscriber="%s"\} (\S+)'
                  % (outcome, subscriber), metrics)
    return float(m.group(1)) if m else None
expected = {("delivered", "healthy"): 2, ("filtered", "healthy"): 3, ("expired", "healthy"): 1,
            ("dead_letter", "failing"): 5, ("failed_attempt", "failing"): 15,
            ("expired", "failing"): 1, ("delivered", "failing"): 0}
got = {k: value(*k) for k in expected}
assert got == expected, got
assert 'sharpline_webhook_delivery_seconds_count{subscriber="healthy"} 2' in metrics
PY
if grep -qF -e "$HEALTHY_SECRET" -e "$FAILING_SECRET" "$WORK"/*.log; then fail "a secret appears in a log"; fi

kill -TERM "$WEBHOOK_PID"
wait "$WEBHOOK_PID" || fail "webhook exit code $? on SIGTERM"
grep -q '"healthy":{"dead_lettered":0,"delivered":2' "$WORK/first.out" || fail "summary: $(cat "$WORK/first.out")"

# Restart: offsets were committed, so only the new alert a7 is delivered (and nothing twice).
start_webhook second
make_alerts a7 | "$SHARPLINE" produce "${BUS[@]}" --topic sharpline.alerts.v1 --json - \
  --key-field event_id >/dev/null 2>>"$WORK/produce.log" || fail "produce a7"
wait_for 30 routed healthy 3 || fail "a7 not delivered after restart"
wait_for 30 count_dead_letters 6 || fail "a7 not dead-lettered for failing after restart"
sleep 1
$PY - "$WORK/received.jsonl" <<'PY' || fail "restart"
import json, sys
received = [json.loads(l) for l in open(sys.argv[1])]
healthy = [r["alert_id"] for r in received if r["route"] == "healthy"]
assert sorted(healthy) == ["a1", "a4", "a7"], healthy
assert not any(r["duplicate"] for r in received), "redelivered after restart"
failing = [r["alert_id"] for r in received if r["route"] == "failing"]
assert failing.count("a7") == 3 and len(failing) == 18, failing
PY
kill -TERM "$WEBHOOK_PID"
wait "$WEBHOOK_PID" || fail "second webhook exit code $? on SIGTERM"
echo "alerts webhook: OK"
