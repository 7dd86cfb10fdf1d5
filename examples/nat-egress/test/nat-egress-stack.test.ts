// The nat-egress example: private subnets whose 0.0.0.0/0 leads to a NAT in the public tier and on through the
// internet gateway, the NAT strategy chosen by an object, and DynamoDB and S3 through gateway endpoints instead of NAT.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { estimateMonthlyCost } from '@lambda-vpc/cost';
import { S3_OBJECT_ACTIONS } from '@lambda-vpc/endpoints';
import { synthExample } from '@lambda-vpc/example-nat-egress';
import { evaluateGuardrails } from '@lambda-vpc/guardrails';
import { NAT_EGRESS } from '@lambda-vpc/stacks';
import { NatStrategy } from '@lambda-vpc/nat';
import { analyzeReachability } from '@lambda-vpc/reachability';
import { monthlyCostLine, referencesOf, synthExampleStack } from '../../../test-support/example-stack';
import {
  addressOf,
  bodiesOf,
  onlyResource,
  policyOf,
  referenceTo,
  TerraformJson,
} from '../../../test-support/terraform-json';

const STACK = 'example-nat-egress';
const AZS = ['eu-west-1a', 'eu-west-1b'];
const { result, json } = synthExampleStack(synthExample);
const fetcher = onlyResource(json, 'aws_lambda_function');
/** The gateway endpoint of a service (`dynamodb`, `s3`). */
const gatewayEndpoint = (service: string) =>
  bodiesOf(json, 'aws_vpc_endpoint').find((body) => body.service_name === `com.amazonaws.eu-west-1.${service}`)!;
const endpoint = gatewayEndpoint('dynamodb');
const s3Endpoint = gatewayEndpoint('s3');

/**
 * The subnet or route table of a tier (`public`, `private`) in an AZ, as others reference it; the NAT gateway in an AZ.
 */
const subnet = (stack: TerraformJson, tier: string, az: string) =>
  referenceTo(
    stack,
    'aws_subnet',
    bodiesOf(stack, 'aws_subnet').find((body) => body.tags.Tier === tier && body.availability_zone === az)!,
  );
const routeTable = (stack: TerraformJson, tier: string, az: string) =>
  referenceTo(
    stack,
    'aws_route_table',
    bodiesOf(stack, 'aws_route_table').find((body) => body.tags.Name === `${STACK}-${tier}-${az}`)!,
  );
/** Every route as [route table, destination, target]. */
const routes = (stack: TerraformJson) =>
  bodiesOf(stack, 'aws_route')
    .map((route) => [route.route_table_id, route.destination_cidr_block, route.nat_gateway_id ?? route.gateway_id])
    .sort();
const natGatewayIn = (stack: TerraformJson, az: string) =>
  bodiesOf(stack, 'aws_nat_gateway').find((body) => body.subnet_id === subnet(stack, 'public', az))!;

describe('the nat-egress example, synthesized', () => {
  it('passes the blueprint synth and every guardrail', () => {
    expect(result.stacks.map((stack) => stack.name)).toEqual([STACK]);
    expect(json.provider?.aws?.[0].default_tags[0].tags.variant).toBe('nat-egress');
    expect(evaluateGuardrails(STACK, json, { intent: NAT_EGRESS.intent })).toEqual({
      errors: [],
      warnings: [],
      suppressed: [],
    });
  });
});

describe('a public tier for the NATs, a private tier for the function', () => {
  it('has a public and a private subnet per AZ, none assigning public IPs on launch', () => {
    expect(
      bodiesOf(json, 'aws_subnet')
        .map((body) => [body.tags.Tier, body.availability_zone, body.cidr_block, body.map_public_ip_on_launch])
        .sort(),
    ).toEqual([
      ['private', 'eu-west-1a', '10.91.64.0/20', false],
      ['private', 'eu-west-1b', '10.91.80.0/20', false],
      ['public', 'eu-west-1a', '10.91.0.0/26', false],
      ['public', 'eu-west-1b', '10.91.0.64/26', false],
    ]);
  });

  it('places the function in the private subnets only', () => {
    expect([...fetcher.vpc_config.subnet_ids].sort()).toEqual(AZS.map((az) => subnet(json, 'private', az)).sort());
  });
});

describe('NAT strategy: a NAT gateway per AZ unless told otherwise', () => {
  it("puts a NAT gateway with an EIP of its own in each AZ's public subnet", () => {
    expect(bodiesOf(json, 'aws_nat_gateway').map((nat) => [nat.subnet_id, nat.connectivity_type])).toEqual(
      AZS.map((az) => [subnet(json, 'public', az), 'public']),
    );
    expect(
      bodiesOf(json, 'aws_nat_gateway')
        .map((nat) => nat.allocation_id)
        .sort(),
    ).toEqual(referencesOf(json, 'aws_eip', 'allocation_id'));
  });

  it(
    'routes 0.0.0.0/0 from each private route table to the NAT of its AZ, and from each public one to the internet ' +
      'gateway',
    () => {
      const igw = referenceTo(json, 'aws_internet_gateway', onlyResource(json, 'aws_internet_gateway'));
      expect(routes(json)).toEqual(
        [
          ...AZS.map((az) => [
            routeTable(json, 'private', az),
            '0.0.0.0/0',
            referenceTo(json, 'aws_nat_gateway', natGatewayIn(json, az)),
          ]),
          ...AZS.map((az) => [routeTable(json, 'public', az), '0.0.0.0/0', igw]),
        ].sort(),
      );
    },
  );

  it('with NatStrategy.singleGateway(): one NAT gateway in the first AZ, which every private route table uses', () => {
    const single = synthExampleStack((options) =>
      synthExample({ ...options, natStrategy: NatStrategy.singleGateway() }),
    ).json;
    expect(bodiesOf(single, 'aws_nat_gateway').map((nat) => nat.subnet_id)).toEqual([
      subnet(single, 'public', 'eu-west-1a'),
    ]);
    const nat = referenceTo(single, 'aws_nat_gateway', natGatewayIn(single, 'eu-west-1a'));
    expect(routes(single).filter(([, , target]) => target === nat)).toEqual(
      AZS.map((az) => [routeTable(single, 'private', az), '0.0.0.0/0', nat]),
    );
  });
});

describe('DynamoDB through a gateway endpoint, not NAT', () => {
  it(
    "puts the DynamoDB prefix-list route on the private route tables only, letting only the function's role use it " +
      'on its table',
    () => {
      expect(endpoint).toMatchObject({
        vpc_endpoint_type: 'Gateway',
        service_name: 'com.amazonaws.eu-west-1.dynamodb',
        route_table_ids: AZS.map((az) => routeTable(json, 'private', az)),
      });
      expect(policyOf(endpoint).Statement.map((statement) => [statement.Principal, statement.Resource])).toEqual([
        [
          {
            AWS: [
              referenceTo(
                json,
                'aws_iam_role',
                bodiesOf(json, 'aws_iam_role').find((role) => role.name === `${STACK}-fetcher`)!,
                'arn',
              ),
            ],
          },
          [
            referenceTo(json, 'aws_dynamodb_table', onlyResource(json, 'aws_dynamodb_table'), 'arn'),
            `${referenceTo(json, 'aws_dynamodb_table', onlyResource(json, 'aws_dynamodb_table'), 'arn')}/index/*`,
          ],
        ],
      ]);
    },
  );

  it('lets the function out on HTTPS only: to the DynamoDB prefix list and to the internet', () => {
    expect(
      bodiesOf(json, 'aws_vpc_security_group_egress_rule').map((rule) => [
        rule.ip_protocol,
        rule.from_port,
        rule.to_port,
        rule.prefix_list_id ?? rule.cidr_ipv4,
      ]),
    ).toEqual([
      ['tcp', 443, 443, referenceTo(json, 'aws_vpc_endpoint', endpoint, 'prefix_list_id')],
      ['tcp', 443, 443, '0.0.0.0/0'],
    ]);
    expect(bodiesOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
  });
});

describe('S3 through a gateway endpoint, not NAT', () => {
  it('puts the S3 prefix-list route on the private route tables only', () => {
    expect(bodiesOf(json, 'aws_vpc_endpoint').map((body) => body.service_name)).toEqual([
      'com.amazonaws.eu-west-1.dynamodb',
      'com.amazonaws.eu-west-1.s3',
    ]);
    expect(s3Endpoint).toMatchObject({
      vpc_endpoint_type: 'Gateway',
      route_table_ids: AZS.map((az) => routeTable(json, 'private', az)),
    });
  });

  it("lets the account's own principals use the account's own buckets, with the object actions only", () => {
    // The example's account (src/synth-example.ts), as principal and as the buckets' owner.
    const statements = policyOf(s3Endpoint).Statement;
    expect(statements.map((statement) => [statement.Effect, statement.Principal, statement.Condition])).toEqual([
      ['Allow', { AWS: ['123456789012'] }, { StringEquals: { 's3:ResourceAccount': '123456789012' } }],
    ]);
    expect([statements[0].Action, statements[0].Resource]).toEqual([
      S3_OBJECT_ACTIONS,
      ['arn:aws:s3:::*', 'arn:aws:s3:::*/*'],
    ]);
  });
});

describe('where the function reaches (@lambda-vpc/reachability)', () => {
  const [fn] = analyzeReachability(STACK, json).functions;

  it('reaches the internet from every subnet through the NAT gateway of its AZ, then the internet gateway', () => {
    expect(
      fn.destinations.internet.paths.map((p) => [
        p.verdict,
        p.via,
        p.path.filter((hop) => hop.startsWith('aws_nat_gateway.')),
        p.path[p.path.length - 1],
      ]),
    ).toEqual(
      AZS.map((az) => [
        'yes',
        'nat-gateway',
        [addressOf(json, 'aws_nat_gateway', natGatewayIn(json, az))],
        addressOf(json, 'aws_internet_gateway', onlyResource(json, 'aws_internet_gateway')),
      ]),
    );
  });

  it(
    'reaches DynamoDB from every subnet through the gateway endpoint, with no NAT on the way, and the policy allows ' +
      'its role',
    () => {
      expect(
        fn.destinations.dynamodb.paths.map((p) => [
          p.verdict,
          p.via,
          p.policyAllows,
          p.path.some((hop) => hop.startsWith('aws_nat_gateway.')),
          p.path[p.path.length - 1],
        ]),
      ).toEqual(Array(2).fill(['yes', 'gateway-endpoint', true, false, addressOf(json, 'aws_vpc_endpoint', endpoint)]));
    },
  );

  it('reaches S3 from every subnet through the S3 gateway endpoint, not the NAT; the policy allows it', () => {
    expect(
      fn.destinations.s3.paths.map((p) => [
        p.verdict,
        p.via,
        p.policyAllows,
        p.path.some((hop) => hop.startsWith('aws_nat_gateway.')),
        p.path[p.path.length - 1],
      ]),
    ).toEqual(Array(2).fill(['yes', 'gateway-endpoint', true, false, addressOf(json, 'aws_vpc_endpoint', s3Endpoint)]));
  });
});

describe('monthly cost (@lambda-vpc/cost)', () => {
  const report = estimateMonthlyCost(STACK, json, 'eu-west-1');

  it(
    'pays for two NAT gateways and their two public IPv4 addresses by the hour; the gateway endpoints are free, and ' +
      'the S3 share of the traffic skips NAT processing',
    () => {
      expect(report.items.map((item) => [item.id, item.count, item.quantity, item.unitPrice])).toEqual([
        ['nat-gateway-hours', 2, 1460, 0.048],
        ['public-ipv4-hours', 2, 1460, 0.005],
        ['gateway-endpoints', 2, 2, 0],
        ['kms-keys', 1, 1, 1],
        ['nat-gateway-data', 2, 40, 0.048], // the 50 GB of NAT traffic less its 10 GB of S3
        ['s3-gateway-endpoint-data', 1, 10, 0],
        ['flow-log-ingestion', 1, 5, 0.57],
      ]);
    },
  );

  it('keeps every GB of the NAT traffic on the NAT line when the S3 share is zero', () => {
    const noS3 = estimateMonthlyCost(STACK, json, 'eu-west-1', { s3GbPerMonth: 0 });
    expect(noS3.items.find((item) => item.id === 'nat-gateway-data')?.quantity).toBe(50);
  });

  it('lists the gateway endpoints at no charge', () => {
    expect(report.items.find((item) => item.id === 'gateway-endpoints')?.monthlyUsd).toBe(0);
  });

  it('is the line the README states', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')).toContain(monthlyCostLine(report));
  });
});
