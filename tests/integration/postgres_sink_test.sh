#!/usr/bin/env bash
# `sharpline sink postgres` against a real PostgreSQL 15 server this test starts itself
# (tests/integration/python/sink_postgres_server.py) and an embedded broker process:
#  (1) exact row counts for a known slice of records (events with updates, predictions
#      published twice, opportunity lifecycles, grades);
#  (2) a second consumer group re-consuming everything changes nothing;
#  (3) kill -9 of the sink mid-stream, then a restart: no duplicates, no loss;
#  (4) the server stopped and started while the sink runs: /ready goes 503, db_up 0, then it
#      resumes and every row arrives;
#  (5) a record the database refuses and an undecodable record go to the dead-letter topic;
#  (6) migrations: a restart applies nothing, a changed checksum refuses to start.
set -euo pipefail
SHARPLINE=${1:?usage: $0 path/to/sharpline}
SRC=${SHARPLINE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
PY=/usr/bin/python3
PGHELPER="$PY $SRC/tests/integration/python/sink_postgres_server.py"
if ! $PGHELPER available || ! command -v psql >/dev/null; then
  if [[ -z "${CI:-}" ]]; then echo "SKIP: PostgreSQL 15 binaries or psql not installed" >&2; exit 77; fi
  echo "FAIL: PostgreSQL 15 is required in CI" >&2; exit 1
fi
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

PORT=$($PGHELPER start "$PG")
DSN="host=127.0.0.1 port=$PORT user=sink dbname=sink connect_timeout=5"
sql() { psql -h 127.0.0.1 -p "$PORT" -U sink -d sink -tAX -v ON_ERROR_STOP=1 -c "$1"; }

rm -f "$WORK/bus"
"$SHARPLINE" broker --bootstrap-file "$WORK/bus" --http 127.0.0.1:0 >/dev/null 2>"$WORK/broker.log" &
PIDS+=($!)
for _ in $(seq 1 100); do [[ -s "$WORK/bus" ]] && break; sleep 0.1; done
[[ -s "$WORK/bus" ]] || fail "broker did not start"
BOOTSTRAP=$(cat "$WORK/bus")

declare -A PRODUCED=([events]=0 [predictions]=0 [opportunities]=0 [grades]=0)
declare -A ROWS=()
wave() {  # $1: wave number, $2: events, [$3: --bad]
  local summary
  summary=$($PY "$SRC/tests/integration/python/sink_records.py" "$WORK/wave$1" "$1" "$2" ${3:-})
  for topic in events predictions opportunities grades; do
    "$SHARPLINE" produce --bootstrap "$BOOTSTRAP" --topic "sharpline.$topic.v1" \
      --json "$WORK/wave$1/$topic.jsonl" --key-field event_id >/dev/null 2>>"$WORK/produce.log" \
      || fail "produce $topic"
    PRODUCED[$topic]=$((PRODUCED[$topic] + $(echo "$summary" | $PY -c "import json,sys; print(json.load(sys.stdin)['records']['$topic'])")))
  done
  while read -r table n; do ROWS[$table]=$((${ROWS[$table]:-0} + n)); done < <(
    echo "$summary" | $PY -c "import json,sys; [print(t, n) for t, n in json.load(sys.stdin)['rows'].items()]")
}
raw_record() {  # an undecodable value on the opportunities topic
  $PY - "$BOOTSTRAP" <<'PY'
import sys
from confluent_kafka import Producer
p = Producer({"bootstrap.servers": sys.argv[1]})
p.produce("sharpline.opportunities.v1", key=b"garbage", value=b"\x07not avro")
assert p.flush(10) == 0
PY
  PRODUCED[opportunities]=$((PRODUCED[opportunities] + 1))
}

SINK_PID=""
start_sink() {  # $1: log name, [$2...]: extra flags
  local log=$1; shift
  rm -f "$WORK/$log.http"
  "$SHARPLINE" sink postgres --bootstrap "$BOOTSTRAP" --http 127.0.0.1:0 --dsn "$DSN" \
    --set sink.postgres.retry.backoff.max.ms=500 "$@" >/dev/null 2>"$WORK/$log.log" &
  SINK_PID=$!
  PIDS+=($SINK_PID)
  for _ in $(seq 1 100); do
    HTTP=$(grep -o '"msg":"sink serving"' "$WORK/$log.log" >/dev/null 2>&1 &&
      grep '"msg":"sink serving"' "$WORK/$log.log" | $PY -c "import json,sys; print(json.loads(sys.stdin.readline())['http'])") && break
    sleep 0.1
  done
  [[ -n "${HTTP:-}" ]] || fail "sink $log did not serve HTTP"
}
stop_sink() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
# Waits until the group's offsets in the database cover every produced record.
wait_caught_up() {  # $1: group, [$2: timeout s]
  local want=$((PRODUCED[events] + PRODUCED[predictions] + PRODUCED[opportunities] + PRODUCED[grades]))
  local have=0
  for _ in $(seq 1 $((${2:-60} * 10))); do
    have=$(sql "SELECT coalesce(sum(next_offset), 0) FROM sink_offsets WHERE consumer_group = '$1'" 2>/dev/null || echo 0)
    [[ "$have" == "$want" ]] && return 0
    sleep 0.1
  done
  fail "group $1 stored offsets for $have of $want records"
}
check_rows() {  # $1: what
  for table in "${!ROWS[@]}"; do
    local n
    n=$(sql "SELECT count(*) FROM $table")
    [[ "$n" == "${ROWS[$table]}" ]] || fail "$1: $table has $n rows, expected ${ROWS[$table]}"
  done
  # Every lifecycle ended: the current state is the newest record.
  [[ $(sql "SELECT count(*) FROM opportunities WHERE state <> 'CLOSED'") == 0 ]] || fail "$1: open opportunities left"
  [[ $(sql "SELECT count(*) FROM events WHERE status <> 'final'") == 0 ]] || fail "$1: events not at their last record"
}
fingerprint() {
  sql "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM (
         SELECT e::text AS t FROM events e UNION ALL SELECT p::text FROM predictions p
         UNION ALL SELECT o::text FROM opportunities o UNION ALL SELECT l::text FROM opportunity_legs l
         UNION ALL SELECT x::text FROM opportunity_transitions x UNION ALL SELECT g::text FROM grades g
         UNION ALL SELECT gl::text FROM grade_legs gl) s"
}
status() { curl -s -o /dev/null -w '%{http_code}' "http://$HTTP/$1"; }

# (1) + (5) + (6): a known slice, one refused and one undecodable record.
wave 1 40 --bad
raw_record
start_sink first
wait_caught_up sharpline-sink-postgres
check_rows "replayed slice"
[[ $(sql "SELECT count(*) FROM schema_migrations") == 1 ]] || fail "schema_migrations"
[[ $(status ready) == 200 ]] || fail "/ready should be 200 while the database is up"
curl -s "http://$HTTP/metrics" >"$WORK/metrics.txt"
grep -q '^sharpline_sink_rows_total{table="opportunity_transitions"} ' "$WORK/metrics.txt" || fail "rows metric"
grep -q '^sharpline_sink_db_up 1' "$WORK/metrics.txt" || fail "db_up metric"
grep -q '^sharpline_sink_dead_letters_total 2' "$WORK/metrics.txt" || fail "dead-letter metric: $(grep sink_dead "$WORK/metrics.txt")"
grep -q '^sharpline_sink_commit_seconds_count ' "$WORK/metrics.txt" || fail "commit histogram"
grep -q '^sharpline_sink_consumer_lag{partition="[0-9]",topic="sharpline.events.v1"} 0' "$WORK/metrics.txt" \
  || fail "consumer lag: $(grep sink_consumer_lag "$WORK/metrics.txt" | head -3)"
stop_sink "$SINK_PID"
"$SHARPLINE" consume --bootstrap "$BOOTSTRAP" --topic sharpline.deadletter.v1 --from-beginning \
  --idle-timeout 3000 >"$WORK/dead.jsonl" 2>"$WORK/consume.log" || fail "consume dead letters"
$PY - "$WORK/dead.jsonl" <<'PY' || fail "dead letters: $(cat "$WORK/dead.jsonl")"
import json, sys
letters = [json.loads(line) for line in open(sys.argv[1])]
kinds = sorted((d["error_kind"], d["source_topic"], d["stage"]) for d in letters)
assert kinds == [("deserialization", "sharpline.opportunities.v1", "sink-postgres"),
                 ("processing", "sharpline.opportunities.v1", "sink-postgres")], kinds
refused = next(d for d in letters if d["error_kind"] == "processing")
assert "opportunity_legs_price_check" in refused["reason"], refused["reason"]
PY
# The restart applies no migration; a tampered checksum refuses to start.
start_sink again
sleep 1
stop_sink "$SINK_PID"
! grep -q '"database migrated"' "$WORK/again.log" || fail "a restart should apply no migration"
sql "UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1" >/dev/null
set +e
"$SHARPLINE" sink postgres --bootstrap "$BOOTSTRAP" --http 127.0.0.1:0 --dsn "$DSN" 2>"$WORK/tampered.log" >/dev/null
code=$?
set -e
[[ $code == 1 ]] || fail "tampered migration: exit $code"
grep -q 'V001__init.sql was changed after it was applied' "$WORK/tampered.log" || fail "tampered migration message"
sql "UPDATE schema_migrations SET checksum = '$(grep -o 'embedded [0-9a-f]*' "$WORK/tampered.log" | head -1 | cut -d' ' -f2)' WHERE version = 1" >/dev/null

# (2) another group re-consumes everything: nothing changes.
BEFORE=$(fingerprint)
start_sink regroup --group sharpline-sink-regroup
wait_caught_up sharpline-sink-regroup
stop_sink "$SINK_PID"
[[ $(fingerprint) == "$BEFORE" ]] || fail "re-consuming changed the tables"
check_rows "re-consumed"

# (3) kill -9 mid-stream, restart: no loss, no duplicates.
wave 2 400
start_sink victim --batch-size 100 --batch-ms 2000
for _ in $(seq 1 300); do
  done_n=$(sql "SELECT coalesce(sum(next_offset), 0) FROM sink_offsets WHERE consumer_group = 'sharpline-sink-postgres'")
  (( done_n > 2 * 80 + 130 )) && break  # past wave 1: the sink is writing wave 2
  sleep 0.05
done
kill -9 "$SINK_PID"; wait "$SINK_PID" 2>/dev/null || true
total=$((PRODUCED[events] + PRODUCED[predictions] + PRODUCED[opportunities] + PRODUCED[grades]))
killed_at=$(sql "SELECT sum(next_offset) FROM sink_offsets WHERE consumer_group = 'sharpline-sink-postgres'")
(( killed_at < total )) || echo "note: the sink finished before the kill" >&2
start_sink revived
wait_caught_up sharpline-sink-postgres
check_rows "after kill -9"

# (4) the server stops and starts while the sink runs and records arrive.
$PGHELPER stop "$PG" >/dev/null
for _ in $(seq 1 100); do [[ $(status ready) == 503 ]] && break; sleep 0.1; done
[[ $(status ready) == 503 ]] || fail "/ready should be 503 while the database is down"
curl -s "http://$HTTP/metrics" | grep -q '^sharpline_sink_db_up 0' || fail "db_up should be 0"
wave 3 200
sleep 2  # the sink keeps retrying meanwhile
[[ $(status ready) == 503 ]] || fail "/ready should stay 503"
$PGHELPER start "$PG" >/dev/null
wait_caught_up sharpline-sink-postgres 90
[[ $(status ready) == 200 ]] || fail "/ready should be 200 again"
check_rows "after the outage"
grep -q '"database connection lost; pausing consumption"\|"database unavailable; retrying"' "$WORK/revived.log" || fail "no outage logged"
grep -q '"database reachable; consuming"' "$WORK/revived.log" || fail "no recovery logged"
stop_sink "$SINK_PID"

# Started while the server is down: it waits (not ready) and still stops cleanly on SIGTERM.
$PGHELPER stop "$PG" >/dev/null
start_sink down
sleep 1
[[ $(status ready) == 503 ]] || fail "/ready should be 503 before the database was reached"
kill -TERM "$SINK_PID"
for _ in $(seq 1 50); do kill -0 "$SINK_PID" 2>/dev/null || break; sleep 0.1; done
! kill -0 "$SINK_PID" 2>/dev/null || fail "the sink ignored SIGTERM while waiting for the database"
wait "$SINK_PID" || fail "the sink waiting for the database should exit 0 on SIGTERM"
grep -q '"database unavailable; retrying"' "$WORK/down.log" || fail "no retry logged"
$PGHELPER start "$PG" >/dev/null
echo "OK: postgres sink ($(sql "SELECT count(*) FROM opportunity_transitions") transitions, $(sql "SELECT count(*) FROM events") events)"
