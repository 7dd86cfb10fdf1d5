#!/usr/bin/env bash
# The workflows' matrix follows the repository with no workflow edit (docs/ci.md): in a synthesized checkout with
# the environment qa (made by npm run new-env), the computed matrix lists qa's stacks, with their role variables,
# in the deploy order dev, qa, staging, prod. Then dev's privatelink variant is removed exactly as
# docs/getting-started.md step 5 says, for good: its key deleted, examples/app-from-parameters pointed at staging, and
# the commands of the step's code block run in order (read from the doc, so the check follows the doc as written);
# after that the computed matrix no longer lists dev-privatelink. The block's closing `npm test` is left to the caller:
# check-new-env.sh runs this inside its scratch worktree (one worktree, one install) and then one npm test, which
# therefore covers both qa and the removed variant. Takes that worktree as the first argument; it changes that worktree.
set -euo pipefail
repo=${1:?usage: check-workflow-matrix.sh <a scratch checkout with qa created and synthesized>}
cd "$repo"
matrix_of() {
  node toolkit/commands/dist/workflows/matrix.js 2>/dev/null
}
value() { sed -n "s/^$1=//p"; }

echo "workflow matrix check: the computed matrix lists qa in deploy order"
out=$(matrix_of)
environments=$(value environments <<<"$out")
[ "$environments" = '["dev","qa","staging","prod"]' ] || { echo "workflow matrix check: environments $environments, not dev, qa, staging, prod"; exit 1; }
matrix=$(value matrix <<<"$out")
for variant in private-only nat-egress privatelink; do
  entry="{\"environment\":\"qa\",\"stack\":\"qa-$variant\",\"backend\":\"local\",\"auth\":\"aws-oidc\",\"planRoleVariable\":\"AWS_PLAN_ROLE_ARN_QA\",\"deployRoleVariable\":\"AWS_DEPLOY_ROLE_ARN_QA\"}"
  grep -qF "$entry" <<<"$matrix" || { echo "workflow matrix check: the matrix has no entry $entry"; exit 1; }
done
grep -qF '"stack":"dev-privatelink"' <<<"$matrix" || { echo "workflow matrix check: dev-privatelink missing before its removal"; exit 1; }

echo "workflow matrix check: remove dev's privatelink variant as docs/getting-started.md step 5 says"
# Delete the key `privatelink: { ... }` under dev's variants: its line through the line that closes it.
node -e '
  const fs = require("node:fs");
  const file = "apps/dev/src/environment.ts";
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const start = lines.findIndex((line) => /^\s*privatelink: \{/.test(line));
  if (start < 0) { console.error("no privatelink key in " + file); process.exit(1); }
  const indent = /^\s*/.exec(lines[start])[0];
  const end = lines.findIndex((line, i) => i > start && line === indent + "},");
  lines.splice(start, end - start + 1);
  fs.writeFileSync(file, lines.join("\n"));
'
# Point examples/app-from-parameters at staging: environment 'staging', staging's account.
example=examples/app-from-parameters/src/orders-app.ts
sed -i -e "s/^  environment: 'dev',$/  environment: 'staging',/" \
  -e "s/awsEnvironment('111111111111', 'eu-west-1')/awsEnvironment('222222222222', 'eu-west-1')/" "$example"
if ! grep -qF "environment: 'staging'," "$example" || ! grep -qF "awsEnvironment('222222222222'" "$example"; then
  echo "workflow matrix check: $example has no PLATFORM to point at staging"; exit 1
fi
# The step's code block, in order, but its closing npm test (the caller's).
mapfile -t commands < <(node toolkit/commands/dist/doc-blocks.js docs/getting-started.md 5 bash | head -z -n1 | tr -d '\0' | awk NF)
if [ "${#commands[@]}" -lt 2 ] || [ "${commands[-1]}" != 'npm test' ]; then
  echo "workflow matrix check: docs/getting-started.md step 5 has no code block ending in npm test"; exit 1
fi
log=$(mktemp)
for command in "${commands[@]::${#commands[@]}-1}"; do
  echo "workflow matrix check: step 5: ${command%%  *}"
  bash -c "$command" >"$log" 2>&1 || { tail -n 30 "$log"; echo "workflow matrix check: step 5 failed: $command"; exit 1; }
done
rm -f "$log"
for file in tests/addresses/dev-privatelink.txt tests/__snapshots__/stacks/dev-privatelink.snapshot; do
  if [ -e "$file" ]; then echo "workflow matrix check: $file is still there after step 5"; exit 1; fi
done
npm run synth >/dev/null
matrix=$(matrix_of | value matrix)
if grep -qF '"dev-privatelink"' <<<"$matrix"; then echo "workflow matrix check: dev-privatelink still listed after its removal"; exit 1; fi
grep -qF '"stack":"dev-nat-egress"' <<<"$matrix" || { echo "workflow matrix check: dev-nat-egress missing"; exit 1; }
echo "workflow matrix check: ok (dev, qa, staging, prod; qa's 3 stacks; dev-privatelink gone after step 5)"
