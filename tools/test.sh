#!/usr/bin/env bash
# Builds the test configuration (warnings as errors, AddressSanitizer + UndefinedBehaviorSanitizer)
# and runs the whole suite with ctest. Servers the tests need (the embedded Kafka broker,
# PostgreSQL) are started by the tests themselves. Then builds the parser fuzz targets with clang
# (build-fuzz, see docs/fuzzing.md) and fuzzes each for SHARPLINE_FUZZ_SECONDS (default 10);
# SHARPLINE_FUZZ=0 skips that stage.
#   tools/test.sh [extra ctest arguments, passed to both ctest runs]
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

# libFuzzer needs clang: a separate build with only the parsers (tests/fuzz/CMakeLists.txt).
if [[ "${SHARPLINE_FUZZ:-1}" != 0 ]]; then
  FUZZ_BUILD_DIR=${SHARPLINE_FUZZ_BUILD_DIR:-build-fuzz}
  CC=clang CXX=clang++ cmake -S . -B "$FUZZ_BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSHARPLINE_BUILD_FUZZ=ON -DSHARPLINE_FUZZ_SECONDS="${SHARPLINE_FUZZ_SECONDS:-10}" >/dev/null
  cmake --build "$FUZZ_BUILD_DIR" -j"$JOBS"
  # A fixed seed makes the suite's short runs repeatable; tools/fuzz.sh explores with random ones.
  SHARPLINE_FUZZ_SEED=${SHARPLINE_FUZZ_SEED:-1} \
    ctest --test-dir "$FUZZ_BUILD_DIR" --output-on-failure -j"$JOBS" "$@"
fi
