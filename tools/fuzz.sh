#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang, AddressSanitizer + UndefinedBehaviorSanitizer)
# in build-fuzz and fuzzes each target for N seconds, one after the other. The grown corpus is
# kept in build-fuzz/corpus/<target> (the next run starts from it), findings (crash-*, leak-*,
# timeout-*, oom-*) in build-fuzz/findings/<target>. Exits non-zero if any target found something.
#   tools/fuzz.sh [--seconds N] [--jobs J] [--list] [target...]
# Default: every target, 300 s each, one at a time (--jobs runs J targets at once).
# See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${SHARPLINE_FUZZ_BUILD_DIR:-build-fuzz}
JOBS=${SHARPLINE_JOBS:-$(nproc)}
seconds=300
parallel=1
list=0
targets=()
while (($#)); do
  case "$1" in
    --seconds) seconds=${2:?--seconds needs a number}; shift 2 ;;
    --seconds=*) seconds=${1#--seconds=}; shift ;;
    --jobs) parallel=${2:?--jobs needs a number}; shift 2 ;;
    --list) list=1; shift ;;
    -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz.sh: --seconds must be a positive whole number, got '$seconds'" >&2
  exit 2
fi
if ! [[ "$parallel" =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz.sh: --jobs must be a positive whole number, got '$parallel'" >&2
  exit 2
fi
if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: clang++ not found; libFuzzer needs clang (tools/install-deps.sh --test)" >&2
  exit 1
fi

CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSHARPLINE_BUILD_FUZZ=ON -DSHARPLINE_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build "$BUILD_DIR" -j"$JOBS"

known=$(ctest --test-dir "$BUILD_DIR" -N | sed -n 's/^ *Test *#[0-9]*: fuzz\.//p')
if ((list)); then
  echo "$known"
  exit 0
fi
if ((${#targets[@]} == 0)); then
  regex='^fuzz\.'
else
  for target in "${targets[@]}"; do
    if ! grep -qx "$target" <<<"$known"; then
      echo "fuzz.sh: unknown target '$target'; targets: $(echo $known)" >&2
      exit 2
    fi
  done
  regex="^fuzz\\.($(IFS='|'; echo "${targets[*]}"))\$"
fi

export SHARPLINE_FUZZ_CORPUS_OUT=$PWD/$BUILD_DIR/corpus
export SHARPLINE_FUZZ_SECONDS=$seconds
ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$parallel" -R "$regex"
