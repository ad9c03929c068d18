#!/usr/bin/env bash
# `sharpline run` end to end on a slice of the real 2025 NFL season (week 2: odds from
# 2025-09-10 to 2025-09-16), through the embedded broker:
#  (a) in-process: the summary has every key and shows nothing lost; a known arbitrage of the
#      data is found with the right legs (betus hung the Saints at +195 while betonlineag had
#      the 49ers at -155); a steam move is flagged; every graded leg matches the real final
#      score from nflverse;
#  (b) the same slice with the four stages as separate `sharpline stage` processes against a
#      `sharpline broker` gives the same opportunities.
# Skipped (exit 0 with a note) when the shared data directory is absent.
set -euo pipefail
SHARPLINE=${1:?usage: $0 path/to/sharpline}
SRC=${SHARPLINE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
DATA=${SHARPLINE_DATA_DIR:-$SRC/../shared/data}
PY=/usr/bin/python3
CHECK="$PY $SRC/tests/integration/python/pipeline_check.py"
if [[ ! -f "$DATA/odds_api_v4/nfl_2025_season_snapshots_hourly.jsonl.gz" ]]; then
  echo "SKIP: no shared data in $DATA"
  exit 0
fi
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
  for f in "$WORK"/*.log; do echo "--- $f" >&2; grep -v '"level":"info"' "$f" | tail -15 >&2 || true; done
  exit 1
}
SLICE=(--from 2025-09-10 --until 2025-09-16 --data-dir "$DATA" --model-dir "$WORK/models")

# (a) in-process
"$SHARPLINE" run "${SLICE[@]}" --http 127.0.0.1:0 --summary-json "$WORK/a-summary.json" \
  --opportunities-out "$WORK/a-opps.jsonl" --grades-out "$WORK/a-grades.jsonl" \
  >"$WORK/a-out.txt" 2>"$WORK/a-run.log" || fail "in-process run exited $?"
grep -q "== sharpline run summary ==" "$WORK/a-out.txt" || fail "no summary printed"
grep -q "arbitrage" "$WORK/a-out.txt" || fail "no alert line printed"
$CHECK in-process --summary "$WORK/a-summary.json" --opportunities "$WORK/a-opps.jsonl" \
  --grades "$WORK/a-grades.jsonl" --games "$DATA/nflverse/games_1999_2025.csv.gz" ||
  fail "in-process checks"

# (b) separate processes on a broker of their own
"$SHARPLINE" broker --bootstrap-file "$WORK/bus" --http 127.0.0.1:0 >/dev/null 2>"$WORK/broker.log" &
PIDS+=($!)
for _ in $(seq 1 100); do [[ -s "$WORK/bus" ]] && break; sleep 0.1; done
[[ -s "$WORK/bus" ]] || fail "broker did not start"
BOOTSTRAP=$(cat "$WORK/bus")
STAGE_PIDS=()
for name in features inference opportunities grading; do
  # Replays run on historical time (no idle jump to the wall clock); the embedded broker needs
  # mirrored offset commits (docs/runtime.md).
  "$SHARPLINE" stage "$name" --bootstrap "$BOOTSTRAP" --http 127.0.0.1:0 \
    --set stage.idle.timeout.ms=0 --set stage.mirror.offset.commits=true \
    --set inference.model.dir="$WORK/models" >"$WORK/b-$name.json" 2>"$WORK/b-$name.log" &
  PIDS+=($!)
  STAGE_PIDS+=($!)
done
"$SHARPLINE" run "${SLICE[@]}" --bootstrap "$BOOTSTRAP" --no-stages --quiet --http 127.0.0.1:0 \
  --summary-json "$WORK/b-summary.json" --opportunities-out "$WORK/b-opps.jsonl" \
  >"$WORK/b-out.txt" 2>"$WORK/b-run.log" || fail "replay against separate stages exited $?"
for pid in "${STAGE_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
for pid in "${STAGE_PIDS[@]}"; do wait "$pid" || fail "a stage process exited non-zero"; done
$CHECK same --opportunities "$WORK/a-opps.jsonl" --other "$WORK/b-opps.jsonl" ||
  fail "separate stage processes gave other opportunities"
echo "OK"
