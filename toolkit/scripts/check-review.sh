#!/usr/bin/env bash
# `npm run review` names what each kind of change does to the network. In a scratch worktree of HEAD (the working
# tree is not touched), each case seeds one change into the sources, runs `npm run review -- --base <HEAD>` and
# looks for the words the report must say. The first review synthesizes the base in its own worktree; the others
# read it from the cache (node_modules/.cache/lambda-vpc/review/<sha>/). Prints `review: seeded <case>: ok` per case
# and exits 1 on the first miss, with the report.
set -euo pipefail
# shellcheck source=toolkit/scripts/scratch-worktree.sh
source "$(dirname "$0")/scratch-worktree.sh"
base=$(git rev-parse HEAD)
echo "review: npm ci in a scratch worktree of HEAD ${base:0:7}"
npm ci --prefer-offline --no-audit --no-fund >/dev/null

# replace <file> <text> <replacement>: the seeded edit; fails when the text is not in the file (the sources moved on).
replace() {
  node -e '
    const fs = require("node:fs");
    const [file, from, to] = process.argv.slice(1);
    const text = fs.readFileSync(file, "utf8");
    if (!text.includes(from)) { console.error(`review: ${file} no longer contains: ${from}`); process.exit(1); }
    fs.writeFileSync(file, text.replace(from, to));
  ' "$@"
}

# expect <case> <text>...: each text is in the case's report (fixed strings).
expect() {
  local name=$1 report="$scratch/$1.md"
  shift
  for text in "$@"; do
    if ! grep -qF -- "$text" "$report"; then
      cat "$report"
      echo "review: seeded $name: the report does not say: $text"
      exit 1
    fi
  done
  echo "review: seeded $name: ok"
}

# review <case>: the review of the seeded working tree against the base.
review() {
  npm run --silent review -- --base "$base" --out "$scratch/$1.md" >/dev/null 2>"$scratch/$1.log" || {
    cat "$scratch/$1.log"
    echo "review: seeded $1: npm run review failed"
    exit 1
  }
}

# reset: the working tree back at the base.
reset() { git checkout -q -- . && git clean -qfd -- apps stacks; }

pattern=stacks/src/variants/private-only/private-only-pattern.ts
stack=stacks/src/variants/private-only/private-only-stack.ts
dev=apps/dev/src/environment.ts

# (a) the private-only probe's security group opened to every address on 443.
replace "$pattern" "InterfaceEndpointService,
} from '@lambda-vpc/endpoints';" "InterfaceEndpointService,
} from '@lambda-vpc/endpoints';
import { Peer } from '@lambda-vpc/network';"
replace "$pattern" "this.function?.connections.allowTo(s3, Port.https(), 'HTTPS to S3 through the gateway endpoint');" \
  "this.function?.connections.allowTo(s3, Port.https(), 'HTTPS to S3 through the gateway endpoint');
    this.function?.connections.allowTo(Peer.anyIpv4(), Port.https(), 'HTTPS to every address');"
review security-group-open
expect security-group-open '### dev-private-only (changed)' \
  'security group rule open to every address added: `aws_vpc_security_group_egress_rule.private-probe_egress_' \
  '(egress tcp/443 to 0.0.0.0/0)' \
  'private-probe still does not reach the internet; no longer blocked by: security group egress'
reset

# (b) a route to a NAT in a private-only table (suppressed, as a team would have to, or synth stops).
replace "$stack" "import type { VariantStackProps } from '../variant';" "import type { VariantStackProps } from '../variant';
import { Route } from '@cdktf/provider-aws/lib/route';
import { suppressGuardrail } from '@lambda-vpc/guardrails';"
replace "$stack" "    this.bucket = bucket;" "    this.bucket = bucket;
    const natRoute = new Route(this, 'seeded-nat-route', {
      routeTableId: pattern.network.isolatedSubnets[0].routeTableId,
      destinationCidrBlock: '0.0.0.0/0',
      natGatewayId: 'nat-0123456789abcdef0',
    });
    suppressGuardrail(natRoute, 'LVB-NET-4', 'a NAT of a shared egress VPC, seeded by the review check');"
review nat-route
expect nat-route '### dev-private-only (changed)' \
  'route to 0.0.0.0/0 added: `aws_route.seeded-nat-route` in `aws_route_table.network_route-table_isolated_' \
  'to `nat-0123456789abcdef0` (nat-gateway)' \
  'new: LVB-NET-4 suppressed at `aws_route.seeded-nat-route`: a route to 0.0.0.0/0'
reset

# (c) the private-only S3 gateway endpoint removed (its policy props kept as a plain object, unused).
replace "$pattern" "const s3 = new GatewayEndpoint(scope, 's3-endpoint', {" "const s3 = ((props: object) => props)({"
replace "$pattern" "this.gatewayEndpoints = [dynamoDb, s3];" "this.gatewayEndpoints = [dynamoDb];"
replace "$pattern" "this.function?.connections.allowTo(s3, Port.https(), 'HTTPS to S3 through the gateway endpoint');" "void s3;"
review gateway-endpoint-removed
expect gateway-endpoint-removed '### dev-private-only (changed)' \
  'private-probe loses S3 (gateway endpoint `aws_vpc_endpoint.s3-endpoint` removed)' \
  'gateway endpoint `aws_vpc_endpoint.s3-endpoint` removed (was s3:'
reset

# (d) dev's NAT switched from an instance to a gateway.
replace "$dev" "nat: { strategy: 'instance', instanceType: 't4g.nano' }" "nat: { strategy: 'single-gateway' }"
review nat-strategy
expect nat-strategy '**1 of ' 'stacks changed** (dev-nat-egress)' \
  'egress-probe reaches the internet through `aws_nat_gateway.nat_nat-gateway_eu-west-1a` instead of `aws_instance.nat_instance` (nat-instance -> nat-gateway)' \
  'removed: `aws_eip_association.nat_eip-association`' '(+$'
reset

# (e) an on-premises caller CIDR added to dev's PrivateLink endpoint.
replace "$dev" "    privatelink: {
      cidr: '10.12.0.0/16'," "    privatelink: {
      cidr: '10.12.0.0/16',
      onPremisesCidrs: ['172.16.0.0/16'],"
review caller-cidr
expect caller-cidr '### dev-privatelink (changed)' \
  'interface endpoint `aws_vpc_endpoint.lambda-endpoint` admits new callers on 443: `172.16.0.0/16`'
reset

# (f) a tag value: every dev stack changes, none of them on the network or in cost.
replace "$dev" "tags: { 'cost-center': 'platform-dev' }" "tags: { 'cost-center': 'platform-dev-2' }"
review tag-value
expect tag-value 'stacks changed** (dev-nat-egress, dev-private-only, dev-privatelink)' \
  'paths: 0 gained, 0 lost, 0 rerouted; guardrail findings: 0 new, 0 gone; fixed monthly cost: no change' \
  '- other blocks changed: `provider.aws`'
if grep -A2 -E '^\*\*(Reachability|Endpoints|Guardrails)\*\*' "$scratch/tag-value.md" | grep -E '^- ' | grep -vqx -- '- no change'; then
  cat "$scratch/tag-value.md"
  echo "review: seeded tag-value: a section says more than no change"
  exit 1
fi
echo "review: all seeded changes reported"
