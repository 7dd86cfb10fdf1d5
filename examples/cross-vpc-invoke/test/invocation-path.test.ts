// The example's two stacks read together by @lambda-vpc/reachability (analyzeInvocationAcrossStacks): the caller
// function invokes Lambda through the endpoint in the other VPC, hop by hop, and each piece taken out of the JSON
// blocks the path at exactly its hop.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthExample } from '@lambda-vpc/example-cross-vpc-invoke';
import { analyzeInvocationAcrossStacks, INVOCATION_HOPS } from '@lambda-vpc/reachability';
import { StackDocument, StackJson } from '@lambda-vpc/stack-model';

const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-cross-vpc-path-')), 'cdktf.out');
const stacks = Object.fromEntries(
  synthExample({ outdir }).stacks.map((stack) => [stack.name, JSON.parse(fs.readFileSync(stack.file, 'utf8'))]),
) as Record<string, StackJson & { resource: Record<string, Record<string, Record<string, unknown>>> }>;
const CALLER = 'example-cross-vpc-caller';
const TARGET = 'example-cross-vpc-target';

/** The analysis of the two stacks, after `change` edits a copy of them. */
function analyze(change: (caller: (typeof stacks)[string], target: (typeof stacks)[string]) => void = () => undefined) {
  const caller = structuredClone(stacks[CALLER]);
  const target = structuredClone(stacks[TARGET]);
  change(caller, target);
  return analyzeInvocationAcrossStacks(new StackDocument(CALLER, caller), new StackDocument(TARGET, target));
}

describe('the invocation path across the two stacks', () => {
  it('is yes at every hop, routes both ways over the Transit Gateway', () => {
    const result = analyze();
    expect(result.hops.map((hop) => [hop.hop, hop.verdict])).toEqual(INVOCATION_HOPS.map((hop) => [hop, 'yes']));
    expect([result.verdict, result.caller, result.endpoint]).toEqual([
      'yes',
      `${CALLER}:aws_lambda_function.caller`,
      `${TARGET}:aws_vpc_endpoint.lambda-endpoint`,
    ]);
  });
});

describe('each piece taken away blocks the path at its hop', () => {
  it.each([
    ['no route back from the endpoint subnets', 'route-back', (_c, t) => delete t.resource.aws_route],
    ['no route from the caller subnets', 'route-from-caller', (c) => delete c.resource.aws_route],
    [
      'the endpoint security group not admitting the caller VPC',
      'endpoint-ingress',
      (_c, t) => delete t.resource.aws_vpc_security_group_ingress_rule,
    ],
    [
      'the hosted zone not associated with the caller VPC',
      'dns',
      (c) => delete c.resource.aws_route53_zone['lambda-zone_zone'].vpc,
    ],
    [
      "the caller's role not in the endpoint policy",
      'endpoint-policy',
      (_c, t) => {
        const endpoint = t.resource.aws_vpc_endpoint['lambda-endpoint'];
        const policy = JSON.parse(endpoint.policy as string) as { Statement: { Principal: unknown }[] };
        for (const statement of policy.Statement)
          statement.Principal = { AWS: ['arn:aws:iam::123456789012:role/other'] };
        endpoint.policy = JSON.stringify(policy);
      },
    ],
    [
      "the caller VPC's Transit Gateway attachment",
      'join',
      (c) => delete c.resource.aws_ec2_transit_gateway_vpc_attachment,
    ],
  ] as [string, string, Parameters<typeof analyze>[0]][])('%s: no, at %s', (_case, hop, change) => {
    const result = analyze(change);
    expect([result.verdict, result.blockedAt]).toEqual(['no', [hop]]);
  });
});
