#!/usr/bin/env bash
# The config mistakes a platform engineer makes in the first week, each through `npm run synth` as a user runs it:
# one line per problem naming environment, field, value and what is allowed, printed once, exit 1, nothing written
# (no staging folder, every environment's output as it was). The README's and guardrails.md's example errors must
# be this exact output. Edits the shipped apps in place and restores them; refuses to start over local edits.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CHECKPOINT_DISABLE=1 TURBO_TELEMETRY_DISABLED=1

if [ -n "$(git status --porcelain -- apps workloads README.md)" ]; then
  echo "config-errors: apps/, workloads/ or README.md has local changes; commit or stash them first (this check edits and restores them)"
  exit 1
fi
restore() {
  git checkout -q -- apps workloads README.md
  rm -rf apps/qa workloads/orders/oversized.zip
  npm run --silent synth -- --output-logs=errors-only >/dev/null 2>&1 || echo "config-errors: re-synthesizing after the check failed"
}
trap restore EXIT

npm run --silent synth -- --output-logs=errors-only >/dev/null
fingerprint() { find apps/*/cdktf.out -type f -name 'cdk.tf.json' -print0 | sort -z | xargs -0 sha256sum; }
before=$(fingerprint)

# Replaces $2 with $3 in $1, failing if $2 is not there (the shipped file changed under the check).
edit() {
  grep -qF -- "$2" "$1" || { echo "config-errors: '$2' not found in $1"; exit 1; }
  node -e 'const fs = require("fs"); const [file, from, to] = process.argv.slice(1); fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(from, to));' "$1" "$2" "$3"
}

# Runs npm run synth, which must fail with exactly the expected stderr (from its "synth failed" line, or all of it when
# the third argument is "whole") and change nothing.
expect_refusal() {
  local name=$1 expected=$2 output status=0
  output=$(npm run --silent synth 2>&1 >/dev/null) || status=$?
  local problems=$output
  [ "${3:-}" = whole ] || problems=$(sed -n '/^synth failed/,$p' <<<"$output")
  if [ "$status" -eq 0 ] || [ "$problems" != "$expected" ]; then
    printf 'config-errors: %s: exit %s; expected\n%s\ngot\n%s\n' "$name" "$status" "$expected" "$output"; exit 1
  fi
  if grep -qE '^npm (error|ERR!)' <<<"$output"; then echo "$output"; echo "config-errors: $name: npm boilerplate after the error"; exit 1; fi
  # An app that fails stops turbo, which stops the others mid-synth: each one's watcher removes its staging folder
  # within moments of its exit (stacks/src/synth.ts, removeWhenAbandoned). Allow it 3 s.
  for _ in $(seq 15); do compgen -G 'apps/*/cdktf.out.staging-*' >/dev/null || break; sleep 0.2; done
  if compgen -G 'apps/*/cdktf.out.staging-*' >/dev/null; then echo "config-errors: $name: a staging folder was left behind"; exit 1; fi
  [ "$(fingerprint)" = "$before" ] || { echo "config-errors: $name: a synthesized stack changed"; exit 1; }
  git checkout -q -- apps workloads
  rm -rf apps/qa workloads/orders/oversized.zip
  echo "config-errors: ok: $name"
}

# The fenced block after the given line of a doc file.
example_after() { awk -v marker="$2" 'index($0, marker) { found = 1 } found && /^```$/ { if (inside) exit; inside = 1; next } inside' "$1"; }

edit apps/dev/src/environment.ts "strategy: 'instance'" "strategy: 'nat-box'"
expect_refusal "README's example (an unknown NAT strategy compiles, and the schema names it)" \
  "$(example_after README.md 'Values are validated before any construct is built')"

edit apps/dev/src/environment.ts "availabilityZones: ['eu-west-1a', 'eu-west-1b']" "availabilityZones: ['eu-west-1a', 'eu-west-1d']"
edit apps/dev/src/environment.ts "logRetentionInDays: 14," "logRetentionInDays: 14, function: { memorySize: 64 },"
expect_refusal "guardrails.md's example (an AZ the region lacks, memory below Lambda's range)" \
  "$(example_after docs/guardrails.md 'Every problem is reported together')"

edit apps/dev/src/environment.ts "cidr: '10.10.0.0/16'" "cidr: '10.20.0.0/16'"
expect_refusal "a VPC overlapping another environment's, blamed on the environment that changed" \
'synth failed: 1 problem(s) in the environment config; nothing was written
  - environment "dev", field variants.natEgress.cidr = "10.20.0.0/16": overlaps staging-nat-egress (10.20.0.0/16); every VPC in the repository needs its own range'

edit apps/staging/src/environment.ts "onPremisesCidrs: ['192.168.0.0/16']" "onPremisesCidrs: ['10.11.0.0/24']"
expect_refusal "an on-premises range inside another environment's VPC" \
'synth failed: 1 problem(s) in the environment config; nothing was written
  - environment "staging", field variants.privatelink.onPremisesCidrs.0 = "10.11.0.0/24": overlaps the VPC of dev-private-only (10.11.0.0/16); on-premises and peer networks need ranges of their own'

edit apps/dev/src/environment.ts "name: 'dev'," "name: 'dev2',"
expect_refusal "an app whose name is not its folder" \
'synth failed: 1 problem(s) in the environment config; nothing was written
  - environment "dev2", field name = "dev2": differs from its folder apps/dev; an app'"'"'s name must be its folder'"'"'s (its stacks, state and workflows are named after both)'

cp -r apps/dev apps/qa && rm -rf apps/qa/cdktf.out apps/qa/dist
edit apps/qa/package.json "app-dev" "app-qa"
edit apps/qa/cdktf.json "blueprints-dev" "blueprints-qa"
edit apps/qa/src/environment.ts "cidr: '10.11.0.0/16'" "cidr: '10.41.0.0/16'"
edit apps/qa/src/environment.ts "cidr: '10.10.0.0/16'" "cidr: '10.40.0.0/16'"
edit apps/qa/src/environment.ts "cidr: '10.12.0.0/16'" "cidr: '10.42.0.0/16'"
npm install --no-audit --no-fund --silent >/dev/null 2>&1
expect_refusal "a copied app that kept the name of the one it was copied from" \
'synth failed: 1 problem(s) in the environment config; nothing was written
  - environment "dev", field name = "dev": differs from its folder apps/qa; an app'"'"'s name must be its folder'"'"'s (its stacks, state and workflows are named after both)'
npm install --no-audit --no-fund --silent >/dev/null 2>&1
git checkout -q -- package-lock.json

# A variant left out is not an error: the environment synthesizes the others.
node -e 'const fs = require("fs"); const f = "apps/dev/src/environment.ts"; const s = fs.readFileSync(f, "utf8"); const t = s.replace(/\n    privatelink: \{[^}]*\},/, ""); if (t === s) process.exit(1); fs.writeFileSync(f, t);'
npm run --silent synth -- --output-logs=errors-only >/dev/null
[ "$(ls apps/dev/cdktf.out/stacks)" = "$(printf 'dev-nat-egress\ndev-private-only')" ] || { ls apps/dev/cdktf.out/stacks; echo "config-errors: dev without privatelink did not synthesize exactly its other two stacks"; exit 1; }
report=$(node toolkit/commands/dist/report.js)
if grep -q 'dev-privatelink' <<<"$report" || ! grep -q '^report: dev-nat-egress: ' <<<"$report"; then
  echo "$report"; echo "config-errors: the report of dev without privatelink is not exactly its two stacks"; exit 1
fi
echo "config-errors: ok: a variant left out synthesizes the others, and the report covers just those"

# A team's declared function (apps/dev declares workloads/orders): each bad input is one line naming the environment
# and the field, and nothing is written. The shipped apps again, synthesized, are what must stay as they are.
git checkout -q -- apps
npm run --silent synth -- --output-logs=errors-only >/dev/null
before=$(fingerprint)
dev=apps/dev/src/environment.ts
handler=workloads/orders/src/handler.ts
orders='environment "dev", variants.privateOnly.functions.orders'
config_refusal='synth failed: 1 problem(s) in the environment config; nothing was written'

# A syntax error in an environment.ts: the compiler's line, its path from the repository root, and nothing else (no
# npm or turbo lines after it).
edit $dev "region: 'eu-west-1'," "region: 'eu-west-1' ,,"
expect_refusal "a syntax error in an environment.ts (the compiler's lines only)" \
  "$dev(9,24): error TS1136: Property assignment expected." whole

edit $dev "entry: 'workloads/orders/src/handler.ts'" "entry: 'workloads/orders/src/handlr.ts'"
expect_refusal "a function entry that does not exist" "$config_refusal
  - environment \"dev\", field variants.privateOnly.functions.orders.entry = \"workloads/orders/src/handlr.ts\": no such file below the repository root"

edit $handler "const tableName = env.TABLE_NAME;" "const tableName = env.TABLE_NAME +;"
expect_refusal "a handler with a syntax error (esbuild's file:line:column)" \
  "synth failed; nothing was written: $orders: $handler:17:36: Unexpected \";\""

edit $dev "table: 'read', description" "table: 'read', handler: 'main', description"
expect_refusal "a handler export the entry does not have" \
  "synth failed; nothing was written: $orders: $handler has no export \"main\" (it exports OrderLookup, createHandler, handler); export the handler under that name or set handler to one of its exports"

edit $handler "import { z } from 'zod';" "import { z } from 'zod';
import leftPad from 'left-pad';
export const padded = leftPad('1', 3);"
expect_refusal "an import of a package that is not installed" \
  "synth failed; nothing was written: $orders: $handler:5:20: package left-pad is not installed; run npm install left-pad in workloads/orders, the package that holds the handler"

edit $dev "table: 'read', description" "table: 'read', layers: [1, 2, 3, 4, 5, 6].map((n) => ({ arn: 'arn:aws:lambda:eu-west-1:111111111111:layer:l' + n + ':1' })), description"
expect_refusal "a sixth layer" "$config_refusal
  - environment \"dev\", field variants.privateOnly.functions.orders.layers = [$(for n in 1 2 3 4 5 6; do printf '%s{"arn":"arn:aws:lambda:eu-west-1:111111111111:layer:l%s:1"}' "$([ $n -gt 1 ] && echo ,)" $n; done)]: Lambda loads at most 5 layers per function"

edit $dev "table: 'read', description" "table: 'read', reservedConcurrency: 2, alias: { name: 'live', provisionedConcurrency: 5 }, description"
expect_refusal "provisioned concurrency above the reserved concurrency" "$config_refusal
  - environment \"dev\", field variants.privateOnly.functions.orders.alias.provisionedConcurrency = 5: must not exceed reservedConcurrency (2)"

# 52 MiB of random bytes do not compress: the zip is over Lambda's 50 MB for a direct upload.
node -e 'const { deterministicZip } = require("@lambda-vpc/lambda"); const fs = require("fs"); fs.writeFileSync("workloads/orders/oversized.zip", deterministicZip([{ path: "index.js", content: require("crypto").randomBytes(52 * 1024 * 1024) }]));'
edit $dev "entry: 'workloads/orders/src/handler.ts'" "zip: 'workloads/orders/oversized.zip'"
expect_refusal "a package over Lambda's size limit" \
  "synth failed; nothing was written: $orders: the package is 52.0 MB zipped; Lambda takes at most 50 MB for a direct upload (upload it to S3 and use FunctionCode.fromS3)"

edit $dev "table: 'read', description" "table: 'read', secrets: { DB_SECRET: 'arn:aws:secretsmanager:eu-west-1:111111111111:parameter/db' }, description"
expect_refusal "a secret ARN that is not one" "$config_refusal
  - environment \"dev\", field variants.privateOnly.functions.orders.secrets.DB_SECRET = \"arn:aws:secretsmanager:eu-west-1:111111111111:parameter/db\": is not a secret ARN; allowed: arn:<partition>:secretsmanager:<region>:<12-digit account>:secret:<name>"

# Interface endpoint services against the dated list in @lambda-vpc/endpoints, and each action against its service.
list="AWS PrivateLink list as of $(node -p 'require("@lambda-vpc/endpoints").ENDPOINT_SERVICES_AS_OF')"
edit $dev "cidr: '10.11.0.0/16'," "cidr: '10.11.0.0/16', interfaceEndpoints: [{ service: 'lamda', actions: ['lambda:InvokeFunction'] }],"
expect_refusal "an interface endpoint service not on the list, with the nearest listed name" "$config_refusal
  - environment \"dev\", field variants.privateOnly.interfaceEndpoints.0.service = \"lamda\": is not an interface endpoint service ($list); nearest: lambda"

edit $dev "cidr: '10.11.0.0/16'," "cidr: '10.11.0.0/16', interfaceEndpoints: [{ service: 'sts', actions: ['s3:GetObject'] }],"
expect_refusal "an interface endpoint action of another service" "$config_refusal
  - environment \"dev\", field variants.privateOnly.interfaceEndpoints.0.actions.0 = \"s3:GetObject\": is an action of s3, which the sts endpoint does not serve; allowed: sts:<Action>"

edit $dev "table: 'read', description" "table: 'read', endpoints: ['secretmanager'], description"
expect_refusal "a declared function's endpoint service not on the list" "$config_refusal
  - environment \"dev\", field variants.privateOnly.functions.orders.endpoints.0 = \"secretmanager\": is not an interface endpoint service ($list); nearest: secretsmanager"
