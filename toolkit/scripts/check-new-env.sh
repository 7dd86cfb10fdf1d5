#!/usr/bin/env bash
# `npm run new-env` makes an environment that synthesizes and passes `npm test` with no hand edits, and removing a
# variant as docs/getting-started.md step 5 says keeps it so. Runs in a scratch worktree of HEAD (the working tree is
# not touched), creates `qa`, then runs synth, the workflow matrix check (check-workflow-matrix.sh: qa joins the
# computed matrix; dev's privatelink, removed by step 5, leaves it) and one npm test over both changes.
set -euo pipefail
# shellcheck source=toolkit/scripts/scratch-worktree.sh
source "$(dirname "$0")/scratch-worktree.sh"
echo "new-env check: npm ci in a scratch worktree of HEAD"
npm ci --no-audit --no-fund >/dev/null
echo "new-env check: npm run new-env -- --name qa --region eu-west-1 --account 123456789012 --cidr 10.40.0.0/16 --azs 2 --nat single-gateway"
created=$(npm run --silent new-env -- --name qa --region eu-west-1 --account 123456789012 --cidr 10.40.0.0/16 --azs 2 --nat single-gateway)
# What new-env leaves to the team: the GitHub environment, the role variables by name, the token for the cloud backend.
for line in 'what remains for the team' 'New environment "qa"' AWS_PLAN_ROLE_ARN_QA AWS_DEPLOY_ROLE_ARN_QA \
  'repo:OWNER/REPO:environment:qa' TF_API_TOKEN 'with no workflow edit'; do
  grep -qF "$line" <<<"$created" || { echo "new-env check: new-env did not print \"$line\" among what remains for the team"; exit 1; }
done
for variant in private-only nat-egress privatelink; do
  test -s "tests/__snapshots__/stacks/qa-$variant.snapshot" || { echo "new-env check: no snapshot file of qa-$variant"; exit 1; }
done
echo "new-env check: refusals (existing environment, overlapping CIDR)"
if npm run --silent new-env -- --name qa --region eu-west-1 --account 123456789012 --cidr 10.50.0.0/16 --azs 2 --nat instance 2>/dev/null; then
  echo "new-env check: an existing environment was overwritten"; exit 1
fi
if npm run --silent new-env -- --name qb --region eu-west-1 --account 123456789012 --cidr 10.40.0.0/16 --azs 2 --nat instance 2>/dev/null; then
  echo "new-env check: an overlapping CIDR was accepted"; exit 1
fi
echo "new-env check: npm run synth && npm test"
npm run synth >/dev/null
# Every registered variant (stacks/src/variants/registry.ts) has its stack in the new environment.
mapfile -t variants < <(node -e "for (const v of require('./stacks/dist').VARIANTS) console.log(v.name)")
[ "${#variants[@]}" -gt 0 ] || { echo "new-env check: no registered variants"; exit 1; }
for variant in "${variants[@]}"; do
  test -s "apps/qa/cdktf.out/stacks/qa-$variant/cdk.tf.json" || { echo "new-env check: qa-$variant was not synthesized"; exit 1; }
done
bash toolkit/scripts/check-workflow-matrix.sh .
echo "new-env check: npm test (qa added, dev-privatelink removed)"
CI=true npm test > "$scratch/test.log" 2>&1 || {
  tail -40 "$scratch/test.log"; echo "new-env check: npm test failed with qa and without dev-privatelink"; exit 1
}
echo "new-env check: ok (qa created, synthesized, in the workflow matrix; dev-privatelink removed by step 5;" \
  "$(tail -n 1 "$scratch/test.log"); ${SECONDS} s)"
