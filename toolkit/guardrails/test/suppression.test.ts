import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import {
  evaluateGuardrails,
  NO_PUBLIC_IP_ON_LAUNCH,
  SUPPRESSIONS_KEY,
  suppressGuardrail,
} from '@lambda-vpc/guardrails';
import { Body, baseline, evaluate, expected, reported, resourceOf, SUBNET_A, SUBNET_B } from './fixtures';

const JUSTIFICATION = 'Bastion subnet for the break-glass host, approved in SEC-1234';

/** Writes a suppression into a resource's `//` comment, as suppressGuardrail does. */
function suppress(body: Body, ruleId: string, justification: string): void {
  const comment = (body['//'][SUPPRESSIONS_KEY] ??= { suppress: {} });
  comment.suppress[ruleId] = justification;
}

describe('suppressions in the stack JSON', () => {
  it('reads them from the `//` key under "guardrails"', () => {
    expect(SUPPRESSIONS_KEY).toBe('guardrails');
  });

  it('moves the suppressed finding to `suppressed`, with its justification and the full violation', () => {
    const json = baseline();
    const subnet = resourceOf(json, 'aws_subnet', SUBNET_A);
    subnet.map_public_ip_on_launch = true;
    subnet['//'].guardrails = { suppress: { 'LVB-NET-3': JUSTIFICATION } };
    expect(evaluate(json)).toEqual({
      errors: [],
      warnings: [],
      suppressed: [
        {
          ruleId: 'LVB-NET-3',
          title: NO_PUBLIC_IP_ON_LAUNCH.title,
          severity: 'error',
          stack: 'test-stack',
          address: `aws_subnet.${SUBNET_A}`,
          constructPath: 'test-stack/network/subnet_private_eu-west-1a',
          message: 'map_public_ip_on_launch is true',
          fix: NO_PUBLIC_IP_ON_LAUNCH.fix,
          justification: JUSTIFICATION,
        },
      ],
    });
  });

  it('does not suppress another rule on the same resource', () => {
    const json = baseline();
    const subnet = resourceOf(json, 'aws_subnet', SUBNET_A);
    subnet.map_public_ip_on_launch = true;
    suppress(subnet, 'LVB-NET-1', JUSTIFICATION);
    expect(reported(evaluate(json).errors)).toEqual([
      expected(
        'LVB-NET-3',
        `aws_subnet.${SUBNET_A}`,
        'test-stack/network/subnet_private_eu-west-1a',
        'map_public_ip_on_launch is true',
      ),
    ]);
    expect(evaluate(json).suppressed).toEqual([]);
  });

  it('does not suppress the same rule on another resource', () => {
    const json = baseline();
    resourceOf(json, 'aws_subnet', SUBNET_A).map_public_ip_on_launch = true;
    resourceOf(json, 'aws_subnet', SUBNET_B).map_public_ip_on_launch = true;
    suppress(resourceOf(json, 'aws_subnet', SUBNET_A), 'LVB-NET-3', JUSTIFICATION);
    const report = evaluate(json);
    expect(reported(report.errors)).toEqual([
      expected(
        'LVB-NET-3',
        `aws_subnet.${SUBNET_B}`,
        'test-stack/network/subnet_private_eu-west-1b',
        'map_public_ip_on_launch is true',
      ),
    ]);
    expect(report.suppressed.map((s) => [s.ruleId, s.address, s.justification])).toEqual([
      ['LVB-NET-3', `aws_subnet.${SUBNET_A}`, JUSTIFICATION],
    ]);
  });

  it('suppresses only the named rule when a resource breaks two', () => {
    const json = baseline();
    const vpc = resourceOf(json, 'aws_vpc', 'network_vpc');
    delete json.resource.aws_flow_log;
    delete json.resource.aws_default_security_group;
    suppress(vpc, 'LVB-NET-1', 'Sandbox VPC: flow logs are collected by the shared TGW');
    const report = evaluate(json);
    expect(report.errors.map((e) => [e.ruleId, e.address])).toEqual([['LVB-NET-2', 'aws_vpc.network_vpc']]);
    expect(report.suppressed.map((s) => [s.ruleId, s.address])).toEqual([['LVB-NET-1', 'aws_vpc.network_vpc']]);
  });

  it('suppresses a warning too, which then is no longer a warning', () => {
    const json = baseline();
    const endpoint = resourceOf(json, 'aws_vpc_endpoint', 'dynamodb-endpoint');
    endpoint.policy = JSON.stringify({
      Statement: [{ Sid: 'FullAccessOptIn', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
    });
    expect(evaluate(json).warnings.map((w) => w.ruleId)).toEqual(['LVB-EP-1']);
    suppress(endpoint, 'LVB-EP-1', 'Shared services endpoint, reviewed in SEC-99');
    const report = evaluate(json);
    expect(report.warnings).toEqual([]);
    expect(report.suppressed.map((s) => [s.ruleId, s.severity, s.message])).toEqual([
      ['LVB-EP-1', 'warning', 'full access, by explicit opt-in'],
    ]);
  });
});

describe('suppressGuardrail', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-test-'));
  });
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

  /** A real app (Testing.synth drops the `//` key) with two public-IP subnets. */
  function subnetStack() {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'suppress-stack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const bastion = new Subnet(stack, 'bastion-subnet', {
      vpcId: 'vpc-0123456789abcdef0',
      cidrBlock: '10.0.0.0/28',
      mapPublicIpOnLaunch: true,
    });
    const other = new Subnet(stack, 'other-subnet', {
      vpcId: 'vpc-0123456789abcdef0',
      cidrBlock: '10.0.0.16/28',
      mapPublicIpOnLaunch: true,
    });
    const synth = () => {
      app.synth();
      return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'suppress-stack', 'cdk.tf.json'), 'utf8'));
    };
    return { bastion, other, synth };
  }

  it('writes the suppression into cdk.tf.json, beside the construct metadata, and evaluation honours it', () => {
    const { bastion, synth } = subnetStack();
    suppressGuardrail(bastion, 'LVB-NET-3', JUSTIFICATION);
    const json = synth();
    expect(json.resource.aws_subnet['bastion-subnet']['//']).toEqual({
      guardrails: { suppress: { 'LVB-NET-3': JUSTIFICATION } },
      metadata: { path: 'suppress-stack/bastion-subnet', uniqueId: 'bastion-subnet' },
    });
    const report = evaluateGuardrails('suppress-stack', json);
    expect(report.suppressed.map((s) => [s.ruleId, s.address, s.constructPath, s.justification])).toEqual([
      ['LVB-NET-3', 'aws_subnet.bastion-subnet', 'suppress-stack/bastion-subnet', JUSTIFICATION],
    ]);
    expect(report.errors.map((e) => [e.ruleId, e.address, e.constructPath])).toEqual([
      ['LVB-NET-3', 'aws_subnet.other-subnet', 'suppress-stack/other-subnet'],
    ]);
  });

  it('keeps several suppressions on one resource', () => {
    const { bastion, synth } = subnetStack();
    suppressGuardrail(bastion, 'LVB-NET-3', JUSTIFICATION);
    suppressGuardrail(bastion, 'LVB-NET-4', 'Bastion route reviewed in SEC-1234 as well');
    expect(synth().resource.aws_subnet['bastion-subnet']['//'].guardrails.suppress).toEqual({
      'LVB-NET-3': JUSTIFICATION,
      'LVB-NET-4': 'Bastion route reviewed in SEC-1234 as well',
    });
  });

  it('refuses an unknown rule ID, naming the resource and the known rules', () => {
    const { bastion } = subnetStack();
    expect(() => suppressGuardrail(bastion, 'LVB-NET-9', JUSTIFICATION)).toThrow(
      /^suppress-stack\/bastion-subnet: unknown guardrail LVB-NET-9; rules are LVB-NET-1, LVB-NET-2, .*LVB-NAT-1$/,
    );
  });

  it.each([
    ['shorter than 20 characters', 'because I said so'],
    ['20 characters only with padding', '   short reason     '],
    ['multi-line', 'Approved in SEC-1234,\nsee the ticket for details'],
  ])('refuses a justification %s', (_what, justification) => {
    const { bastion } = subnetStack();
    expect(() => suppressGuardrail(bastion, 'LVB-NET-3', justification)).toThrow(
      'suppress-stack/bastion-subnet: suppressing LVB-NET-3 needs a one-line justification of 20 characters or more',
    );
  });

  it('accepts a one-line justification of exactly 20 characters', () => {
    const { bastion, synth } = subnetStack();
    expect(() => suppressGuardrail(bastion, 'LVB-NET-3', 'x'.repeat(20))).not.toThrow();
    expect(synth().resource.aws_subnet['bastion-subnet']['//'].guardrails.suppress).toEqual({
      'LVB-NET-3': 'x'.repeat(20),
    });
  });

  it('writes nothing when it refuses', () => {
    const { bastion, synth } = subnetStack();
    expect(() => suppressGuardrail(bastion, 'LVB-NET-3', 'too short')).toThrow();
    expect(synth().resource.aws_subnet['bastion-subnet']['//']).not.toHaveProperty('guardrails');
  });
});
