#!/usr/bin/env bash
# clang-format check and clang-tidy over the sources (uses build/compile_commands.json).
#   tools/lint.sh            check only
#   tools/lint.sh --fix      rewrite files with clang-format
#   tools/lint.sh --tidy F.. clang-tidy on the given files (default: files changed since main)
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'bench/*.cpp')
case "${1:-}" in
  --fix) clang-format -i "${files[@]}" ;;
  --tidy)
    shift
    [[ -f build/compile_commands.json ]] || cmake -S . -B build >/dev/null
    targets=("$@")
    ((${#targets[@]})) || mapfile -t targets < <(git diff --name-only main -- 'src/*.cpp')
    ((${#targets[@]})) && clang-tidy -p build --quiet "${targets[@]}"
    ;;
  *) clang-format --dry-run --Werror "${files[@]}" && echo "clang-format: clean" ;;
esac
