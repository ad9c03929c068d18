#!/usr/bin/env bash
# The HTML backtest report in a real browser: `sharpline report html` renders the committed
# sample report; headless Chromium must show it without any console message, with the four
# inline SVG charts in the DOM and a non-blank screenshot in the charts' colours. The checker's
# self-test proves it does flag a console.error and a broken script. Bad input must fail cleanly.
# Without chromium: exit 77 (ctest SKIP) on a developer machine, a failure in CI (CI is set).
# The page and screenshot are kept next to the binary (backtest_html_report.{html,png}).
set -euo pipefail
SHARPLINE=${1:?usage: $0 path/to/sharpline}
SRC=${SHARPLINE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
CHECK=(/usr/bin/python3 "$SRC/tests/integration/python/html_report_check.py")
SAMPLE="$SRC/tests/data/backtest/report_sample.json"
ARTIFACTS=${SHARPLINE_ARTIFACT_DIR:-$(dirname "$SHARPLINE")}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Rendering is deterministic, and bad input is an error message and exit code, not a crash.
"$SHARPLINE" report html --from-json "$SAMPLE" --out "$WORK/page.html"
"$SHARPLINE" report html --from-json "$SAMPLE" >"$WORK/again.html"
cmp -s "$WORK/page.html" "$WORK/again.html" || fail "two renders of the same JSON differ"
if grep -Eq 'https?://|src=' "$WORK/page.html"; then fail "page has an external reference"; fi

expect_error() {  # expect_error NAME EXIT_CODE MESSAGE_PATTERN ARGS...
  local name=$1 want=$2 pattern=$3 code=0
  shift 3
  "$SHARPLINE" report html "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || code=$?
  [[ $code == "$want" ]] || fail "$name: exit $code, want $want ($(cat "$WORK/$name.err"))"
  grep -q "$pattern" "$WORK/$name.err" || fail "$name: stderr lacks '$pattern': $(cat "$WORK/$name.err")"
}
printf '{"report": "sharpline-backtest", "bets": ' >"$WORK/truncated.json"
printf '{"report": "something-else"}' >"$WORK/other.json"
expect_error missing 1 "cannot read" --from-json "$WORK/nope.json" --out "$WORK/x.html"
expect_error invalid 1 "not valid JSON" --from-json "$WORK/truncated.json" --out "$WORK/x.html"
expect_error other 1 "not a sharpline-backtest report" --from-json "$WORK/other.json"
expect_error no_input 2 "from-json" --out "$WORK/x.html"
expect_error bad_out 1 "cannot write" --from-json "$SAMPLE" --out "$WORK/no/such/dir/x.html"

if [[ ! -x "$CHROMIUM" ]]; then
  if [[ -z "${CI:-}" ]]; then
    echo "SKIP: no chromium at $CHROMIUM (apt-get install chromium, or tools/install-deps.sh --test)"
    exit 77
  fi
  fail "no chromium at $CHROMIUM, and CI is set: the browser check must run in CI"
fi
export CHROMIUM

"${CHECK[@]}" --self-test || fail "the checker's self-test failed: it must flag console errors"
cp "$WORK/page.html" "$ARTIFACTS/backtest_html_report.html"
# Blue bankroll line, red drawdown and negative-CLV bars, green positive-CLV bars.
"${CHECK[@]}" "$WORK/page.html" --screenshot "$ARTIFACTS/backtest_html_report.png" --min-svg 4 \
  --expect-color '#1f6feb' --expect-color '#cf222e' --expect-color '#1a7f37' ||
  fail "the report page failed the browser check (screenshot: $ARTIFACTS/backtest_html_report.png)"
echo "backtest_html_report_test: OK (screenshot: $ARTIFACTS/backtest_html_report.png)"
