#!/usr/bin/env bash
# Builds the test configuration (warnings as errors, AddressSanitizer + UndefinedBehaviorSanitizer)
# and runs the whole suite with ctest. Servers the tests need (the embedded Kafka broker,
# PostgreSQL) are started by the tests themselves.
#   tools/test.sh [extra ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${SHARPLINE_TEST_BUILD_DIR:-build-test}
JOBS=${SHARPLINE_JOBS:-$(nproc)}

cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Debug -DSHARPLINE_WERROR=ON -DSHARPLINE_SANITIZE=ON \
  -DSHARPLINE_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD_DIR" -j"$JOBS"

# Sanitizer reports fail the run; leaks inside third-party libraries are listed in tools/lsan.supp.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tools/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$JOBS" --timeout 600 "$@"
