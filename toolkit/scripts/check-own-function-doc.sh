#!/usr/bin/env bash
# docs/own-functions.md followed literally, as a newcomer would on a fresh clone: in a scratch worktree of HEAD (the
# working tree is not touched), run its first shell block, write the files its TypeScript blocks name in their first
# line, put its declaration in place of dev's `functions`, then run its "Synthesize and check" block (synth, address
# ledger, snapshot, npm test, report). Requires the declared function in dev-private-only, bundled with date-fns and
# with its addresses in the ledger. The CDK Terrain lockfile step is left out: it needs the framework build (CI
# proves that build separately).
set -euo pipefail
cd "$(dirname "$0")/../.."
export CHECKPOINT_DISABLE=1 TURBO_TELEMETRY_DISABLED=1
doc=docs/own-functions.md
scratch=$(mktemp -d)
# OWN_FUNCTION_DOC_KEEP=1 keeps the scratch worktree for a look after a failure.
[ -n "${OWN_FUNCTION_DOC_KEEP:-}" ] || trap 'git worktree remove --force "$scratch/repo" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
git worktree add --detach "$scratch/repo" HEAD >/dev/null
cd "$scratch/repo"
fail() { echo "own-function doc: $*"; exit 1; }
echo "own-function doc: npm install in a scratch worktree of HEAD"
npm install --no-audit --no-fund >/dev/null

# The fenced blocks of the doc, in order, as JSON: [{ lang, text }].
blocks=$(node -e '
  const text = require("fs").readFileSync(process.argv[1], "utf8");
  const blocks = [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, body]) => ({ lang, body }));
  console.log(JSON.stringify(blocks));' "$doc")
block() { node -e 'const [blocks, i] = process.argv.slice(1); process.stdout.write(JSON.parse(blocks)[i].body);' "$blocks" "$1"; }
count=$(node -e 'console.log(JSON.parse(process.argv[1]).length)' "$blocks")
langs=$(node -e 'console.log(JSON.parse(process.argv[1]).map((b) => b.lang).join(" "))' "$blocks")
[ "$langs" = "bash ts ts ts bash" ] || fail "expected blocks bash ts ts ts bash, found: $langs"
[ "$count" -eq 5 ] || fail "expected 5 blocks, found $count"

echo "own-function doc: step 1, the workspace and its dependency"
block 0 | bash -euo pipefail
for i in 1 2; do
  file=$(block $i | head -1 | sed -n 's#^// \(workloads/[^ ]*\)$#\1#p')
  [ -n "$file" ] || fail "block $i does not start with // workloads/<path>"
  block $i > "$file"
done

echo "own-function doc: step 2, the declaration in apps/dev"
node -e '
  const fs = require("fs");
  const [file, declaration] = [process.argv[1], process.argv[2]];
  const source = fs.readFileSync(file, "utf8");
  const current = /^      functions: \{\n[\s\S]*?^      \},\n/m;
  if (!current.test(source)) { console.error("no functions block in " + file); process.exit(1); }
  fs.writeFileSync(file, source.replace(current, declaration));' apps/dev/src/environment.ts "$(block 3)"

echo "own-function doc: step 3, synthesize and check (its commands as written)"
if ! block 4 | bash -euo pipefail >"$scratch/step3.log" 2>&1; then
  grep -E '●|✕|error' "$scratch/step3.log" | head -40 || true
  tail -20 "$scratch/step3.log"
  fail "step 3 failed"
fi

stack=apps/dev/cdktf.out/stacks/dev-private-only
node -e '
  const fs = require("fs");
  const path = require("path");
  const [stack] = process.argv.slice(1);
  const json = JSON.parse(fs.readFileSync(path.join(stack, "cdk.tf.json"), "utf8"));
  const fn = json.resource.aws_lambda_function?.invoices;
  if (!fn || fn.function_name !== "dev-private-only-invoices") throw new Error("no aws_lambda_function.invoices");
  const { zipFileEntries } = require("@lambda-vpc/guardrails");
  const files = zipFileEntries(fs.readFileSync(path.join(stack, fn.filename)));
  const index = files.find((f) => f.path === "index.js");
  if (!index || /require\(["\x27]date-fns/.test(index.content.toString())) throw new Error("date-fns is not bundled");
  console.log(`own-function doc: dev-private-only-invoices: ${files.map((f) => f.path).join(", ")}, ${fs.statSync(path.join(stack, fn.filename)).size} bytes zipped`);' "$stack"
grep -qx 'aws_lambda_function.invoices' tests/addresses/dev-private-only.txt || fail "the ledger lacks aws_lambda_function.invoices"
echo "own-function doc: ok: followed literally, the new function synthesizes, is bundled, recorded and tested"
