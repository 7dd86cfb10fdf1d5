// The private-only example: isolated subnets, no route to the internet anywhere, DynamoDB and S3 through gateway
// endpoints on every route table, each letting only the function's role through.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { estimateMonthlyCost } from '@lambda-vpc/cost';
import { synthExample } from '@lambda-vpc/example-private-only';
import { evaluateGuardrails } from '@lambda-vpc/guardrails';
import { PRIVATE_ONLY } from '@lambda-vpc/stacks';
import { analyzeReachability } from '@lambda-vpc/reachability';
import { monthlyCostLine, referencesOf, synthExampleStack } from '../../../test-support/example-stack';
import { addressOf, bodiesOf, onlyResource, policyOf, referenceTo } from '../../../test-support/terraform-json';

const STACK = 'example-private-only';
const { result, json } = synthExampleStack(synthExample);
const importer = onlyResource(json, 'aws_lambda_function');
const importerRole = referenceTo(
  json,
  'aws_iam_role',
  bodiesOf(json, 'aws_iam_role').find((role) => role.name === 'example-private-only-importer')!,
  'arn',
);
const endpointOf = (service: string) =>
  bodiesOf(json, 'aws_vpc_endpoint').find((body) => body.service_name === `com.amazonaws.eu-west-1.${service}`)!;

describe('the private-only example, synthesized', () => {
  it('passes the blueprint synth and every guardrail, LVB-NET-4 (no route to the internet) among them', () => {
    expect(result.stacks.map((stack) => stack.name)).toEqual([STACK]);
    expect(json.provider?.aws?.[0].default_tags[0].tags.variant).toBe('private-only');
    expect(evaluateGuardrails(STACK, json, { intent: PRIVATE_ONLY.intent })).toEqual({
      errors: [],
      warnings: [],
      suppressed: [],
    });
  });
});

describe('isolated subnets and no way to the internet', () => {
  it('has one isolated subnet per AZ, none assigning public IPs, and the function in both', () => {
    expect(
      bodiesOf(json, 'aws_subnet').map((subnet) => [
        subnet.availability_zone,
        subnet.cidr_block,
        subnet.tags.Tier,
        subnet.map_public_ip_on_launch,
      ]),
    ).toEqual([
      ['eu-west-1a', '10.90.0.0/20', 'isolated', false],
      ['eu-west-1b', '10.90.16.0/20', 'isolated', false],
    ]);
    expect([...importer.vpc_config.subnet_ids].sort()).toEqual(referencesOf(json, 'aws_subnet'));
  });

  it(
    'has no internet gateway, NAT, public IP or route of any kind: a route table holds only local and prefix-list ' +
      'routes',
    () => {
      for (const type of [
        'aws_internet_gateway',
        'aws_egress_only_internet_gateway',
        'aws_nat_gateway',
        'aws_eip',
        'aws_instance',
        'aws_route',
      ]) {
        expect([type, bodiesOf(json, type)]).toEqual([type, []]);
      }
      expect(bodiesOf(json, 'aws_route_table').map((table) => table.route)).toEqual([undefined, undefined]);
    },
  );
});

describe('DynamoDB and S3 through gateway endpoints', () => {
  it.each(['dynamodb', 's3'])('%s: a gateway endpoint on every isolated route table', (service) => {
    expect(endpointOf(service)).toMatchObject({
      vpc_endpoint_type: 'Gateway',
      route_table_ids: referencesOf(json, 'aws_route_table'),
    });
  });

  it("lets only the function's role through each endpoint, only on its table or the import bucket's objects", () => {
    const table = referenceTo(json, 'aws_dynamodb_table', onlyResource(json, 'aws_dynamodb_table'), 'arn');
    expect(
      policyOf(endpointOf('dynamodb')).Statement.map((statement) => [statement.Principal, statement.Resource]),
    ).toEqual([[{ AWS: [importerRole] }, [table, `${table}/index/*`]]]);
    expect(policyOf(endpointOf('s3')).Statement).toEqual([
      {
        Sid: 'ImporterReadsImports',
        Effect: 'Allow',
        Principal: { AWS: [importerRole] },
        Action: ['s3:GetObject'],
        Resource: ['arn:aws:s3:::example-orders-import-123456789012/*'],
      },
    ]);
  });

  it('lets the function out on HTTPS to the two prefix lists, and nowhere else', () => {
    expect(
      bodiesOf(json, 'aws_vpc_security_group_egress_rule').map((rule) => [
        rule.ip_protocol,
        rule.from_port,
        rule.to_port,
        rule.prefix_list_id,
        rule.cidr_ipv4,
      ]),
    ).toEqual([
      ['tcp', 443, 443, referenceTo(json, 'aws_vpc_endpoint', endpointOf('dynamodb'), 'prefix_list_id'), undefined],
      ['tcp', 443, 443, referenceTo(json, 'aws_vpc_endpoint', endpointOf('s3'), 'prefix_list_id'), undefined],
    ]);
  });
});

describe('where the function reaches (@lambda-vpc/reachability)', () => {
  const analysis = analyzeReachability(STACK, json);
  const [fn] = analysis.functions;

  it('reaches DynamoDB and S3 from every subnet through their gateway endpoints, whose policies allow its role', () => {
    for (const [destination, endpoint] of [
      ['dynamodb', endpointOf('dynamodb')],
      ['s3', endpointOf('s3')],
    ] as const) {
      expect(
        fn.destinations[destination].paths.map((p) => [p.verdict, p.via, p.policyAllows, p.path[p.path.length - 1]]),
      ).toEqual(Array(2).fill(['yes', 'gateway-endpoint', true, addressOf(json, 'aws_vpc_endpoint', endpoint)]));
    }
  });

  it('reaches neither the internet nor the Lambda API from any subnet: no route leads there', () => {
    for (const destination of ['internet', 'lambda-api'] as const) {
      expect(
        fn.destinations[destination].paths.map((p) => [
          p.verdict,
          /no route in aws_route_table\./.test(p.reason ?? ''),
        ]),
      ).toEqual([
        ['no', true],
        ['no', true],
      ]);
    }
    expect(analysis.internetRoutes).toEqual([]);
  });
});

describe('monthly cost (@lambda-vpc/cost)', () => {
  const report = estimateMonthlyCost(STACK, json, 'eu-west-1');

  it(
    'has no hourly network item: the gateway endpoints are free, the key and the flow logs are all it pays ' + 'for',
    () => {
      expect(report.items.map((item) => [item.id, item.count, item.monthlyUsd > 0])).toEqual([
        ['gateway-endpoints', 2, false],
        ['kms-keys', 1, true],
        ['flow-log-ingestion', 1, true],
      ]);
    },
  );

  it('is the line the README states', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')).toContain(monthlyCostLine(report));
  });
});
