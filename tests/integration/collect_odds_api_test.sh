#!/usr/bin/env bash
# The live odds path end to end: a fixture HTTP server (Python) serves a recorded The Odds API
# response at /v4/sports/baseball_mlb/odds; `collect odds --source api --once` polls it through
# the real HTTP client and must publish exactly what `--source file` publishes from the same
# file. The API key (secret123) must reach the server and appear nowhere in the output.
set -euo pipefail
SHARPLINE=${1:?usage: $0 path/to/sharpline}
SRC=${SHARPLINE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
DATA=${SHARPLINE_DATA_DIR:-$SRC/../shared/data}
PAYLOAD="$DATA/odds_api_v4/mlb_2026-08-08T1915Z.json"
if [[ ! -f "$PAYLOAD" ]]; then
  echo "SKIP: no recorded payload at $PAYLOAD"
  exit 0
fi
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then kill "$SERVER_PID"; wait "$SERVER_PID" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$WORK"/*.err "$WORK/server.log"; do echo "--- $f" >&2; cat "$f" >&2 || true; done; exit 1; }

# Serves the payload with quota headers when apiKey is right, 401 otherwise, 404 elsewhere;
# counts requests in hits.txt; never logs request lines (they hold the key).
cat >"$WORK/server.py" <<'PY'
import http.server, sys, urllib.parse
payload, port_file, hits_file = sys.argv[1], sys.argv[2], sys.argv[3]
body = open(payload, "rb").read()
hits = 0
class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def do_GET(self):
        global hits
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        if url.path == "/v4/sports/truncated/odds":
            status, data = 200, body[: len(body) // 2]  # cut mid-payload: not JSON
        elif url.path != "/v4/sports/baseball_mlb/odds":
            status, data = 404, b'{"message":"Unknown sport"}'
        elif query.get("apiKey") != ["secret123"]:
            status, data = 401, b'{"message":"API key is not valid"}'
        elif query.get("markets") != ["h2h,spreads,totals"] or query.get("oddsFormat") != ["american"]:
            status, data = 422, b'{"message":"unexpected query"}'
        else:
            status, data = 200, body
        hits += 1
        open(hits_file, "w").write(str(hits))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-requests-remaining", "497")
        self.send_header("x-requests-used", "3")
        self.send_header("x-requests-last", "3")
        self.end_headers()
        self.wfile.write(data)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
open(port_file + ".tmp", "w").write(str(server.server_address[1]))
import os; os.rename(port_file + ".tmp", port_file)
server.serve_forever()
PY
/usr/bin/python3 "$WORK/server.py" "$PAYLOAD" "$WORK/port" "$WORK/hits.txt" 2>"$WORK/server.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do [[ -s "$WORK/port" ]] && break; sleep 0.1; done
[[ -s "$WORK/port" ]] || fail "fixture server did not start"
BASE="http://127.0.0.1:$(cat "$WORK/port")"

# The file path: the same response, the same odds format, poll time now (as the live poll).
"$SHARPLINE" collect odds --source file --from-file "$PAYLOAD" --odds-format american \
  >"$WORK/file.out" 2>"$WORK/file.err" || fail "collect --source file"

# The live path, key from the environment.
SHARPLINE_ODDS_API_API_KEY=secret123 "$SHARPLINE" collect odds --source api --api-base "$BASE" \
  --sport baseball_mlb --odds-format american --once >"$WORK/api.out" 2>"$WORK/api.err" \
  || fail "collect --source api exited $?"
[[ "$(cat "$WORK/hits.txt")" == 1 ]] || fail "expected one request, got $(cat "$WORK/hits.txt")"

/usr/bin/python3 - "$WORK/file.out" "$WORK/api.out" <<'PY' || fail "summaries differ: file $(cat "$WORK/file.out") api $(cat "$WORK/api.out")"
import json, sys
file = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
api = json.loads(open(sys.argv[2]).read().strip().splitlines()[-1])
assert api.pop("failed_polls") == 0, api
assert file == api, (file, api)
assert api["published"] > 100 and api["events"] == 25 and api["polls"] == 1, api
assert api["deadletter"] == 0, api
PY

# The key from a file (the _FILE convention) works the same.
printf 'secret123\n' >"$WORK/key"
SHARPLINE_ODDS_API_API_KEY_FILE="$WORK/key" "$SHARPLINE" collect odds --source api \
  --api-base "$BASE" --sport baseball_mlb --odds-format american --once \
  >"$WORK/api_file.out" 2>"$WORK/api_file.err" || fail "collect --source api with _FILE"
grep -q '"failed_polls":0' "$WORK/api_file.out" || fail "key file: $(cat "$WORK/api_file.out")"

# A wrong key: the 401 is a failed poll (logged, counted, redacted); --once then exits 1.
set +e
SHARPLINE_ODDS_API_API_KEY=wrong-key-456 "$SHARPLINE" collect odds --source api --api-base "$BASE" \
  --sport baseball_mlb --odds-format american --once >"$WORK/bad.out" 2>"$WORK/bad.err"
code=$?
set -e
[[ $code -eq 1 ]] || fail "wrong key: exit $code"
grep -q '"failed_polls":1' "$WORK/bad.out" || fail "wrong key summary: $(cat "$WORK/bad.out")"
grep -q 'HTTP 401' "$WORK/bad.err" || fail "wrong key: no HTTP 401 in the log"
if grep -q 'wrong-key-456' "$WORK/bad.out" "$WORK/bad.err"; then fail "the wrong key leaked"; fi

# A 200 whose body is not JSON: one failed poll and one (deserialization) dead letter; the
# other sport of the same run is still collected.
SHARPLINE_ODDS_API_API_KEY=secret123 "$SHARPLINE" collect odds --source api --api-base "$BASE" \
  --sport truncated,baseball_mlb --odds-format american --once >"$WORK/cut.out" 2>"$WORK/cut.err" \
  || fail "truncated + good sport: exit $?"
/usr/bin/python3 - "$WORK/cut.out" <<'PY' || fail "truncated summary: $(cat "$WORK/cut.out")"
import json, sys
s = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
assert s["failed_polls"] == 1 and s["deadletter"] == 1 and s["polls"] == 1 and s["events"] == 25, s
PY
grep -q '"kind":"not_json"' "$WORK/cut.err" || fail "truncated: no not_json failure logged"

# No key at all: a usage error naming the environment variable.
set +e
env -u SHARPLINE_ODDS_API_API_KEY -u SHARPLINE_ODDS_API_API_KEY_FILE "$SHARPLINE" collect odds \
  --source api --api-base "$BASE" --sport baseball_mlb --once >/dev/null 2>"$WORK/nokey.err"
code=$?
set -e
[[ $code -eq 2 ]] || fail "missing key: exit $code"
grep -q 'SHARPLINE_ODDS_API_API_KEY' "$WORK/nokey.err" || fail "missing key message: $(cat "$WORK/nokey.err")"

# The loop: polls every second (the same payload: everything unchanged after the first poll)
# until SIGTERM, then prints the summary with failed_polls and exits 0. The quota (497 credits,
# 3 per poll) is spread until odds_api.quota.until: 30 s from now gives ~0.2 s between polls,
# the default (next month) would give more than an hour.
BEFORE=$(cat "$WORK/hits.txt")
UNTIL=$(date -u -d '+30 seconds' +%Y-%m-%dT%H:%M:%SZ)
SHARPLINE_ODDS_API_QUOTA_UNTIL=$UNTIL SHARPLINE_ODDS_API_API_KEY=secret123 "$SHARPLINE" collect odds --source api --api-base "$BASE" \
  --sport baseball_mlb --odds-format american --interval 1 --http 127.0.0.1:0 \
  >"$WORK/loop.out" 2>"$WORK/loop.err" &
LOOP_PID=$!
for _ in $(seq 1 150); do [[ "$(cat "$WORK/hits.txt")" -ge $((BEFORE + 2)) ]] && break; sleep 0.1; done
[[ "$(cat "$WORK/hits.txt")" -ge $((BEFORE + 2)) ]] || { kill "$LOOP_PID" || true; fail "the loop did not poll twice"; }
# The quota headers are served as gauges on /metrics.
HTTP=$(grep -o '"http":"[0-9.]*:[0-9]*"' "$WORK/loop.err" | head -1 | cut -d'"' -f4)
[[ -n "$HTTP" ]] || { kill "$LOOP_PID" || true; fail "the loop did not log its http address"; }
curl -fsS "http://$HTTP/metrics" >"$WORK/metrics.txt" || { kill "$LOOP_PID" || true; fail "/metrics"; }
grep -q '^sharpline_odds_api_requests_remaining{provider="the-odds-api"} 497' "$WORK/metrics.txt" \
  || { kill "$LOOP_PID" || true; fail "quota gauge: $(grep odds_api "$WORK/metrics.txt")"; }
kill -TERM "$LOOP_PID"
set +e
wait "$LOOP_PID"
code=$?
set -e
[[ $code -eq 0 ]] || fail "loop after SIGTERM: exit $code"
/usr/bin/python3 - "$WORK/loop.out" "$WORK/file.out" <<'PY' || fail "loop summary: $(cat "$WORK/loop.out")"
import json, sys
loop = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
file = json.loads(open(sys.argv[2]).read().strip().splitlines()[-1])
assert loop["polls"] >= 2 and loop["failed_polls"] == 0, loop
assert loop["published"] == file["published"], (loop, file)  # later polls change nothing
assert loop["unchanged"] >= file["published"], loop
PY

# The key never shows, in any output of any run.
for f in "$WORK"/*.out "$WORK"/*.err; do
  if grep -q 'secret123' "$f"; then fail "secret123 appears in $f"; fi
done
grep -q 'apiKey=\*\*\*' "$WORK/api.err" || fail "the redacted URL is not logged"
echo "OK"
