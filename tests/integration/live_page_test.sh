#!/usr/bin/env bash
# The live page in a real browser: `sharpline broker --http` serves GET / with the open
# opportunities and the alert feed. Records produced BEFORE the page opens must be in its initial
# state; records produced AFTER must appear without a reload or a new snapshot request (they came
# over /alerts/stream), a CLOSED opportunity must disappear, the table must be sorted by EV, an
# alert title full of markup must show as text, and the console must stay empty. The checker's
# self-test proves it flags console errors and exceptions. Also checks the HTTP side with curl.
# A screenshot of the final page is kept next to the binary (live_page.png).
# Without chromium: exit 77 (ctest SKIP) on a developer machine, a failure in CI (CI is set).
set -euo pipefail
SHARPLINE=${1:?usage: $0 path/to/sharpline}
SRC=${SHARPLINE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
CHECK=(/usr/bin/python3 "$SRC/tests/integration/python/live_page_check.py")
ARTIFACTS=${SHARPLINE_ARTIFACT_DIR:-$(dirname "$SHARPLINE")}

WORK=$(mktemp -d)
BROKER_PID=""
cleanup() {
  if [[ -n "$BROKER_PID" ]] && kill -0 "$BROKER_PID" 2>/dev/null; then kill "$BROKER_PID"; wait "$BROKER_PID" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; echo "--- broker log (last lines)" >&2; tail -n 30 "$WORK/broker.log" >&2 || true; exit 1; }

if [[ ! -x "$CHROMIUM" ]]; then
  if [[ -z "${CI:-}" ]]; then
    echo "SKIP: no chromium at $CHROMIUM (apt-get install chromium, or tools/install-deps.sh --test)"
    exit 77
  fi
  fail "no chromium at $CHROMIUM, and CI is set: the browser check must run in CI"
fi
export CHROMIUM

"$SHARPLINE" broker --bootstrap-file "$WORK/bus" --http 127.0.0.1:0 >"$WORK/broker.out" 2>"$WORK/broker.log" &
BROKER_PID=$!
for _ in $(seq 1 100); do [[ -s "$WORK/bus" ]] && break; sleep 0.1; done
[[ -s "$WORK/bus" ]] || fail "broker did not write its bootstrap file"
BOOTSTRAP=$(cat "$WORK/bus")
HTTP=$(grep -o '"http":"[0-9.]*:[0-9]*"' "$WORK/broker.log" | head -1 | cut -d'"' -f4)
[[ -n "$HTTP" ]] || fail "broker did not log its http address"
BASE="http://$HTTP"

# The HTTP side: the page with a strict CSP for browsers, the registry's {} for other clients.
curl -fsS -D "$WORK/page.headers" -H 'Accept: text/html' "$BASE/" >"$WORK/page.html" || fail "GET /"
grep -qi "^content-type: text/html" "$WORK/page.headers" || fail "GET / is not HTML: $(cat "$WORK/page.headers")"
grep -qi "^content-security-policy: default-src 'none'; script-src 'self'" "$WORK/page.headers" ||
  fail "GET / lacks the CSP header"
if grep -Eq 'https?://' "$WORK/page.html"; then fail "page has an external reference"; fi
[[ "$(curl -fsS "$BASE/")" == "{}" ]] || fail "GET / without Accept: text/html is not the registry's {}"
[[ "$(curl -fsS "$BASE/api/opportunities")" == "[]" ]] || fail "/api/opportunities is not empty at start"

"${CHECK[@]}" --self-test || fail "the checker's self-test failed: it must flag console errors"

# Records: A is open before the page loads and closes afterwards; B and C open afterwards (C has
# the higher EV, so it is listed first); D opens and closes afterwards (never shown at the end).
/usr/bin/python3 - "$SRC/schemas/examples" "$WORK" <<'PY'
import json, sys, time
examples, work = sys.argv[1], sys.argv[2]
now = int(time.time() * 1000)
opp = json.load(open(f"{examples}/opportunity.json"))
alert = json.load(open(f"{examples}/alert.json"))
def o(oid, event, state, ev, outcome):
    r = dict(opp, opportunity_id=oid, event_id=event, state=state, expected_value=ev,
             commence_ms=now + 3600_000, detected_ms=now, as_of_ms=now)
    r["legs"] = [dict(opp["legs"][0], outcome=outcome)]
    if state == "CLOSED":
        r["closed_reason"] = "price_moved"
    return r
def a(aid, title, created):
    return dict(alert, alert_id=aid, title=title, created_ms=created, expires_ms=now + 3600_000)
def write(name, records):
    with open(f"{work}/{name}", "w") as out:
        for r in records:
            out.write(json.dumps(r) + "\n")
xss = '<img src=x onerror="window.__injected=true"><b>bold</b>'
write("opps_before.jsonl", [o("opp-A", "evt-a", "OPEN", 0.031, "Team A")])
write("alerts_before.jsonl", [a("alert-before", "Before the page: +3.1% EV Team A", now - 60_000)])
write("opps_after.jsonl", [o("opp-B", "evt-b", "OPEN", 0.021, "Team B"),
                           o("opp-C", "evt-c", "OPEN", 0.058, "Team C"),
                           o("opp-A", "evt-a", "CLOSED", 0.031, "Team A"),
                           o("opp-D", "evt-d", "OPEN", 0.040, "Team D"),
                           o("opp-D", "evt-d", "CLOSED", 0.040, "Team D")])
write("alerts_after.jsonl", [a("alert-live-1", "Live: +5.8% EV Team C", now + 1000),
                             a("alert-live-2", xss, now + 2000)])
json.dump({"initial_alerts": ["Before the page: +3.1% EV Team A"],
           "alerts": [xss, "Live: +5.8% EV Team C", "Before the page: +3.1% EV Team A"],
           "opportunities": ["opp-C", "opp-B"],
           "absent": ["opp-A", "opp-D"],
           "literal": [xss]}, open(f"{work}/expect.json", "w"))
PY

produce() {  # produce TOPIC FILE
  echo "\"$SHARPLINE\" produce --bootstrap '$BOOTSTRAP' --schema-registry '$BASE' --topic $1 --json '$2' --log-level warn"
}
eval "$(produce sharpline.opportunities.v1 "$WORK/opps_before.jsonl")" >/dev/null || fail "produce before"
eval "$(produce sharpline.alerts.v1 "$WORK/alerts_before.jsonl")" >/dev/null || fail "produce before"
for _ in $(seq 1 100); do
  [[ "$(curl -fsS "$BASE/api/opportunities")" == *opp-A* ]] && break
  sleep 0.1
done
[[ "$(curl -fsS "$BASE/api/opportunities")" == *opp-A* ]] || fail "/api/opportunities never showed opp-A"
[[ "$(curl -fsS "$BASE/api/alerts")" == *alert-before* ]] || fail "/api/alerts lacks alert-before"

"${CHECK[@]}" --url "$BASE/" --expect-json "$WORK/expect.json" --screenshot "$ARTIFACTS/live_page.png" \
  --produce "$(produce sharpline.opportunities.v1 "$WORK/opps_after.jsonl")" \
  --produce "$(produce sharpline.alerts.v1 "$WORK/alerts_after.jsonl")" ||
  fail "the live page failed the browser check"

# The JSON endpoints agree with what the page showed.
/usr/bin/python3 - "$BASE" <<'PY' || fail "JSON endpoints"
import json, sys, urllib.request
base = sys.argv[1]
opps = json.load(urllib.request.urlopen(base + "/api/opportunities"))
alerts = json.load(urllib.request.urlopen(base + "/api/alerts"))
assert [o["opportunity_id"] for o in opps] == ["opp-C", "opp-B"], opps
assert [a["alert_id"] for a in alerts] == ["alert-live-2", "alert-live-1", "alert-before"], alerts
PY

kill "$BROKER_PID"
wait "$BROKER_PID" || fail "broker exited with $? on SIGTERM"
BROKER_PID=""
echo "live_page_test: OK (screenshot: $ARTIFACTS/live_page.png)"
