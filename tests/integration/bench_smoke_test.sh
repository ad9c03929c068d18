#!/usr/bin/env bash
# The benchmarks still run and print well-formed figures: each program bench/run calls, in its
# --quick size, on the test build. What the figures say is not judged here (speed and memory
# targets live in bench/ and docs/performance.md, not in tests). bench/run refuses bad options.
set -euo pipefail
SHARPLINE=${1:?usage: $0 path/to/sharpline}
SRC=${SHARPLINE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
DATA=${SHARPLINE_DATA_DIR:-$SRC/../shared/data}
BENCH=$(cd "$(dirname "$SHARPLINE")" && pwd)/bench
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
check() { /usr/bin/python3 "$SRC/tests/integration/python/figures_check.py" "$@"; }

[[ -x "$BENCH/sharpline_bench" ]] || fail "no benchmarks built next to $SHARPLINE"
if [[ ! -d "$DATA/nflverse" || ! -d "$DATA/football_data" ]]; then
  [[ -z "${CI:-}" ]] || fail "no shared data at $DATA in CI"
  echo "SKIP: no shared data at $DATA"; exit 77
fi
export SHARPLINE_DATA_DIR=$DATA

# Odds math and inference (Google Benchmark), through the harness's converter.
(cd "$WORK" && "$BENCH/sharpline_bench" --benchmark_min_time=0.001 --benchmark_format=json \
  --benchmark_out="$WORK/micro.json" --benchmark_out_format=json >/dev/null)
/usr/bin/python3 "$SRC/bench/python/micro_figures.py" "$WORK/micro.json" | check \
  odds_math/Devig3Way/shin odds_math/Devig2Way/multiplicative \
  inference/SingleRow inference/ShapSingleRow inference/Batch/256 inference/ShapBatch/256

# Features-stage memory.
"$BENCH/sharpline_memory_bench" --quick | check \
  memory/features_heap_bytes_per_live_quote memory/features_rss_bytes_per_live_quote

# Transport limit, pipeline throughput and latency on the embedded broker.
"$BENCH/sharpline_bus_bench" --quick --data-dir "$DATA" | check \
  bus/transport_passthrough bus/pipeline_quotes bus/pipeline_ratio_to_transport \
  bus/latency_p50 bus/latency_p99 bus/latency_p999

# The Python reference (its quick size: a few files).
/usr/bin/python3 "$SRC/bench/python/reference_pipeline.py" --data-dir "$DATA" \
  --dataset football-data --quick | check python_reference/football_data_quick_events_per_s

# bench/run checks its options before building anything.
code=0
"$SRC/bench/run" --only nothing >/dev/null 2>"$WORK/err" || code=$?
[[ $code == 2 ]] || fail "bench/run --only nothing exited $code"
grep -q "unknown group 'nothing'" "$WORK/err" || fail "no message: $(cat "$WORK/err")"
code=0
"$SRC/bench/run" --fast >/dev/null 2>"$WORK/err" || code=$?
[[ $code == 2 ]] || fail "bench/run --fast exited $code"
echo "bench smoke test passed"
