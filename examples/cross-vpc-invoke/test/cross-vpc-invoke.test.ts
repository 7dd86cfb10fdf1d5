// The cross-vpc-invoke example: a caller function in its own VPC invokes a target function through the Lambda
// interface endpoint of another VPC. The two VPCs are attached to one Transit Gateway, each routes the other's CIDR
// to it, the endpoint admits the caller VPC's CIDR on 443 and its policy names the caller's role, and a private
// hosted zone in the caller VPC resolves lambda.<region>.amazonaws.com to the endpoint.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CostReport, estimateMonthlyCost } from '@lambda-vpc/cost';
import { CROSS_VPC, synthExample } from '@lambda-vpc/example-cross-vpc-invoke';
import { monthlyCostLine } from '../../../test-support/example-stack';
import { withEmulatorVariable } from '../../../test-support/emulator-variable';
import {
  bodiesOf,
  onlyResource,
  policyOf,
  referenceTo,
  resourcesOf,
  TerraformJson,
} from '../../../test-support/terraform-json';

const outdir = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-cross-vpc-')), 'cdktf.out');
const result = synthExample({ outdir: outdir() });
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as TerraformJson;
const [target, caller] = result.stacks.map((stack) => read(stack.file));
const TARGET_CIDR = CROSS_VPC.target.cidrBlock;
const CALLER_CIDR = CROSS_VPC.caller.cidrBlock;
const REMOTE = '${data.terraform_remote_state.cross-stack-reference-input-example-cross-vpc-target.outputs.';
const remote = (output: string) => `${REMOTE}cross-stack-output-${output}}`;
const TGW = remote('aws_ec2_transit_gatewaytransit-gatewayid');
/** A resource's arguments without cdktf's `//` metadata, which the written JSON keeps. */
const argumentsOf = (json: TerraformJson, type: string) =>
  bodiesOf(json, type).map(({ ['//']: _metadata, ...body }) => body);
const isolatedRouteTables = (json: TerraformJson) =>
  resourcesOf(json, 'aws_route_table').map(([name]) => `\${aws_route_table.${name}.id}`);

describe('the two stacks', () => {
  it('are the target then the caller, the caller reading the target only through cross-stack references', () => {
    expect(result.stacks.map((stack) => stack.name)).toEqual(['example-cross-vpc-target', 'example-cross-vpc-caller']);
    expect(target.data).toBeUndefined();
    expect(caller.data?.terraform_remote_state).toEqual({
      'cross-stack-reference-input-example-cross-vpc-target': {
        backend: 'local',
        config: { path: '../../../terraform.example-cross-vpc-target.tfstate' },
        workspace: '${terraform.workspace}',
      },
    });
  });

  it('have VPCs that do not overlap, each with isolated subnets only and no way to the internet', () => {
    expect([onlyResource(target, 'aws_vpc').cidr_block, onlyResource(caller, 'aws_vpc').cidr_block]).toEqual([
      TARGET_CIDR,
      CALLER_CIDR,
    ]);
    for (const json of [target, caller]) {
      expect(bodiesOf(json, 'aws_subnet').map((subnet) => subnet.tags.Tier)).toEqual(['isolated', 'isolated']);
      for (const type of ['aws_internet_gateway', 'aws_nat_gateway', 'aws_eip'])
        expect(bodiesOf(json, type)).toEqual([]);
    }
  });
});

describe('the Transit Gateway join', () => {
  it('is created by the target, which callers attach to; attachments from other accounts wait for acceptance', () => {
    expect(onlyResource(target, 'aws_ec2_transit_gateway')).toMatchObject({
      auto_accept_shared_attachments: 'disable',
      default_route_table_association: 'enable',
      default_route_table_propagation: 'enable',
      dns_support: 'enable',
    });
  });

  it('attaches each VPC by its isolated subnets, one per AZ', () => {
    const tgw = referenceTo(target, 'aws_ec2_transit_gateway', onlyResource(target, 'aws_ec2_transit_gateway'));
    for (const [json, transitGatewayId] of [
      [target, tgw],
      [caller, TGW],
    ] as const) {
      expect(onlyResource(json, 'aws_ec2_transit_gateway_vpc_attachment')).toMatchObject({
        transit_gateway_id: transitGatewayId,
        vpc_id: referenceTo(json, 'aws_vpc', onlyResource(json, 'aws_vpc')),
        subnet_ids: resourcesOf(json, 'aws_subnet').map(([name]) => `\${aws_subnet.${name}.id}`),
      });
    }
  });

  it("routes both ways: the target's route tables to the caller's CIDR, the caller's to the target's", () => {
    const routes = (json: TerraformJson) =>
      bodiesOf(json, 'aws_route').map((route) => [
        route.route_table_id,
        route.destination_cidr_block,
        route.transit_gateway_id,
        route.depends_on,
      ]);
    const attachment = (json: TerraformJson) => [
      `aws_ec2_transit_gateway_vpc_attachment.${resourcesOf(json, 'aws_ec2_transit_gateway_vpc_attachment')[0][0]}`,
    ];
    const tgw = referenceTo(target, 'aws_ec2_transit_gateway', onlyResource(target, 'aws_ec2_transit_gateway'));
    expect(routes(target)).toEqual(
      isolatedRouteTables(target).map((table) => [table, CALLER_CIDR, tgw, attachment(target)]),
    );
    expect(routes(caller)).toEqual(
      isolatedRouteTables(caller).map((table) => [table, TARGET_CIDR, TGW, attachment(caller)]),
    );
  });
});

describe('the Lambda interface endpoint in the target VPC', () => {
  const endpoint = onlyResource(target, 'aws_vpc_endpoint');

  it('has private DNS in its own VPC and its network interfaces in the isolated subnets', () => {
    expect(endpoint).toMatchObject({
      service_name: 'com.amazonaws.eu-west-1.lambda',
      vpc_endpoint_type: 'Interface',
      private_dns_enabled: true,
      subnet_ids: resourcesOf(target, 'aws_subnet').map(([name]) => `\${aws_subnet.${name}.id}`),
    });
  });

  it("admits HTTPS from the caller VPC's CIDR, and nothing else", () => {
    const group = referenceTo(target, 'aws_security_group', onlyResource(target, 'aws_security_group'));
    expect(endpoint.security_group_ids).toEqual([group]);
    expect(argumentsOf(target, 'aws_vpc_security_group_ingress_rule')).toEqual([
      {
        security_group_id: group,
        cidr_ipv4: CALLER_CIDR,
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        description: 'HTTPS from remote caller caller-vpc',
      },
    ]);
    expect(bodiesOf(target, 'aws_vpc_security_group_egress_rule')).toEqual([]);
  });

  it("lets the caller's role, by its ARN, invoke only the target", () => {
    expect(policyOf(endpoint).Statement).toEqual([
      {
        Sid: 'RemoteCallerInvokesTarget',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::123456789012:role/example-cross-vpc-caller-function'] },
        Action: ['lambda:InvokeFunction'],
        Resource: [referenceTo(target, 'aws_lambda_function', onlyResource(target, 'aws_lambda_function'), 'arn')],
      },
    ]);
  });
});

describe('private DNS for the caller', () => {
  it('is a private hosted zone for lambda.eu-west-1.amazonaws.com in the caller VPC only', () => {
    expect(onlyResource(caller, 'aws_route53_zone')).toMatchObject({
      name: 'lambda.eu-west-1.amazonaws.com',
      vpc: [{ vpc_id: referenceTo(caller, 'aws_vpc', onlyResource(caller, 'aws_vpc')) }],
      lifecycle: { ignore_changes: ['vpc'] },
    });
  });

  it("whose apex is an alias A record to the endpoint's regional DNS name", () => {
    const zone = onlyResource(caller, 'aws_route53_zone');
    expect(argumentsOf(caller, 'aws_route53_record')).toEqual([
      {
        zone_id: referenceTo(caller, 'aws_route53_zone', zone, 'zone_id'),
        name: 'lambda.eu-west-1.amazonaws.com',
        type: 'A',
        alias: {
          name: remote('aws_vpc_endpointlambda-endpointdns_entry0dns_name'),
          zone_id: remote('aws_vpc_endpointlambda-endpointdns_entry0hosted_zone_id'),
          evaluate_target_health: false,
        },
      },
    ]);
  });
});

describe('the caller function', () => {
  const fn = onlyResource(caller, 'aws_lambda_function');
  const group = referenceTo(caller, 'aws_security_group', onlyResource(caller, 'aws_security_group'));

  it('runs in the caller VPC with the target ARN from the target stack', () => {
    expect(fn.vpc_config).toEqual({
      security_group_ids: [group],
      subnet_ids: resourcesOf(caller, 'aws_subnet').map(([name]) => `\${aws_subnet.${name}.id}`),
    });
    expect(fn.environment.variables.TARGET_FUNCTION_ARN).toBe(remote('aws_lambda_functiontargetarn'));
  });

  it("lets HTTPS out to the target VPC's CIDR only", () => {
    expect(argumentsOf(caller, 'aws_vpc_security_group_egress_rule')).toEqual([
      {
        security_group_id: group,
        cidr_ipv4: TARGET_CIDR,
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        description: 'HTTPS to the Lambda interface endpoint in the target VPC, over the Transit Gateway',
      },
    ]);
  });

  it('may invoke the target and nothing else', () => {
    const statements = bodiesOf(caller, 'aws_iam_role_policy')
      .filter((policy) => policy.name === 'least-privilege')
      .flatMap((policy) => policyOf(policy).Statement);
    expect(statements.filter((statement) => statement.Sid === 'InvokeTarget')).toEqual([
      {
        Sid: 'InvokeTarget',
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction'],
        Resource: [remote('aws_lambda_functiontargetarn')],
      },
    ]);
  });
});

describe('emulator mode (LAMBDA_VPC_EMULATOR_ENDPOINT), as the engine checks synthesize it', () => {
  const emulated = withEmulatorVariable('http://127.0.0.1:4599', () => synthExample({ outdir: outdir() }));
  const [emulatedTarget, emulatedCaller] = emulated.stacks.map((stack) => read(stack.file));

  it("keeps each stack's state in its own throwaway file, which the caller's references read", () => {
    expect(emulatedTarget.terraform?.backend).toEqual({
      local: { path: '../../../terraform.example-cross-vpc-target.emulator.tfstate' },
    });
    expect(
      emulatedCaller.data?.terraform_remote_state['cross-stack-reference-input-example-cross-vpc-target'].config,
    ).toEqual({ path: '../../../terraform.example-cross-vpc-target.emulator.tfstate' });
  });

  it('points Route 53 and EC2 of both stacks at the emulator', () => {
    for (const json of [emulatedTarget, emulatedCaller]) {
      expect(json.provider?.aws?.[0].endpoints[0]).toMatchObject({
        ec2: 'http://127.0.0.1:4599',
        route53: 'http://127.0.0.1:4599',
      });
    }
  });
});

describe('what it costs (list prices, default traffic assumptions)', () => {
  const [targetCost, callerCost] = result.stacks.map((stack) =>
    estimateMonthlyCost(stack.name, read(stack.file), 'eu-west-1'),
  );
  const lines = (report: CostReport) =>
    report.items
      .filter((item) => /transit-gateway|peering|hosted-zones/.test(item.id))
      .map((item) => [item.id, item.count, item.quantity, item.unitPrice]);

  it('counts a Transit Gateway attachment by the hour on each side, and its data from the endpoint traffic', () => {
    expect(lines(targetCost)).toEqual([
      ['transit-gateway-attachment-hours', 1, 730, 0.05],
      ['transit-gateway-data', 1, 10, 0.02],
    ]);
  });

  it("counts the caller's private hosted zone by the month", () => {
    expect(lines(callerCost)).toEqual([
      ['transit-gateway-attachment-hours', 1, 730, 0.05],
      ['route53-hosted-zones', 1, 1, 0.5],
      ['transit-gateway-data', 1, 10, 0.02],
    ]);
  });

  it("matches the README's monthly cost lines", () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    expect(readme).toContain(`Target stack: ${monthlyCostLine(targetCost)}`);
    expect(readme).toContain(`Caller stack: ${monthlyCostLine(callerCost)}`);
  });
});
