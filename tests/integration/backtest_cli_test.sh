#!/usr/bin/env bash
# `sharpline backtest` and `sharpline train` on the real football-data files: the same inputs give
# a byte-identical JSON report with every documented key; the HTML report of a real run passes the
# headless-Chromium check; walk-forward prints a row per test season; a model trained on earlier
# seasons prices a later backtest, and one that saw the backtest's seasons is refused
# (look-ahead). Bad input gives an error message and exit code 2, never a crash.
set -euo pipefail
SHARPLINE=${1:?usage: $0 path/to/sharpline}
SRC=${SHARPLINE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
DATA=${SHARPLINE_DATA_DIR:-$SRC/../shared/data}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

if [[ ! -d "$DATA/football_data" ]]; then
  [[ -z "${CI:-}" ]] || fail "no shared data at $DATA in CI"
  echo "SKIP: no shared data at $DATA"; exit 77
fi
export SHARPLINE_DATA_DIR=$DATA
BT=("$SHARPLINE" backtest --dataset football-data --league E0 --seasons 2022 --quiet --bootstrap 500)

# 1. Determinism and the report's keys.
"${BT[@]}" --report-json "$WORK/a.json" --report-html "$WORK/a.html" >"$WORK/a.out"
"${BT[@]}" --report-json "$WORK/b.json" >"$WORK/b.out"
cmp -s "$WORK/a.json" "$WORK/b.json" || fail "two runs of the same backtest differ"
grep -q "events/s" "$WORK/a.out" || fail "no throughput line: $(cat "$WORK/a.out")"
/usr/bin/python3 - "$WORK/a.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for key in ["bets", "staked", "profit", "roi", "roi_ci", "clv_mean", "clv_positive_share",
            "max_drawdown", "log_loss", "brier", "calibration", "seasons", "bankroll_curve"]:
    assert key in r, key
for key in ["model", "market_open", "market_close"]:
    assert key in r["log_loss"] and key in r["brier"], key
assert r["bets"] > 0 and r["dataset"]["events"] == 380, r["bets"]
assert r["log_loss"]["games"] == 380 and r["log_loss"]["model"] is None
assert abs(r["roi"] - r["profit"] / r["staked"]) < 1e-9
assert r["roi_ci"]["low"] <= r["roi"] <= r["roi_ci"]["high"]
assert len(r["calibration"]["bins"]) == 10 and sum(b["count"] for b in r["calibration"]["bins"]) == 3 * 380
assert [s["season"] for s in r["seasons"]] == [2022]
assert len(r["bankroll_curve"]) == r["bets"]
PY

# 2. The real report in a real browser.
if [[ -x "$CHROMIUM" ]]; then
  CHROMIUM=$CHROMIUM /usr/bin/python3 "$SRC/tests/integration/python/html_report_check.py" \
    "$WORK/a.html" --screenshot "$WORK/a.png" --min-svg 4 || fail "the real report failed the browser check"
elif [[ -n "${CI:-}" ]]; then
  fail "no chromium at $CHROMIUM in CI"
fi

# 3. Walk-forward: two test seasons (2021 and 2022) after a train and a validation season.
"$SHARPLINE" train --dataset football-data --league E0 --seasons 2019-2022 --walk-forward season \
  --quiet --report-json "$WORK/wf.json" >"$WORK/wf.out"
/usr/bin/python3 - "$WORK/wf.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
assert [s["season"] for s in t["seasons"]] == [2021, 2022], t["seasons"]
for s in t["seasons"]:
    assert s["test_rows"] == 380 and 0.8 < s["model"]["log_loss"] < 1.2, s
    assert 0.8 < s["market_close"]["log_loss"] < 1.2, s
PY

# 4. A model of 2019-2021 prices a 2022 backtest; backtesting its own seasons is refused.
"$SHARPLINE" train --dataset football-data --league E0 --seasons 2019-2021 --model-dir "$WORK/models" \
  --quiet >"$WORK/train.out"
ls "$WORK/models"/*.meta.json >/dev/null || fail "train wrote no metadata"
"${BT[@]}" --model-dir "$WORK/models" --report-json "$WORK/m.json" >"$WORK/m.out"
# Records handed between the stages as values or as Avro bytes: the same report, model included.
"${BT[@]}" --model-dir "$WORK/models" --report-json "$WORK/m_avro.json" --avro-between-stages \
  >/dev/null
cmp -s "$WORK/m.json" "$WORK/m_avro.json" || fail "--avro-between-stages changed the report"
/usr/bin/python3 - "$WORK/m.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["strategy"]["probability_source"] == "model"
assert r["log_loss"]["model"] is not None and r["log_loss"]["games"] > 300, r["log_loss"]
assert r["calibration"]["source"] == "model"
PY
code=0
"$SHARPLINE" backtest --dataset football-data --league E0 --seasons 2021 --quiet \
  --model-dir "$WORK/models" >"$WORK/overlap.out" 2>"$WORK/overlap.err" || code=$?
[[ $code == 2 ]] || fail "a model that saw the backtest's season was not refused (exit $code)"
grep -q "look-ahead" "$WORK/overlap.err" || fail "overlap error: $(cat "$WORK/overlap.err")"

# 5. Bad input.
expect_usage() {  # expect_usage PATTERN ARGS...
  local pattern=$1 code=0
  shift
  "$SHARPLINE" "$@" >"$WORK/bad.out" 2>"$WORK/bad.err" || code=$?
  [[ $code == 2 ]] || fail "$*: exit $code, want 2"
  grep -q -- "$pattern" "$WORK/bad.err" || fail "$*: stderr lacks '$pattern': $(cat "$WORK/bad.err")"
}
expect_usage "unknown dataset" backtest --dataset kaggle
expect_usage "unknown division" backtest --dataset football-data --league XX
expect_usage "timing" backtest --dataset football-data --timing soon
expect_usage "kelly" backtest --dataset football-data --kelly 3
echo '{"min_evv": 1}' >"$WORK/strategy.json"
expect_usage "unknown key" backtest --dataset football-data --strategy "$WORK/strategy.json"
expect_usage "model-dir" train --dataset football-data --league E0
expect_usage "market" train --dataset football-data --league E0 --market outrights --walk-forward season
echo "backtest_cli_test: OK"
