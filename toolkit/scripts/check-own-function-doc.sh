#!/usr/bin/env bash
# docs/own-functions.md followed literally, as a newcomer would on a fresh clone: in a scratch worktree of HEAD (the
# working tree is not touched), run its first shell block, write the files its TypeScript blocks name in their first
# line, put its declaration in place of dev's `functions`, then run its "Synthesize and check" block (synth, address
# ledger, snapshot, npm test, report). Requires the declared function in dev-private-only, bundled with date-fns and
# with its addresses in the ledger. The CDK Terrain lockfile step is left out: it needs the framework build (CI
# proves that build separately).
set -euo pipefail
# OWN_FUNCTION_DOC_KEEP=1 keeps the scratch worktree for a look after a failure.
keep_scratch=${OWN_FUNCTION_DOC_KEEP:-}
# shellcheck source=toolkit/scripts/scratch-worktree.sh
source "$(dirname "$0")/scratch-worktree.sh"
doc=docs/own-functions.md
fail() { echo "own-function doc: $*"; exit 1; }
echo "own-function doc: npm ci in a scratch worktree of HEAD"
npm ci --no-audit --no-fund >/dev/null
# The doc's blocks are read by the compiled commands; the synth in step 3 then finds this build cached.
npx --no-install turbo run build --filter=@lambda-vpc/tools --output-logs=errors-only >/dev/null

# The bodies of the blocks of step $1 ("## 1. ...") in language $2, NUL-separated.
blocks_of() { node toolkit/commands/dist/doc-blocks.js "$doc" "$1" "$2"; }
first_block() { blocks_of "$1" "$2" | head -z -n1 | tr -d '\0'; }

echo "own-function doc: step 1, the workspace and its dependency"
first_block 1 bash | bash -euo pipefail
while IFS= read -r -d '' body; do
  file=$(head -1 <<<"$body" | sed -n 's#^// \(workloads/[^ ]*\)$#\1#p')
  [ -n "$file" ] || fail "a TypeScript block of step 1 does not start with // workloads/<path>"
  printf '%s' "$body" > "$file"
done < <(blocks_of 1 ts; printf '\0')
[ -s workloads/invoices/src/handler.ts ] && [ -s workloads/invoices/test/handler.test.ts ] || fail "step 1 wrote no handler or test"

echo "own-function doc: step 2, the declaration in apps/dev"
node -e '
  const fs = require("fs");
  const [file, declaration] = [process.argv[1], process.argv[2]];
  const source = fs.readFileSync(file, "utf8");
  const current = /^      functions: \{\n[\s\S]*?^      \},\n/m;
  if (!current.test(source)) { console.error("no functions block in " + file); process.exit(1); }
  // Command substitution drops the final newline of the block: the line after it keeps its own.
  fs.writeFileSync(file, source.replace(current, declaration.replace(/\n*$/, "\n")));' apps/dev/src/environment.ts "$(first_block 2 ts)"

echo "own-function doc: step 3, synthesize and check (its commands as written)"
if ! first_block 3 bash | bash -euo pipefail >"$scratch/step3.log" 2>&1; then
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
