#!/usr/bin/env bash
# A change to one environment rebuilds and re-synthesizes that environment alone: after a warm run, edit
# apps/dev/src/environment.ts (a comment, restored on exit) and ask turbo what it would run. dev's build and
# synth must miss; staging's and prod's must be cache hits. Fails naming any task that breaks that.
set -euo pipefail
cd "$(dirname "$0")/../.."
export TURBO_TELEMETRY_DISABLED=1
file=apps/dev/src/environment.ts
backup=$(mktemp)
cp "$file" "$backup"
trap 'cp "$backup" "$file"; rm -f "$backup"' EXIT
printf '\n// env-isolation check: a dev-only change\n' >> "$file"

npx --no-install turbo run synth --dry-run=json 2>/dev/null | node -e '
  let input = "";
  process.stdin.on("data", (chunk) => (input += chunk)).on("end", () => {
    const status = Object.fromEntries(JSON.parse(input).tasks.filter((t) => t.command !== "<NONEXISTENT>").map((t) => [t.taskId, t.cache.status]));
    // Task IDs come from the package names of the apps, so a renamed npm scope needs no edit here.
    const app = (env) => require(`./apps/${env}/package.json`).name;
    const expect = {
      [`${app("dev")}#build`]: "MISS", [`${app("dev")}#synth`]: "MISS",
      [`${app("staging")}#build`]: "HIT", [`${app("staging")}#synth`]: "HIT",
      [`${app("prod")}#build`]: "HIT", [`${app("prod")}#synth`]: "HIT",
    };
    const wrong = Object.entries(expect).filter(([task, want]) => status[task] !== want).map(([task, want]) => `${task} is ${status[task] ?? "absent"}, expected ${want}`);
    if (wrong.length > 0) {
      console.error(`env-isolation: ${wrong.join("; ")}`);
      process.exit(1);
    }
    console.log("env-isolation: after a dev-only change, dev rebuilds and re-synthesizes; staging and prod are cache hits");
  });'
