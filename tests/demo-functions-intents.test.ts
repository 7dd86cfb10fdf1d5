// A stack with its variant's demo functions removed (demoFunctions: false) and one declared function in their place
// is held to the same intent as the environments' stacks: the reachability analyzer finds the declared function's
// paths, and they keep every promise of the variant.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeReachability, intentViolations, ReachabilityResult } from '@lambda-vpc/reachability';
import { synthEnvironments, variantNamed } from '@lambda-vpc/stacks';
import { TerraformJson } from '../test-support/terraform-json';
import { environmentValues } from '../test-support/environment-values';

const ORDERS = { entry: 'workloads/orders/src/handler.ts', table: 'read' } as const;

const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-demo-off-')), 'cdktf.out');
const synthesized = synthEnvironments(
  [
    environmentValues({
      variants: {
        privateOnly: { cidr: '10.50.0.0/16', demoFunctions: false, functions: { orders: ORDERS } },
        natEgress: {
          cidr: '10.51.0.0/16',
          nat: { strategy: 'single-gateway' },
          demoFunctions: false,
          // In nat-egress a function reaches the internet through NAT when its security group lets it out on 443.
          functions: { orders: { ...ORDERS, peers: [{ cidr: '0.0.0.0/0', port: 443, label: 'internet' }] } },
        },
        privatelink: {
          cidr: '10.52.0.0/16',
          demoFunctions: false,
          functions: { caller: { entry: 'workloads/orders/src/handler.ts', endpoints: ['lambda'] } },
        },
      },
    }),
  ],
  { outdir },
);
const analyses: Record<string, ReachabilityResult> = Object.fromEntries(
  synthesized.stacks.map((stack) => [
    stack.name,
    analyzeReachability(stack.name, JSON.parse(fs.readFileSync(stack.file, 'utf8')) as TerraformJson),
  ]),
);

afterAll(() => fs.rmSync(path.dirname(outdir), { recursive: true, force: true }));

describe('variant intents without the demo functions, over one declared function per variant', () => {
  it.each(['test-private-only', 'test-nat-egress', 'test-privatelink'])(
    "%s: its declared function is the only VPC-attached function, and it keeps every promise of its variant's intent",
    (name) => {
      const result = analyses[name]!;
      expect(result.functions.map((fn) => fn.function)).toEqual([
        name === 'test-privatelink' ? 'aws_lambda_function.caller' : 'aws_lambda_function.orders',
      ]);
      expect(intentViolations(result, variantNamed(result.variant)!.intent)).toEqual([]);
    },
  );

  it('private-only, nat-egress: the declared function reads DynamoDB through the endpoint its policy allows', () => {
    for (const name of ['test-private-only', 'test-nat-egress']) {
      const paths = analyses[name]!.functions[0]!.destinations.dynamodb.paths;
      expect(paths.map((p) => [p.verdict, p.via, p.policyAllows])).toEqual(
        paths.map(() => ['yes', 'gateway-endpoint', true]),
      );
    }
  });

  it('privatelink: the declared function reaches the Lambda API through the endpoint its policy allows', () => {
    const paths = analyses['test-privatelink']!.functions[0]!.destinations['lambda-api'].paths;
    expect(paths.map((p) => [p.verdict, p.via, p.policyAllows])).toEqual(
      paths.map(() => ['yes', 'interface-endpoint', true]),
    );
  });
});
