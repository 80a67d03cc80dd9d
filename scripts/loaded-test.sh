#!/usr/bin/env bash
# The suite under load: `npm test` N times in a row (default 10) while two `yes` processes keep
# both cores busy, one line per run. Issue 8 asks for 10 of 10; a red run means a test races the clock.
# Usage: bash scripts/loaded-test.sh [N]
set -u
cd "$(dirname "$0")/.."
runs=${1:-10}
yes > /dev/null & y1=$!
yes > /dev/null & y2=$!
trap 'kill $y1 $y2 2>/dev/null' EXIT
failed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  log=$(mktemp)
  if npm test > "$log" 2>&1; then result=pass; else result=FAIL; failed=$((failed + 1)); fi
  tests=$(grep -E '^Tests:' "$log" | tr -s ' ')
  echo "run $i: $result in $(( $(date +%s) - start )) s, load $(cut -d' ' -f1 /proc/loadavg), $tests"
  [ "$result" = FAIL ] && echo "  log kept: $log" || rm -f "$log"
done
echo "$(( runs - failed )) of $runs passed under load"
[ "$failed" -eq 0 ]
