// The ipv6-egress example: the nat-egress example's stack with DualStack.egressOnlyGateway(). Dual-stack private
// subnets send ::/0 to an egress-only internet gateway (no NAT), 0.0.0.0/0 still to NAT, and the function may use IPv6
// on HTTPS.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { estimateMonthlyCost } from '@lambda-vpc/cost';
import { buildDiagramModel } from '@lambda-vpc/diagram';
import { synthExample } from '@lambda-vpc/example-ipv6-egress';
import { evaluateGuardrails } from '@lambda-vpc/guardrails';
import { analyzeReachability, intentViolations } from '@lambda-vpc/reachability';
import { NAT_EGRESS } from '@lambda-vpc/stacks';
import { withEmulatorVariable } from '../../../test-support/emulator-variable';
import { monthlyCostLine, synthExampleStack } from '../../../test-support/example-stack';
import { addressOf, bodiesOf, onlyResource, referenceTo, TerraformJson } from '../../../test-support/terraform-json';

const STACK = 'example-ipv6-egress';
const AZS = ['eu-west-1a', 'eu-west-1b'];
const { result, json } = synthExampleStack(synthExample);
const vpc = onlyResource(json, 'aws_vpc');
const gateway = onlyResource(json, 'aws_egress_only_internet_gateway');
const fetcher = onlyResource(json, 'aws_lambda_function');

const subnetsOf = (stack: TerraformJson, tier: string) =>
  bodiesOf(stack, 'aws_subnet').filter((subnet) => subnet.tags.Tier === tier);
const routeTable = (stack: TerraformJson, tier: string, az: string) =>
  referenceTo(
    stack,
    'aws_route_table',
    bodiesOf(stack, 'aws_route_table').find((body) => body.tags.Name === `${STACK}-${tier}-${az}`)!,
  );

describe('the ipv6-egress example, synthesized', () => {
  it('passes the blueprint synth and every guardrail, held to the nat-egress intent', () => {
    expect(result.stacks.map((stack) => stack.name)).toEqual([STACK]);
    expect(json.provider?.aws?.[0].default_tags[0].tags.variant).toBe('nat-egress');
    expect(json.provider?.aws?.[0].default_tags[0].tags.example).toBe('ipv6-egress');
    expect(evaluateGuardrails(STACK, json, { intent: NAT_EGRESS.intent })).toEqual({
      errors: [],
      warnings: [],
      suppressed: [],
    });
  });

  it('declares itself to the engine checks (npm run validate, npm run e2e:examples)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
    expect(manifest.lambdaVpc).toEqual({ engineChecks: true });
  });
});

describe('in emulator mode (LAMBDA_VPC_EMULATOR_ENDPOINT), as npm run e2e:examples synthesizes it', () => {
  const emulated = withEmulatorVariable('http://127.0.0.1:4566', () => synthExampleStack(synthExample)).json;

  it('sends every AWS call to the emulator with fake credentials, and keeps its state in a throwaway file', () => {
    const provider = emulated.provider?.aws?.[0];
    expect(provider).toMatchObject({ access_key: 'emulator', secret_key: 'emulator', s3_use_path_style: true });
    const endpoints: Record<string, string> = provider?.endpoints[0] ?? {};
    expect(Object.keys(endpoints).length).toBeGreaterThan(0);
    expect(new Set(Object.values(endpoints))).toEqual(new Set(['http://127.0.0.1:4566']));
    expect(emulated.terraform?.backend).toEqual({ local: { path: `../../../terraform.${STACK}.emulator.tfstate` } });
  });

  it('writes its real state file and no emulator setting otherwise', () => {
    expect(json.terraform?.backend).toEqual({ local: { path: `../../../terraform.${STACK}.tfstate` } });
    expect(json.provider?.aws?.[0]).not.toHaveProperty('endpoints');
  });
});

describe('an Amazon-provided IPv6 block, dual-stack private subnets only', () => {
  it('asks for the /56 on the VPC', () => {
    expect(vpc).toMatchObject({ cidr_block: '10.97.0.0/16', assign_generated_ipv6_cidr_block: true });
  });

  it('gives each private subnet a /64 of it at its IPv4 slot, and IPv6 addresses to every new ENI', () => {
    const block = referenceTo(json, 'aws_vpc', vpc, 'ipv6_cidr_block').slice(2, -1);
    expect(
      subnetsOf(json, 'private').map((subnet) => [
        subnet.availability_zone,
        subnet.cidr_block,
        subnet.ipv6_cidr_block,
        subnet.assign_ipv6_address_on_creation,
        subnet.enable_dns64,
      ]),
    ).toEqual([
      ['eu-west-1a', '10.97.64.0/20', `\${cidrsubnet(${block}, 8, 4)}`, true, undefined],
      ['eu-west-1b', '10.97.80.0/20', `\${cidrsubnet(${block}, 8, 5)}`, true, undefined],
    ]);
  });

  it('keeps the public subnets (the NAT) IPv4-only', () => {
    expect(subnetsOf(json, 'public').map((subnet) => subnet.ipv6_cidr_block)).toEqual([undefined, undefined]);
  });
});

describe('IPv6 out through the egress-only internet gateway, IPv4 through NAT', () => {
  it('routes ::/0 from each private route table to the egress-only gateway, 0.0.0.0/0 to the NAT gateway', () => {
    const eigw = referenceTo(json, 'aws_egress_only_internet_gateway', gateway);
    const nat = referenceTo(json, 'aws_nat_gateway', onlyResource(json, 'aws_nat_gateway'));
    const privateRoutes = bodiesOf(json, 'aws_route')
      .filter((route) => AZS.some((az) => route.route_table_id === routeTable(json, 'private', az)))
      .map((route) => [
        route.route_table_id,
        route.destination_cidr_block ?? route.destination_ipv6_cidr_block,
        route.nat_gateway_id ?? route.egress_only_gateway_id,
      ])
      .sort();
    expect(privateRoutes).toEqual(
      AZS.flatMap((az) => [
        [routeTable(json, 'private', az), '0.0.0.0/0', nat],
        [routeTable(json, 'private', az), '::/0', eigw],
      ]).sort(),
    );
    expect(gateway).toMatchObject({ vpc_id: referenceTo(json, 'aws_vpc', vpc), tags: { Name: `${STACK}-eigw` } });
  });

  it('lets the function use IPv6 in its dual-stack subnets', () => {
    expect(fetcher.vpc_config.ipv6_allowed_for_dual_stack).toBe(true);
  });

  it('lets it out on HTTPS only: DynamoDB prefix list, 0.0.0.0/0 and ::/0; nothing in', () => {
    expect(
      bodiesOf(json, 'aws_vpc_security_group_egress_rule')
        .map((rule) => [
          rule.ip_protocol,
          rule.from_port,
          rule.to_port,
          rule.cidr_ipv4 ?? rule.cidr_ipv6 ?? 'prefix list',
        ])
        .sort(),
    ).toEqual([
      ['tcp', 443, 443, '0.0.0.0/0'],
      ['tcp', 443, 443, '::/0'],
      ['tcp', 443, 443, 'prefix list'],
    ]);
    expect(bodiesOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
  });
});

describe('where the function reaches (@lambda-vpc/reachability) and how it is drawn (@lambda-vpc/diagram)', () => {
  const analysis = analyzeReachability(STACK, json);
  const [fn] = analysis.functions;
  const eigw = addressOf(json, 'aws_egress_only_internet_gateway', gateway);

  it('reaches the IPv6 internet from every subnet through the egress-only gateway, with no NAT on the way', () => {
    expect(
      fn.destinations['internet-ipv6'].paths.map((p) => [
        p.verdict,
        p.via,
        p.path.some((hop) => hop.startsWith('aws_nat_gateway.')),
        p.path[p.path.length - 1],
      ]),
    ).toEqual(Array(2).fill(['yes', 'egress-only-internet-gateway', false, eigw]));
  });

  it('reaches the IPv4 internet through NAT, and keeps the nat-egress intent', () => {
    expect(fn.destinations.internet.paths.map((p) => [p.verdict, p.via])).toEqual(
      Array(2).fill(['yes', 'nat-gateway']),
    );
    expect(intentViolations(analysis, NAT_EGRESS.intent)).toEqual([]);
  });

  it('draws the IPv6 path from each function ENI to the egress-only gateway', () => {
    const model = buildDiagramModel(STACK, json, analysis);
    expect(model.edges.filter((edge) => edge.kind === 'path' && edge.to === eigw).map((edge) => edge.label)).toEqual([
      'tcp 443 IPv6',
      'tcp 443 IPv6',
    ]);
  });
});

describe('monthly cost (@lambda-vpc/cost)', () => {
  const report = estimateMonthlyCost(STACK, json, 'eu-west-1');

  it('pays for one NAT gateway and its address by the hour; the egress-only gateway has no charge', () => {
    expect(report.items.map((item) => [item.id, item.count, item.quantity, item.unitPrice])).toEqual([
      ['nat-gateway-hours', 1, 730, 0.048],
      ['public-ipv4-hours', 1, 730, 0.005],
      ['gateway-endpoints', 2, 2, 0],
      ['egress-only-internet-gateways', 1, 1, 0],
      ['kms-keys', 1, 1, 1],
      ['nat-gateway-data', 1, 40, 0.048], // the 50 GB of NAT traffic less its 10 GB of S3 (gateway endpoint)
      ['s3-gateway-endpoint-data', 1, 10, 0],
      ['flow-log-ingestion', 1, 5, 0.57],
    ]);
  });

  it('is the line the README states', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')).toContain(monthlyCostLine(report));
  });
});
