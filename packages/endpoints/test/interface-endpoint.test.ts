import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import {
  admittedCidrProblem,
  allowInvokeFunction,
  EndpointPolicy,
  InterfaceEndpoint,
  InterfaceEndpointProps,
  InterfaceEndpointService,
} from '@lambda-vpc/endpoints';
import { Peer, Port, SubnetTierSpec, SubnetType } from '@lambda-vpc/network';
import {
  bodiesOf,
  onlyResource,
  policyOf,
  referenceTo,
  resourcesOf,
  TerraformJson,
} from '../../../test-support/terraform-json';
import { PUBLIC_AND_PRIVATE, testNetwork, TestNetworkOptions } from '../../../test-support/test-network';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/dev-test-caller';
const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:dev-test-api';
const CALLER_SG = 'sg-0123456789abcdef0';
const ALL_TIERS: SubnetTierSpec[] = [...PUBLIC_AND_PRIVATE, { type: SubnetType.PRIVATE_ISOLATED, prefixLength: 22 }];
const THREE_AZS = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const invokePolicy = EndpointPolicy.of([allowInvokeFunction({ principals: [ROLE_ARN], functionArns: [FUNCTION_ARN] })]);
const caller = Peer.securityGroupId(CALLER_SG, 'api-function');
const EVERY_ADDRESS =
  'is every address, and an interface endpoint is never open to every address; ' +
  "allowed: the callers' security group, or the on-premises or peer networks by their own CIDRs";

/** Like synthConstructs, but with node validations on, as `app.synth()` runs them. */
function synthValidated(build: (scope: Construct) => void): TerraformJson {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  build(stack);
  return JSON.parse(Testing.synth(stack, true)) as TerraformJson;
}

/** Admits each source on HTTPS through the endpoint's connections, described `HTTPS from <label>`. */
function admit(endpoint: InterfaceEndpoint, sources: readonly Peer[]): void {
  for (const source of sources) endpoint.connections.allowFrom(source, Port.https(), `HTTPS from ${source.label}`);
}

/**
 * A Lambda interface endpoint admitting `sources` (the caller's security group), on a network with `network` options.
 */
function synthEndpoint(
  props: Partial<InterfaceEndpointProps> = {},
  network: TestNetworkOptions = {},
  sources: readonly Peer[] = [caller],
): TerraformJson {
  return synthValidated((scope) => {
    const endpoint = new InterfaceEndpoint(scope, 'endpoint', {
      network: testNetwork(scope, network),
      service: InterfaceEndpointService.LAMBDA,
      policy: invokePolicy,
      ...props,
    });
    admit(endpoint, sources);
  });
}

/** `${aws_subnet.x.id}` of every subnet tagged `Tier=tier`, in AZ order. */
function subnets(json: TerraformJson, tier: SubnetType): string[] {
  return resourcesOf(json, 'aws_subnet')
    .filter(([, body]) => body.tags.Tier === tier)
    .sort(([, a], [, b]) => a.availability_zone.localeCompare(b.availability_zone))
    .map(([name]) => `\${aws_subnet.${name}.id}`);
}

describe('Lambda interface endpoint', () => {
  it("is an Interface endpoint for the region's Lambda in the network VPC, behind its own security group only", () => {
    const json = synthEndpoint();
    const endpoint = onlyResource(json, 'aws_vpc_endpoint');
    expect(endpoint.vpc_endpoint_type).toBe('Interface');
    expect(endpoint.service_name).toBe('com.amazonaws.eu-west-1.lambda');
    expect(endpoint.vpc_id).toBe(referenceTo(json, 'aws_vpc', onlyResource(json, 'aws_vpc')));
    expect(endpoint.security_group_ids).toEqual([
      referenceTo(json, 'aws_security_group', onlyResource(json, 'aws_security_group')),
    ]);
    expect(endpoint.tags).toEqual({ Name: 'dev-test-lambda-endpoint' });
    expect(Object.keys(json.resource?.aws_vpc_endpoint ?? {})).toEqual(['endpoint']);
  });

  it('carries the rendered policy', () => {
    expect(policyOf(onlyResource(synthEndpoint(), 'aws_vpc_endpoint')).Statement).toEqual([
      {
        Sid: 'AllowInvokeFunction',
        Effect: 'Allow',
        Principal: { AWS: [ROLE_ARN] },
        Action: ['lambda:InvokeFunction'],
        Resource: [FUNCTION_ARN],
      },
    ]);
  });

  it(
    "puts one interface in each AZ of the network's default tier, private with egress, where a function goes by " +
      'default',
    () => {
      const json = synthEndpoint({}, { subnetTiers: ALL_TIERS, availabilityZones: THREE_AZS });
      const ids = onlyResource(json, 'aws_vpc_endpoint').subnet_ids;
      expect(ids).toEqual(subnets(json, SubnetType.PRIVATE_WITH_EGRESS));
      expect(ids).toHaveLength(3);
    },
  );

  it('uses the isolated tier of a network with no private tier', () => {
    const json = synthEndpoint({}, { subnetTiers: [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: 20 }] });
    expect(onlyResource(json, 'aws_vpc_endpoint').subnet_ids).toEqual(subnets(json, SubnetType.PRIVATE_ISOLATED));
  });

  it('uses the tier given', () => {
    const json = synthEndpoint({ subnetType: SubnetType.PRIVATE_ISOLATED }, { subnetTiers: ALL_TIERS });
    expect(onlyResource(json, 'aws_vpc_endpoint').subnet_ids).toEqual(subnets(json, SubnetType.PRIVATE_ISOLATED));
  });

  it('enables private DNS by default and disables it when asked', () => {
    expect(onlyResource(synthEndpoint(), 'aws_vpc_endpoint').private_dns_enabled).toBe(true);
    expect(onlyResource(synthEndpoint({ privateDns: false }), 'aws_vpc_endpoint').private_dns_enabled).toBe(false);
  });

  it("exposes its name, the service's DNS name, and references to its ID, group and DNS entries", () => {
    let endpoint: InterfaceEndpoint | undefined;
    const json = synthValidated((scope) => {
      endpoint = new InterfaceEndpoint(scope, 'endpoint', {
        network: testNetwork(scope),
        service: InterfaceEndpointService.STS,
        policy: invokePolicy,
      });
      admit(endpoint, [caller]);
      new TerraformOutput(scope, 'id', { value: endpoint.endpointId });
      new TerraformOutput(scope, 'group', { value: endpoint.securityGroupId });
      new TerraformOutput(scope, 'regional', { value: endpoint.regionalDnsName });
      new TerraformOutput(scope, 'entries', { value: endpoint.dnsEntries });
    });
    expect(endpoint?.name).toBe('dev-test-sts-endpoint');
    expect(endpoint?.privateDnsName).toBe('sts.eu-west-1.amazonaws.com');
    const outputs = json.output ?? {};
    expect(outputs.id.value).toBe('${aws_vpc_endpoint.endpoint.id}');
    expect(outputs.group.value).toBe(referenceTo(json, 'aws_security_group', onlyResource(json, 'aws_security_group')));
    expect(outputs.regional.value).toBe('${aws_vpc_endpoint.endpoint.dns_entry[0].dns_name}');
    expect(outputs.entries.value).toBe('${aws_vpc_endpoint.endpoint.dns_entry}');
  });
});

describe('interface endpoint security group', () => {
  const peered = Peer.ipv4('10.20.0.0/16', 'peered-vpc');

  it('is named after the endpoint, in the VPC, with no inline rules and no egress at all', () => {
    const json = synthEndpoint({}, {}, [caller, peered]);
    const group = onlyResource(json, 'aws_security_group');
    expect(group).toEqual({
      name: 'dev-test-lambda-endpoint',
      description: 'Interface endpoint dev-test-lambda-endpoint: HTTPS in from admitted sources only, no egress',
      vpc_id: referenceTo(json, 'aws_vpc', onlyResource(json, 'aws_vpc')),
      tags: { Name: 'dev-test-lambda-endpoint' },
    });
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).toEqual([]);
  });

  it('admits TCP 443 only, from exactly each listed security group and CIDR', () => {
    const json = synthEndpoint({}, {}, [caller, peered]);
    const groupId = referenceTo(json, 'aws_security_group', onlyResource(json, 'aws_security_group'));
    expect(bodiesOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual([
      {
        security_group_id: groupId,
        description: 'HTTPS from api-function',
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        referenced_security_group_id: CALLER_SG,
      },
      {
        security_group_id: groupId,
        description: 'HTTPS from peered-vpc',
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_ipv4: '10.20.0.0/16',
      },
    ]);
  });

  it('admits a source added after construction, such as a group created later', () => {
    const json = synthValidated((scope) => {
      const network = testNetwork(scope);
      const endpoint = new InterfaceEndpoint(scope, 'endpoint', {
        network,
        service: InterfaceEndpointService.SECRETS_MANAGER,
        policy: invokePolicy,
      });
      const worker = new SecurityGroup(scope, 'worker', {
        name: 'dev-test-worker',
        description: 'worker',
        vpcId: network.vpcId,
      });
      admit(endpoint, [Peer.securityGroupId(worker.id, 'worker')]);
    });
    const worker = bodiesOf(json, 'aws_security_group').find((group) => group.name === 'dev-test-worker');
    const rule = onlyResource(json, 'aws_vpc_security_group_ingress_rule');
    expect(rule.referenced_security_group_id).toBe(referenceTo(json, 'aws_security_group', worker!));
    expect(rule).toMatchObject({ description: 'HTTPS from worker', ip_protocol: 'tcp', from_port: 443, to_port: 443 });
  });

  it('refuses the same label twice', () => {
    expect(() => synthEndpoint({}, {}, [caller, Peer.ipv4('10.30.0.0/16', 'api-function')])).toThrow(
      'endpoint: an ingress rule for api-function on TCP 443 is already written; each peer and port once',
    );
  });

  it('refuses egress: the endpoint only answers', () => {
    expect(() =>
      synthValidated((scope) => {
        const endpoint = new InterfaceEndpoint(scope, 'endpoint', {
          network: testNetwork(scope),
          service: InterfaceEndpointService.STS,
          policy: invokePolicy,
        });
        endpoint.connections.allowTo(Peer.anyIpv4(), Port.https(), 'out');
      }),
    ).toThrow(
      'dev-test-sts-endpoint: an interface endpoint only answers, so its security group has no egress; admit ' +
        'internet instead',
    );
  });
});

describe('interface endpoint refuses', () => {
  it.each([
    [{ enableDnsSupport: false }, 'DNS support (enableDnsSupport)'],
    [{ enableDnsHostnames: false }, 'DNS hostnames (enableDnsHostnames)'],
    [
      { enableDnsSupport: false, enableDnsHostnames: false },
      'DNS support (enableDnsSupport) and DNS hostnames (enableDnsHostnames)',
    ],
  ])('private DNS on a network with %j', (network, off) => {
    expect(() => synthEndpoint({}, network)).toThrow(
      `dev-test-lambda-endpoint: network dev-test has ${off} off, and private DNS needs both DNS support and DNS ` +
        `hostnames on; ` +
        'turn them on in the network or set privateDns: false',
    );
  });

  it('nothing about DNS attributes when private DNS is off', () => {
    const json = synthEndpoint({ privateDns: false }, { enableDnsSupport: false, enableDnsHostnames: false });
    expect(onlyResource(json, 'aws_vpc_endpoint').private_dns_enabled).toBe(false);
  });

  it('the public tier', () => {
    expect(() => synthEndpoint({ subnetType: SubnetType.PUBLIC })).toThrow(
      'dev-test-lambda-endpoint: an interface endpoint never goes in the public tier; ' +
        'choose SubnetType.PRIVATE_ISOLATED or SubnetType.PRIVATE_WITH_EGRESS as subnetType',
    );
  });

  it('a tier the network lacks', () => {
    expect(() => synthEndpoint({ subnetType: SubnetType.PRIVATE_ISOLATED })).toThrow(
      'dev-test-lambda-endpoint: network dev-test has no isolated subnets; choose a subnetType the network has',
    );
    // A public-only network: the default selection falls back to the isolated tier, never the public one.
    expect(() => synthEndpoint({}, { subnetTiers: [{ type: SubnetType.PUBLIC, prefixLength: 24 }] })).toThrow(
      'dev-test-lambda-endpoint: network dev-test has no isolated subnets; choose a subnetType the network has',
    );
  });

  it('to synthesize when it admits nobody', () => {
    expect(() => synthEndpoint({}, {}, [])).toThrow(
      'dev-test-lambda-endpoint admits nobody: admit a source, e.g. fn.connections.allowTo(endpoint, Port.https(), ' +
        "'why')",
    );
  });
});

describe('what an interface endpoint admits from a network', () => {
  const admitting =
    (source: () => Peer, port = Port.https()) =>
    () =>
      synthValidated((scope) => {
        const endpoint = new InterfaceEndpoint(scope, 'endpoint', {
          network: testNetwork(scope),
          service: InterfaceEndpointService.STS,
          policy: invokePolicy,
        });
        endpoint.connections.allowFrom(source(), port, 'HTTPS from a network');
      });

  it('never every address, however the peer was made (admittedCidrProblem, naming the source and value)', () => {
    expect(admitting(() => Peer.anyIpv4())).toThrow(
      new Error(`endpoint source internet = "0.0.0.0/0": ${EVERY_ADDRESS}`),
    );
    expect(admitting(() => Peer.ipv4('0.0.0.0/0', 'everyone'))).toThrow(
      new Error(`endpoint source everyone = "0.0.0.0/0": ${EVERY_ADDRESS}`),
    );
  });

  it('no IPv6 block: the endpoint admits IPv4 ranges and security groups only', () => {
    expect(admitting(() => Peer.anyIpv6())).toThrow(
      new Error(
        'dev-test-sts-endpoint: endpoint source internet-ipv6 = "::/0" is an IPv6 block; an interface endpoint ' +
          'admits IPv4 ranges and security groups only',
      ),
    );
  });

  it('HTTPS only', () => {
    expect(admitting(() => Peer.ipv4('10.0.0.0/8', 'corp'), Port.tcp(22))).toThrow(
      'dev-test-sts-endpoint: an interface endpoint serves HTTPS only; admit corp on TCP 443, not TCP 22',
    );
  });

  it.each([
    ['10.0.0.0/33', 'is not an IPv4 CIDR block'],
    ['10.0.0.1/16', 'has host bits set'],
    ['10.0.0.0', 'is not an IPv4 CIDR block'],
    ['2001:db8::/32', 'is not an IPv4 CIDR block'],
  ])('refuses the CIDR %s, naming it', (cidr, reason) => {
    expect(admitting(() => Peer.ipv4(cidr, 'corp'))).toThrow(`endpoint source corp = "${cidr}": "${cidr}" ${reason}`);
  });

  it('accepts a CIDR only known at apply time', () => {
    const json = synthValidated((scope) => {
      const network = testNetwork(scope);
      const endpoint = new InterfaceEndpoint(scope, 'endpoint', {
        network,
        service: InterfaceEndpointService.KMS,
        policy: invokePolicy,
      });
      endpoint.connections.allowFrom(Peer.ipv4(network.vpc.cidrBlock, 'vpc'), Port.https(), 'HTTPS from the VPC');
    });
    expect(onlyResource(json, 'aws_vpc_security_group_ingress_rule').cidr_ipv4).toBe(
      referenceTo(json, 'aws_vpc', onlyResource(json, 'aws_vpc'), 'cidr_block'),
    );
  });
});

describe('admittedCidrProblem: a named network, never every address', () => {
  it('refuses every address', () => {
    expect(admittedCidrProblem('0.0.0.0/0')).toBe(EVERY_ADDRESS);
  });

  it("refuses a malformed block with the CIDR parser's reason", () => {
    expect(admittedCidrProblem('10.0.0.1/16')).toBe(
      '"10.0.0.1/16" has host bits set; the block\'s network address is 10.0.0.0/16',
    );
  });

  it.each(['192.168.0.0/16', '10.0.0.0/8', '203.0.113.7/32'])('accepts %s', (cidr) => {
    expect(admittedCidrProblem(cidr)).toBeUndefined();
  });
});
