#!/usr/bin/env bash
# Runs one libFuzzer target for a fixed time over a temporary copy of its seed corpus plus small
# real files from the data directory; exits non-zero on any finding (crash, sanitizer report,
# uncaught exception, broken invariant, leak, timeout, out-of-memory). Used by the fuzz.<target>
# ctest tests (tests/fuzz/CMakeLists.txt) and tools/fuzz.sh.
#
#   run_fuzz.sh --target NAME --exe FILE --corpus DIR --findings DIR --seconds N --max-len BYTES
#               [--data-seeds 'glob:glob...']
#
# Environment: SHARPLINE_FUZZ_SEED fixes libFuzzer's seed (tools/test.sh sets 1; unset = random);
# SHARPLINE_FUZZ_SECONDS overrides --seconds; SHARPLINE_DATA_DIR is the data
# directory (default: ../shared/data next to the source tree; skipped silently when absent);
# SHARPLINE_FUZZ_CORPUS_OUT=DIR keeps the grown corpus in DIR/NAME across runs instead of a
# temporary directory. Findings (crash-*, leak-*, timeout-*, oom-*) go to --findings.
set -euo pipefail

target="" exe="" corpus="" findings="" seconds=10 max_len=65536 data_seeds=""
while (($#)); do
  case "$1" in
    --target) target=$2 ;;
    --exe) exe=$2 ;;
    --corpus) corpus=$2 ;;
    --findings) findings=$2 ;;
    --seconds) seconds=$2 ;;
    --max-len) max_len=$2 ;;
    --data-seeds) data_seeds=$2 ;;
    *) echo "run_fuzz.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
[[ -n "$target" && -x "$exe" && -d "$corpus" && -n "$findings" ]] || {
  echo "run_fuzz.sh: need --target, --exe (executable), --corpus (directory) and --findings" >&2
  exit 2
}
seconds=${SHARPLINE_FUZZ_SECONDS:-$seconds}
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
data_dir=${SHARPLINE_DATA_DIR:-$source_dir/../shared/data}
max_seeds_per_glob=4

work=$(mktemp -d "${TMPDIR:-/tmp}/sharpline-fuzz-$target.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/seeds" "$findings"
if [[ -n "${SHARPLINE_FUZZ_CORPUS_OUT:-}" ]]; then
  live="$SHARPLINE_FUZZ_CORPUS_OUT/$target"
else
  live="$work/corpus"
fi
mkdir -p "$live"
cp -n "$corpus"/* "$live"/ 2>/dev/null || true

# Real files as extra seeds: decompressed, whole if they fit in max_len; line-oriented files
# (CSV, JSON lines) are cut at the last line end within max_len. Larger JSON documents are
# skipped (a truncated document is not a useful seed).
if [[ -n "$data_seeds" && -d "$data_dir" ]]; then
  IFS=':' read -r -a globs <<<"$data_seeds"
  for glob in "${globs[@]}"; do
    count=0
    for file in "$data_dir"/$glob; do
      [[ -f "$file" ]] || continue
      ((count < max_seeds_per_glob)) || break
      seed="$work/seeds/$(basename "$file" .gz)"
      # zcat -f passes plain files through; head stops reading large files early.
      (zcat -f -- "$file" 2>/dev/null || true) | head -c $((max_len + 1)) >"$seed"
      if (($(stat -c %s "$seed") > max_len)); then
        case "$seed" in
          *.csv | *.jsonl | *.txt)
            head -c "$max_len" "$seed" | sed '$d' >"$seed.cut" && mv "$seed.cut" "$seed" ;;
          *) rm -f "$seed"; continue ;;
        esac
      fi
      [[ -s "$seed" ]] && count=$((count + 1)) || rm -f "$seed"
    done
  done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
echo "fuzz.$target: ${seconds}s, max_len $max_len, $(ls "$live" | wc -l) corpus + $(ls "$work/seeds" | wc -l) data seeds"
status=0
seed_flag=()
[[ -n "${SHARPLINE_FUZZ_SEED:-}" ]] && seed_flag=(-seed="$SHARPLINE_FUZZ_SEED")
"$exe" "${seed_flag[@]}" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$findings/" "$live" "$work/seeds" || status=$?
if ((status != 0)); then
  echo "fuzz.$target: FINDING (exit $status); inputs in $findings:" >&2
  ls -l "$findings" >&2
  echo "reproduce: $exe $findings/<file>" >&2
fi
exit "$status"
