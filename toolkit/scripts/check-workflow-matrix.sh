#!/usr/bin/env bash
# The workflows' matrix follows the repository with no workflow edit (docs/ci.md): in a synthesized checkout with
# the environment qa (made by npm run new-env), the computed matrix lists qa's stacks, with their role variables,
# in the deploy order dev, qa, staging, prod; after dev's privatelink variant is removed the way
# docs/getting-started.md step 5 says (delete the key) and the repository synthesized again, it no longer lists
# dev-privatelink. The key is then put back and the repository synthesized again: the repository's own tests pin
# dev's three variants (its cost figures, the README, the handles example), so `npm test` runs on the shipped dev.
# Run by check-new-env.sh inside its scratch worktree (one worktree, one install, one npm test for both), with
# that worktree as the first argument; it changes that worktree.
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

echo "workflow matrix check: remove dev's privatelink variant (docs/getting-started.md step 5: delete the key), npm run synth"
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
npm run synth >/dev/null
matrix=$(matrix_of | value matrix)
if grep -qF '"dev-privatelink"' <<<"$matrix"; then echo "workflow matrix check: dev-privatelink still listed after its removal"; exit 1; fi
grep -qF '"stack":"dev-nat-egress"' <<<"$matrix" || { echo "workflow matrix check: dev-nat-egress missing"; exit 1; }
git checkout --quiet -- apps/dev/src/environment.ts
npm run synth >/dev/null
echo "workflow matrix check: ok (dev, qa, staging, prod; qa's 3 stacks; dev-privatelink gone after its key was deleted)"
