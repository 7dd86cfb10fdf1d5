#!/usr/bin/env bash
# After `npm run synth` and `npm test`, a second unchanged run must be served entirely from turbo's cache:
# every build, synth, lint, typecheck and test task that has a command reports a cache HIT. Fails naming the misses.
set -euo pipefail
cd "$(dirname "$0")/../.."
export TURBO_TELEMETRY_DISABLED=1
npx --no-install turbo run synth lint typecheck test --dry-run=json 2>/dev/null | node -e '
  let input = "";
  process.stdin.on("data", (chunk) => (input += chunk)).on("end", () => {
    const tasks = JSON.parse(input).tasks.filter((task) => task.command !== "<NONEXISTENT>");
    const misses = tasks.filter((task) => task.cache.status !== "HIT").map((task) => task.taskId);
    if (tasks.length === 0 || misses.length > 0) {
      console.error(`turbo-cache: ${misses.length} of ${tasks.length} tasks would run again: ${misses.join(", ")}`);
      process.exit(1);
    }
    console.log(`turbo-cache: all ${tasks.length} build, synth, lint, typecheck and test tasks are cache hits on an unchanged re-run`);
  });'
