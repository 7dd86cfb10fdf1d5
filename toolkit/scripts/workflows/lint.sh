#!/usr/bin/env bash
# Lints the GitHub Actions workflows (.github/workflows/*.yml) with actionlint: syntax, expressions,
# contexts, job dependencies, action inputs, and the run: scripts through shellcheck when it is on PATH.
# actionlint comes from `npm run toolchain` (.tools/bin) or PATH. Exit 0 when clean, 1 on findings,
# 2 when actionlint is missing or cannot run.
set -euo pipefail
cd "$(dirname "$0")/../../.."

if [ -x .tools/bin/actionlint ]; then
  actionlint=.tools/bin/actionlint
elif command -v actionlint >/dev/null 2>&1; then
  actionlint=$(command -v actionlint)
else
  echo "workflows: actionlint is not installed; run npm run toolchain (it installs actionlint into .tools/bin)"
  exit 2
fi

shopt -s nullglob
files=(.github/workflows/*.yml .github/workflows/*.yaml)
if [ ${#files[@]} -eq 0 ]; then
  echo "workflows: no workflow files in .github/workflows"
  exit 1
fi

if ! command -v shellcheck >/dev/null 2>&1; then
  echo "workflows: shellcheck is not on PATH, so actionlint checks the run: scripts without it"
fi

status=0
output=$("$actionlint" -no-color "${files[@]}" 2>&1) || status=$?
case $status in
  0) echo "workflows: ${#files[@]} files, actionlint ok" ;;
  1)
    echo "$output"
    echo "workflows: ${#files[@]} files, actionlint found problems (above)"
    exit 1
    ;;
  *)
    echo "$output"
    echo "workflows: actionlint failed to run (exit $status)"
    exit 2
    ;;
esac
