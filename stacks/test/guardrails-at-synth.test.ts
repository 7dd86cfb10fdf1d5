import { TerraformBlock } from '@lambda-vpc/stack-model';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { EndpointPolicy, InterfaceEndpoint, InterfaceEndpointService } from '@lambda-vpc/endpoints';
import { GuardrailError, suppressGuardrail } from '@lambda-vpc/guardrails';
import { awsEnvironment, Network, Peer, Port, SubnetType } from '@lambda-vpc/network';
import { FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';
import { runSynth, synthEnvironments } from '@lambda-vpc/stacks';
import { environmentValues } from './fixtures';

const tempOutdir = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-guardrails-')), 'cdktf.out');

/** A team stack with a compliant network, to which each test adds one thing. */
function teamNetwork(app: App): Network {
  const stack = new TerraformStack(app, 'team');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  return new Network(stack, 'network', {
    name: 'team',
    environment: awsEnvironment('123456789012', 'eu-west-1'),
    cidrBlock: '10.90.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    subnetTiers: [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: 20 }],
  });
}

/** A subnet that assigns public IPs on launch: LVB-NET-3. */
function publicIpSubnet(network: Network): Subnet {
  return new Subnet(network, 'launch-ip-subnet', {
    vpcId: network.vpcId,
    cidrBlock: '10.90.200.0/24',
    availabilityZone: 'eu-west-1a',
    mapPublicIpOnLaunch: true,
  });
}

describe('guardrails at synth', () => {
  it('an error stops synth with the rule ID, construct path and fix, and writes nothing', () => {
    const outdir = tempOutdir();
    let error: unknown;
    try {
      synthEnvironments([environmentValues()], {
        outdir,
        addStacks: (app) => {
          publicIpSubnet(teamNetwork(app));
        },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GuardrailError);
    expect((error as GuardrailError).violations.map((v) => [v.ruleId, v.constructPath, v.address])).toEqual([
      [
        'LVB-NET-3',
        'team/network/launch-ip-subnet',
        expect.stringMatching(/^aws_subnet\.network_launch-ip-subnet_[0-9A-F]{8}$/),
      ],
    ]);
    expect((error as GuardrailError).message).toContain('fix: set map_public_ip_on_launch to false');
    expect(fs.existsSync(outdir)).toBe(false);
  });

  it('a function whose package lacks a module it loads (zod) stops synth, and nothing is written', () => {
    const code = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-handler-'));
    fs.writeFileSync(path.join(code, 'index.js'), "const { z } = require('zod');\nexports.handler = async () => z;\n");
    const outdir = tempOutdir();
    const synth = () =>
      synthEnvironments([environmentValues()], {
        outdir,
        addStacks: (app) => {
          const network = teamNetwork(app);
          new LambdaFunction(network.node.scope!, 'orders', {
            functionName: 'team-orders',
            description: 'Team workload that imports zod',
            environment: awsEnvironment('123456789012', 'eu-west-1'),
            code: FunctionCode.fromDirectory(code),
            vpc: { network },
            logRetentionInDays: 14,
            logsKmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/0b7e1d2c-3f4a-4b5c-8d9e-0f1a2b3c4d5e',
          });
        },
      });
    expect(synth).toThrow(GuardrailError);
    expect(synth).toThrow(
      /^LVB-FN-5 at team\/orders\/Default \(aws_lambda_function\.orders\): function team-orders loads zod \(from index\.js\), which is not in its package, its layers or the nodejs22\.x runtime; fix: bundle it with FunctionCode\.fromEntry, or add it to the directory \(its node_modules\)$/,
    );
    expect(fs.existsSync(outdir)).toBe(false);
  });

  it('a suppressed finding is reported with its justification, and synth goes on', () => {
    const result = synthEnvironments([environmentValues()], {
      outdir: tempOutdir(),
      addStacks: (app) =>
        suppressGuardrail(
          publicIpSubnet(teamNetwork(app)),
          'LVB-NET-3',
          'lab subnet for a vendor appliance that needs a public IP',
        ),
    });
    expect(
      result.guardrails.suppressed
        .filter((s) => s.stack === 'team')
        .map((s) => [s.ruleId, s.constructPath, s.justification]),
    ).toEqual([
      ['LVB-NET-3', 'team/network/launch-ip-subnet', 'lab subnet for a vendor appliance that needs a public IP'],
    ]);
    const written = JSON.parse(fs.readFileSync(result.stacks.find((s) => s.name === 'team')!.file, 'utf8'));
    const subnet = Object.values(written.resource.aws_subnet as TerraformBlock).find(
      (body) => body.map_public_ip_on_launch === true,
    );
    expect(subnet['//'].guardrails.suppress['LVB-NET-3']).toBe(
      'lab subnet for a vendor appliance that needs a public IP',
    );
  });

  it('a warning (full-access endpoint policy, opted in) prints and synth goes on', () => {
    const warnings: string[] = [];
    const errors: string[] = [];
    // Printed on stdout: under the cdktf CLI, a stderr line reads as [ERROR].
    jest.spyOn(console, 'log').mockImplementation((line: string) => {
      warnings.push(line);
    });
    jest.spyOn(console, 'warn').mockImplementation((line: string) => {
      errors.push(line);
    });
    jest.spyOn(console, 'error').mockImplementation((line: string) => {
      errors.push(line);
    });
    try {
      process.exitCode = undefined;
      runSynth([environmentValues()], {
        outdir: tempOutdir(),
        addStacks: (app) => {
          const network = teamNetwork(app);
          new InterfaceEndpoint(network.node.scope!, 'sts-endpoint', {
            network,
            service: InterfaceEndpointService.STS,
            policy: EndpointPolicy.fullAccess('vendor agent calls STS with many roles'),
          }).connections.allowFrom(Peer.ipv4('10.90.0.0/16', 'vpc'), Port.https(), 'HTTPS from the VPC');
        },
      });
      expect(process.exitCode).toBeUndefined();
      expect(
        warnings.filter((w) => w.startsWith('guardrails: warning LVB-EP-1 at team/sts-endpoint/Default')),
      ).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('every shipped stack passes every rule; the one suppression is the PrivateLink target outside the VPC', () => {
    const result = synthEnvironments([environmentValues()], { outdir: tempOutdir() });
    expect(result.guardrails.warnings).toEqual([]);
    expect(result.guardrails.suppressed.map((s) => [s.ruleId, s.constructPath, s.justification])).toEqual([
      [
        'LVB-FN-3',
        'test-privatelink/invoke-target/Default',
        'The PrivateLink target runs outside the VPC by design: callers reach it through the Lambda interface endpoint',
      ],
    ]);
  });
});
