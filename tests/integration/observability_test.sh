#!/usr/bin/env bash
# What an operator sees of a running stage process:
#  - /metrics is valid Prometheus text (checked by promtool, Debian package `prometheus`) and has
#    the stage's families: records in/out, processing-latency histogram, commits, aborts, dead
#    letters and consumer lag per input partition;
#  - stderr is JSON lines with time, level, stage and instance; a dead-lettered record's line
#    names its event id; the admin token never appears in logs or in /admin/config;
#  - admin endpoints refuse requests without the bearer token and act on the right one.
# Exit 77 (skip) when promtool is missing outside CI.
set -euo pipefail
SHARPLINE=${1:?usage: $0 path/to/sharpline}
SRC=${SHARPLINE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
PY=/usr/bin/python3
if ! command -v promtool >/dev/null; then
  if [[ -z "${CI:-}" ]]; then echo "SKIP: promtool not installed (apt-get install prometheus)"; exit 77; fi
  echo "FAIL: promtool missing in CI" >&2
  exit 1
fi
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
  for f in "$WORK"/*.log; do echo "--- $f" >&2; tail -20 "$f" >&2 || true; done
  exit 1
}
http_of() { grep -o '"http":"[0-9.]*:[0-9]*"' "$1" | head -1 | cut -d'"' -f4; }

"$SHARPLINE" broker --bootstrap-file "$WORK/bus" --http 127.0.0.1:0 >/dev/null 2>"$WORK/broker.log" &
PIDS+=($!)
for _ in $(seq 1 100); do [[ -s "$WORK/bus" ]] && break; sleep 0.1; done
[[ -s "$WORK/bus" ]] || fail "broker did not start"
BOOTSTRAP=$(cat "$WORK/bus")
REGISTRY="http://$(http_of "$WORK/broker.log")"

TOKEN="adm-$RANDOM-$RANDOM-token"
SHARPLINE_HTTP_ADMIN_TOKEN=$TOKEN "$SHARPLINE" stage features --bootstrap "$BOOTSTRAP" \
  --schema-registry "$REGISTRY" --http 127.0.0.1:0 --set stage.mirror.offset.commits=true \
  >/dev/null 2>"$WORK/stage.log" &
PIDS+=($!)
for _ in $(seq 1 100); do [[ -n "$(http_of "$WORK/stage.log")" ]] && break; sleep 0.1; done
STAGE="http://$(http_of "$WORK/stage.log")"
[[ "$STAGE" != "http://" ]] || fail "stage did not log its http address"
for _ in $(seq 1 300); do curl -fsS "$STAGE/ready" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "$STAGE/ready" >/dev/null || fail "stage never became ready"

# Good quotes (schema example, three events) and one record that is not Avro at all.
$PY - "$SRC/schemas/examples/odds_quote.json" >"$WORK/quotes.jsonl" <<'PY'
import json, sys
base = json.load(open(sys.argv[1]))
for i, price in enumerate([1.91, 2.05, 3.4]):
    print(json.dumps(dict(base, event_id=f"evt-{i}", price=price)))
PY
"$SHARPLINE" produce --bootstrap "$BOOTSTRAP" --schema-registry "$REGISTRY" \
  --topic sharpline.odds.v1 --json "$WORK/quotes.jsonl" >/dev/null 2>"$WORK/produce.log" ||
  fail "produce"
$PY - "$BOOTSTRAP" <<'PY' || fail "raw produce"
import sys
from confluent_kafka import Producer
p = Producer({"bootstrap.servers": sys.argv[1]})
p.produce("sharpline.odds.v1", key=b"evt-poison", value=b"\x00\x00\x00\x00\x63not avro")
assert p.flush(10) == 0
PY

# Wait until the stage has counted every record, committed and reported its lag (every 5 s).
$PY - "$STAGE/metrics" <<'PY' || fail "metrics never showed 4 records in, 1 dead letter, a commit and lag per partition"
import re, sys, time, urllib.request
def value(text, name):
    return sum(float(v) for v in re.findall(r"^" + name + r"(?:\{[^}]*\})? (\S+)$", text, re.M))
for _ in range(200):
    text = urllib.request.urlopen(sys.argv[1]).read().decode()
    if (value(text, "sharpline_stage_records_in_total") >= 4
            and value(text, "sharpline_stage_dead_letters_total") >= 1
            and value(text, "sharpline_stage_commits_total") >= 1
            and len(re.findall(r"^sharpline_stage_consumer_lag\{", text, re.M)) >= 2):
        sys.exit(0)
    time.sleep(0.1)
sys.exit(1)
PY
curl -fsS -D "$WORK/metrics.headers" "$STAGE/metrics" >"$WORK/metrics.txt" || fail "GET /metrics"
grep -qi '^content-type: text/plain; version=0.0.4' "$WORK/metrics.headers" ||
  fail "content type: $(cat "$WORK/metrics.headers")"
promtool check metrics <"$WORK/metrics.txt" >"$WORK/promtool.log" 2>&1 ||
  fail "promtool rejected /metrics: $(cat "$WORK/promtool.log")"
# promtool's parser also catches a broken exposition: prove the check can fail.
sed 's/^# TYPE sharpline_stage_commits_total counter/# TYPE sharpline_stage_commits_total bogus/' \
  "$WORK/metrics.txt" >"$WORK/broken.txt"
if promtool check metrics <"$WORK/broken.txt" >/dev/null 2>&1; then fail "promtool accepted a broken exposition"; fi

for family in 'sharpline_stage_records_in_total{stage="features",topic="sharpline.odds.v1"} 4' \
  'sharpline_stage_dead_letters_total{stage="features"} 1' \
  '# TYPE sharpline_stage_process_seconds histogram' \
  'sharpline_stage_process_seconds_bucket{le="+Inf",stage="features"} 4' \
  'sharpline_stage_records_out_total{stage="features",topic="sharpline.deadletter.v1"} 1' \
  '# TYPE sharpline_stage_commits_total counter' '# TYPE sharpline_stage_aborts_total counter' \
  '# TYPE sharpline_version gauge'; do
  grep -qF "$family" "$WORK/metrics.txt" || fail "/metrics lacks: $family"
done
# Consumer lag per input partition: one series for each of the odds topic's partitions.
partitions=$(grep -c '^sharpline_stage_consumer_lag{partition="[0-9]*",stage="features",topic="sharpline.odds.v1"}' "$WORK/metrics.txt" || true)
[[ $partitions -ge 2 ]] || fail "consumer lag per partition: $partitions series"

# Admin endpoints: bearer token required; the right one changes the level at run time.
code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -d '{"level":"debug"}' "$STAGE/admin/log-level")
[[ $code == 401 ]] || fail "PUT /admin/log-level without a token: $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer wrong" \
  -d '{"level":"debug"}' "$STAGE/admin/log-level")
[[ $code == 401 ]] || fail "PUT /admin/log-level with a wrong token: $code"
curl -fsS -X PUT -H "Authorization: Bearer $TOKEN" -d '{"level":"debug"}' \
  "$STAGE/admin/log-level" | grep -q '"level":"debug"' || fail "PUT /admin/log-level with the token"
curl -fsS -H "Authorization: Bearer $TOKEN" "$STAGE/admin/config" >"$WORK/config.json" ||
  fail "GET /admin/config"
grep -q '"http.admin.token"' "$WORK/config.json" || fail "/admin/config lacks the token key"
if grep -qF "$TOKEN" "$WORK/config.json"; then fail "/admin/config shows the admin token"; fi

kill "${PIDS[1]}"
wait "${PIDS[1]}" || fail "stage did not stop cleanly"
$PY - "$WORK/stage.log" "$TOKEN" <<'PY' || fail "stage log"
import json, sys
lines = [l for l in open(sys.argv[1]) if l.strip()]
assert sys.argv[2] not in "".join(lines), "the admin token was logged"
parsed = [json.loads(l) for l in lines]
for line in parsed:
    for field in ("time", "level", "stage", "instance", "msg"):
        assert field in line, (field, line)
    assert line["time"].endswith("Z") and len(line["time"]) == 24, line
dead = [l for l in parsed if l["msg"] == "record dead-lettered"]
assert len(dead) == 1 and dead[0]["event_id"] == "evt-poison" and dead[0]["level"] == "warning", dead
assert "deserialization" in dead[0]["error"], dead
assert any(l["msg"] == "log level changed" and l["level"] == "info" for l in parsed)
PY
echo "observability: ok"
