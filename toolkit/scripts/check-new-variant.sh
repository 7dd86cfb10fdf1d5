#!/usr/bin/env bash
# A fourth variant is four hand-edited files: its module (schema, subnet tiers, intent and stack in one file), its
# handler, one registry line, and an environment that deploys it. In a scratch worktree of HEAD (the working tree is
# not touched) this adds a throwaway `sandbox` variant (an isolated VPC whose function reaches nothing) to dev, then
# requires: exactly those four files changed; `npm run synth` writes dev-sandbox through the guardrails (held to
# the module's intent, internet none); `npm run report` reports it; `npm run new-env` gives it a share of the block;
# and the repository's tests pass with it once its address ledger and snapshot are recorded by their commands.
set -euo pipefail
# shellcheck source=toolkit/scripts/scratch-worktree.sh
source "$(dirname "$0")/scratch-worktree.sh"
fail() { echo "new-variant check: $*"; exit 1; }
echo "new-variant check: npm ci in a scratch worktree of HEAD"
npm ci --no-audit --no-fund >/dev/null

echo "new-variant check: adding the sandbox variant (module, handler, registry line, dev's environment)"
mkdir -p stacks/src/variants/sandbox stacks/functions/sandbox-probe
cat > stacks/src/variants/sandbox/sandbox-variant.ts <<'TS'
import { Construct } from 'constructs';
import { z } from 'zod';
import { LambdaFunction } from '@lambda-vpc/lambda';
import { SubnetType } from '@lambda-vpc/network';
import { cidrBlock } from '../../config/schema-parts';
import { BlueprintStack } from '../../shared/blueprint-stack';
import { demoFunctionCode } from '../../shared/function-code';
import { patternNetwork } from '../pattern-props';
import { defineVariant, VariantStackProps } from '../variant';

const sandboxSettingsSchema = z.object({ cidr: cidrBlock }).strict();

class SandboxStack extends BlueprintStack {
  constructor(scope: Construct, props: VariantStackProps<z.output<typeof sandboxSettingsSchema>>) {
    super(scope, props);
    const network = patternNetwork(this, this.networkDefaults(), props.variant.subnetTiersOf(props.config));
    new LambdaFunction(this, 'sandbox-probe', {
      ...this.functionDefaults(),
      functionName: this.resourceName('sandbox-probe'),
      description: 'Runs in isolated subnets and reaches nothing',
      code: demoFunctionCode('sandbox-probe'),
      vpc: { network, subnetType: SubnetType.PRIVATE_ISOLATED },
    });
  }
}

/** Sandbox: an isolated VPC whose function reaches nothing. */
export const SANDBOX = defineVariant({
  name: 'sandbox',
  configKey: 'sandbox',
  summary: 'an isolated VPC whose function reaches nothing',
  settingsSchema: sandboxSettingsSchema,
  intent: { internet: 'none' },
  subnetTiers: () => [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: 24 }],
  scaffold: ({ cidr }) => ({ cidr }),
  createStack: (scope, props) => new SandboxStack(scope, props),
});
TS
cat > stacks/functions/sandbox-probe/index.ts <<'TS'
export const handler = async (): Promise<{ readonly ok: boolean }> => ({ ok: true });
TS
node - <<'JS'
const fs = require('node:fs');
const edit = (file, from, to) => {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file}: "${from}" not found`);
  fs.writeFileSync(file, text.replace(from, to));
};
edit('stacks/src/variants/registry.ts', "import type { Variant } from './variant';",
  "import { SANDBOX } from './sandbox/sandbox-variant';\nimport type { Variant } from './variant';");
edit('stacks/src/variants/registry.ts', 'PRIVATELINK] as const;', 'PRIVATELINK, SANDBOX] as const;');
edit('apps/dev/src/environment.ts', '  variants: {', "  variants: {\n    sandbox: { cidr: '10.13.0.0/16' },");
JS
# As a team would, in the repository's style (npm run lint checks it).
npx --no-install prettier --write --log-level warn stacks/src/variants/sandbox/sandbox-variant.ts \
  stacks/functions/sandbox-probe/index.ts stacks/src/variants/registry.ts apps/dev/src/environment.ts
changed=$(git status --porcelain | wc -l)
git status --porcelain
[ "$changed" -eq 4 ] || fail "a new variant took $changed changed files, not 4"

echo "new-variant check: npm run synth"
npm run synth > "$scratch/synth.log" 2>&1 || { tail -30 "$scratch/synth.log"; fail "npm run synth failed with the sandbox variant"; }
test -s apps/dev/cdktf.out/stacks/dev-sandbox/cdk.tf.json || fail "dev-sandbox was not synthesized"
grep -q 'dev-sandbox' "$scratch/synth.log" || fail "npm run synth did not name dev-sandbox"

echo "new-variant check: the guardrails hold dev-sandbox to its intent (internet none): an internet gateway is refused"
cp stacks/src/variants/sandbox/sandbox-variant.ts "$scratch/sandbox-variant.ts"
node - <<'JS'
const fs = require('node:fs');
const file = 'stacks/src/variants/sandbox/sandbox-variant.ts';
const text = fs.readFileSync(file, 'utf8')
  .replace("import { z } from 'zod';", "import { z } from 'zod';\nimport { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';")
  .replace('    new LambdaFunction(', "    new InternetGateway(this, 'intruder', { vpcId: network.vpcId });\n    new LambdaFunction(");
fs.writeFileSync(file, text);
JS
if npm run synth > "$scratch/refused.log" 2>&1; then fail "an internet gateway in dev-sandbox passed the guardrails"; fi
grep -q 'LVB-NET-4 .*aws_internet_gateway in a sandbox stack' "$scratch/refused.log" \
  || { tail -20 "$scratch/refused.log"; fail "the refusal did not name LVB-NET-4 and the sandbox stack"; }
cp "$scratch/sandbox-variant.ts" stacks/src/variants/sandbox/sandbox-variant.ts

echo "new-variant check: npm run report"
npm run report > "$scratch/report.log" 2>&1 || { tail -30 "$scratch/report.log"; fail "npm run report failed"; }
grep -q '^report: dev-sandbox: 1 function(s), 0 reach the internet' "$scratch/report.log" \
  || { cat "$scratch/report.log"; fail "the report does not show dev-sandbox's function with no internet path"; }
for file in reachability.json cost.json diagram.svg README.md; do
  test -s "reports/dev-sandbox/$file" || fail "reports/dev-sandbox/$file is missing"
done
grep -q '`dev-sandbox`' README.md || fail "the README cost table has no dev-sandbox row"

echo "new-variant check: npm run new-env (the new variant gets a share of the block)"
new_env=$(npm run --silent new-env -- --name qa --region eu-west-1 --account 123456789012 --cidr 10.40.0.0/16 --azs 2 --nat single-gateway)
echo "$new_env"
grep -q 'sandbox 10.40.192.0/18' <<<"$new_env" || fail "new-env gave the sandbox variant no share of the block"

echo "new-variant check: record dev-sandbox's address ledger and snapshot as new-env does, then npm test"
npm run --silent addresses:record > /dev/null
(cd tests && npx --no-install jest --ci=false -u environments.test.ts -t 'dev-sandbox' > /dev/null 2>&1) || fail "recording dev-sandbox's snapshot failed"
CI=true npm test > "$scratch/test.log" 2>&1 || { grep -E '✕|●' "$scratch/test.log" | head -30; tail -20 "$scratch/test.log"; fail "npm test failed with the sandbox variant"; }
echo "new-variant check: ok (4 files; dev-sandbox synthesized, held to its intent, reported; $(tail -n 1 "$scratch/test.log"))"
