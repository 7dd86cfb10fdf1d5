import { ENDPOINT_SERVICES_AS_OF } from '@lambda-vpc/endpoints';
import { loadEnvironments } from '@lambda-vpc/stacks';
import { configProblemsOf as problemsOf, environmentValues, variantsAt, variantsWith } from './fixtures';

describe('defaults', () => {
  const [config] = loadEnvironments([environmentValues()]);

  it('fill log retention, tags and the demo function settings', () => {
    expect(config.logRetentionInDays).toBe(30);
    expect(config.tags).toEqual({});
    expect(config.function).toEqual({ runtime: 'nodejs22.x', memorySize: 256, timeoutSeconds: 15 });
  });

  it('leave the environment unprotected from destroy unless it says otherwise', () => {
    expect(config.protectFromDestroy).toBe(false);
    expect(loadEnvironments([environmentValues({ protectFromDestroy: true })])[0].protectFromDestroy).toBe(true);
  });

  it("fill the cost estimate's traffic assumptions", () => {
    expect(config.cost).toEqual({ natGbPerMonth: 50, interfaceEndpointGbPerMonth: 10, flowLogGbPerMonth: 5 });
  });

  it('fill the NAT-egress variant: probe URL, subnet sizes, NAT instance type, the demo function kept', () => {
    expect(config.variants.natEgress).toEqual({
      cidr: '10.51.0.0/16',
      nat: { strategy: 'single-gateway', instanceType: 't4g.nano' },
      egressProbeUrl: 'https://checkip.amazonaws.com/',
      publicSubnetPrefixLength: 26,
      privateSubnetPrefixLength: 20,
      demoFunctions: true,
      functions: {},
    });
  });
});

describe('private-only and privatelink defaults', () => {
  const [config] = loadEnvironments([environmentValues()]);

  it('private-only: /20 isolated subnets, no interface endpoints, the demo function kept', () => {
    expect(config.variants.privateOnly).toEqual({
      cidr: '10.50.0.0/16',
      isolatedSubnetPrefixLength: 20,
      interfaceEndpoints: [],
      demoFunctions: true,
      functions: {},
    });
  });

  it('privatelink: no on-premises networks or remote callers, the caller alone allowed, no resolver, demo kept', () => {
    expect(config.variants.privatelink).toEqual({
      cidr: '10.52.0.0/16',
      isolatedSubnetPrefixLength: 20,
      onPremisesCidrs: [],
      remoteCallers: [],
      resolverInboundEndpoint: false,
      demoFunctions: true,
      functions: {},
    });
  });
});

describe('each bad value is one line naming the environment, field, value and what is allowed', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'a malformed CIDR',
      { variants: variantsWith({ natEgress: { cidr: '10.0.0.0/33', nat: { strategy: 'instance' } } }) },
      'environment "test", field variants.natEgress.cidr = "10.0.0.0/33": "10.0.0.0/33" is not an IPv4 CIDR block: ' +
        'octets are 0-255 and the prefix length 0-32',
    ],
    [
      'a public CIDR',
      { variants: variantsWith({ natEgress: { cidr: '8.8.0.0/16', nat: { strategy: 'instance' } } }) },
      'environment "test", field variants.natEgress.cidr = "8.8.0.0/16": is not a private range; allowed: inside ' +
        '10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16',
    ],
    [
      'an unknown region',
      { region: 'mars-north-1' },
      'environment "test", field region = "mars-north-1": unknown region; allowed: us-east-1, us-east-2, us-west-1, ' +
        'us-west-2, ca-central-1,',
    ],
    [
      'an AZ of another region',
      { availabilityZones: ['eu-west-1a', 'us-east-1b'] },
      'environment "test", field availabilityZones.1 = "us-east-1b": is not an AZ of eu-west-1; allowed: eu-west-1a, ' +
        'eu-west-1b, eu-west-1c (as of 2026-12-01)',
    ],
    [
      'an AZ the region does not have',
      { availabilityZones: ['eu-west-1a', 'eu-west-1d'] },
      'environment "test", field availabilityZones.1 = "eu-west-1d": is not an AZ of eu-west-1; allowed: eu-west-1a, ' +
        'eu-west-1b, eu-west-1c (as of 2026-12-01)',
    ],
    [
      'an empty AZ list (one problem, not one per rule that needs AZs)',
      { name: 'prod', availabilityZones: [] },
      'environment "prod", field availabilityZones = []: at least one availability zone is required',
    ],
    [
      'an AZ listed twice',
      { availabilityZones: ['eu-west-1a', 'eu-west-1a'] },
      'environment "test", field availabilityZones.1 = "eu-west-1a": is listed twice',
    ],
    [
      'a malformed account ID',
      { accountId: '12345' },
      'environment "test", field accountId = "12345": must be a 12-digit AWS account ID',
    ],
    [
      'an unknown NAT strategy',
      { variants: variantsWith({ natEgress: { cidr: '10.51.0.0/16', nat: { strategy: 'nat-box' } } }) },
      'environment "test", field variants.natEgress.nat.strategy = "nat-box": unknown NAT strategy; allowed: ' +
        'gateway-per-az, single-gateway, instance, self-healing-instance',
    ],
    [
      'one EIP for the self-healing NAT instances of two AZs',
      {
        variants: variantsWith({
          natEgress: {
            cidr: '10.51.0.0/16',
            nat: { strategy: 'self-healing-instance', eipAllocationIds: ['eipalloc-0123456789abcdef0'] },
          },
        }),
      },
      'environment "test", field variants.natEgress.nat.eipAllocationIds = ["eipalloc-0123456789abcdef0"]: 1 EIP ' +
        'allocation ID(s) provided, 2 NAT(s) of strategy self-healing-instance need them; allowed: exactly 2, or ' +
        'none to allocate new EIPs',
    ],
    [
      'an x86 self-healing NAT instance type',
      {
        variants: variantsWith({
          natEgress: { cidr: '10.51.0.0/16', nat: { strategy: 'self-healing-instance', instanceType: 'm5.large' } },
        }),
      },
      'environment "test", field variants.natEgress.nat.instanceType = "m5.large": must be an arm64 (Graviton) ' +
        'instance type, e.g. t4g.nano',
    ],
    [
      'too few EIPs for the NAT gateways',
      {
        variants: variantsWith({
          natEgress: {
            cidr: '10.51.0.0/16',
            nat: { strategy: 'gateway-per-az', eipAllocationIds: ['eipalloc-0123456789abcdef0'] },
          },
        }),
      },
      'environment "test", field variants.natEgress.nat.eipAllocationIds = ["eipalloc-0123456789abcdef0"]: 1 EIP ' +
        'allocation ID(s) provided, 2 NAT(s) of strategy gateway-per-az need them; allowed: exactly 2, or none to ' +
        'allocate new EIPs',
    ],
    [
      'a malformed EIP allocation ID',
      {
        variants: variantsWith({
          natEgress: { cidr: '10.51.0.0/16', nat: { strategy: 'single-gateway', eipAllocationIds: ['eip-1'] } },
        }),
      },
      'environment "test", field variants.natEgress.nat.eipAllocationIds.0 = "eip-1": is not an EIP allocation ' +
        'ID; allowed: eipalloc- followed by 8 or 17 hex digits',
    ],
    [
      'a retention CloudWatch does not accept',
      { logRetentionInDays: 42 },
      'environment "test", field logRetentionInDays = 42: is not a retention CloudWatch Logs accepts; allowed: 1, 3, ' +
        '5, 7, 14, 30, 60, 90',
    ],
    [
      'an unsupported runtime',
      { function: { runtime: 'nodejs16.x' } },
      'environment "test", field function.runtime = "nodejs16.x": unsupported runtime; allowed: nodejs20.x, nodejs22.x',
    ],
    [
      "memory above Lambda's limit",
      { function: { memorySize: 20000 } },
      'environment "test", field function.memorySize = 20000: must be a whole number of MB (Lambda\'s limits) from ' +
        '128 to 10240',
    ],
    [
      "memory below Lambda's limit",
      { function: { memorySize: 64 } },
      'environment "test", field function.memorySize = 64: must be a whole number of MB (Lambda\'s limits) from 128 ' +
        'to 10240',
    ],
    [
      'memory as a string',
      { function: { memorySize: '512' } },
      'environment "test", field function.memorySize = "512": must be a whole number of MB (Lambda\'s limits) from ' +
        '128 to 10240',
    ],
    [
      "a timeout above Lambda's limit",
      { function: { timeoutSeconds: 901 } },
      'environment "test", field function.timeoutSeconds = 901: must be a whole number of seconds (Lambda\'s limits) ' +
        'from 1 to 900',
    ],
    [
      'a timeout of zero',
      { function: { timeoutSeconds: 0 } },
      'environment "test", field function.timeoutSeconds = 0: must be a whole number of seconds (Lambda\'s limits) ' +
        'from 1 to 900',
    ],
    [
      'log retention 0, which CloudWatch reads as "never expire"',
      { logRetentionInDays: 0 },
      'environment "test", field logRetentionInDays = 0: 0 means "never expire", which guardrail LVB-LOG-1 ' +
        '(CKV_AWS_66) refuses: every log group needs a retention; allowed: 1, 3, 5',
    ],
    [
      'a probe URL on a port the security group does not admit',
      {
        variants: variantsWith({
          natEgress: {
            cidr: '10.51.0.0/16',
            nat: { strategy: 'instance' },
            egressProbeUrl: 'https://example.com:8443/health',
          },
        }),
      },
      'environment "test", field variants.natEgress.egressProbeUrl = "https://example.com:8443/health": must use ' +
        "port 443: the probe's security group admits egress to the internet on 443 (HTTPS) only",
    ],
    [
      'no variant at all',
      { variants: {} },
      'environment "test", field variants = {}: names no variant; deploy at least one of privateOnly, natEgress, ' +
        'privatelink',
    ],
    [
      'a NAT strategy under a variant whose intent is no internet, pointed to the variant that has NAT',
      { variants: variantsWith({ privateOnly: { cidr: '10.50.0.0/16', nat: { strategy: 'single-gateway' } } }) },
      'environment "test", field variants.privateOnly.nat = {"strategy":"single-gateway"}: a NAT strategy needs a ' +
        'public subnet tier, and this variant has none by design (its intent is no route to the internet); NAT ' +
        'belongs under variants.natEgress',
    ],
    [
      'a misspelt variant',
      { variants: { privateOnly: { cidr: '10.50.0.0/16' }, natEgres: { cidr: '10.51.0.0/16' } } },
      'environment "test", field variants.natEgres = {"cidr":"10.51.0.0/16"}: unknown field; allowed here: ' +
        'privateOnly, natEgress, privatelink',
    ],
    [
      'a tag value over 256 characters',
      { tags: { team: 'x'.repeat(257) } },
      `environment "test", field tags.team = "${'x'.repeat(257)}": tag values are at most 256 characters`,
    ],
    [
      'a tag key in the reserved aws: namespace',
      { tags: { 'aws:owner': 'me' } },
      'environment "test", field tags.aws:owner = "aws:owner": tag keys may not start with "aws:"',
    ],
    [
      'a non-HTTPS probe URL',
      {
        variants: variantsWith({
          natEgress: { cidr: '10.51.0.0/16', nat: { strategy: 'instance' }, egressProbeUrl: 'http://example.com' },
        }),
      },
      'environment "test", field variants.natEgress.egressProbeUrl = "http://example.com": must be an https:// URL',
    ],
    [
      'a probe URL that is no URL at all',
      { variants: variantsWith({ natEgress: { egressProbeUrl: 'not a url' } }) },
      'environment "test", field variants.natEgress.egressProbeUrl = "not a url": must be an https:// URL',
    ],
    [
      'a PrivateLink endpoint with nobody allowed',
      { variants: variantsWith({ privatelink: { allowedPrincipals: [] } }) },
      'environment "test", field variants.privatelink.allowedPrincipals = []: a PrivateLink endpoint with nobody ' +
        "allowed is useless; omit the field to allow the caller function's role",
    ],
    [
      'a malformed principal ARN',
      { variants: variantsWith({ privatelink: { allowedPrincipals: ['arn:aws:iam:123456789012:role/app'] } }) },
      'environment "test", field variants.privatelink.allowedPrincipals.0 = "arn:aws:iam:123456789012:role/app": ' +
        'is not an account ID or IAM principal ARN; allowed: ' +
        '123456789012 or arn:<partition>:iam::<12-digit account>:root|role/<name>|user/<name>',
    ],
    [
      'an on-premises CIDR of every address',
      { variants: variantsWith({ privatelink: { onPremisesCidrs: ['0.0.0.0/0'] } }) },
      'environment "test", field variants.privatelink.onPremisesCidrs.0 = "0.0.0.0/0": is every address, and an ' +
        'interface endpoint is never open to every address; ' +
        "allowed: the callers' security group, or the on-premises or peer networks by their own CIDRs",
    ],
    [
      'a resolver endpoint with no on-premises networks',
      { variants: variantsWith({ privatelink: { resolverInboundEndpoint: true } }) },
      'environment "test", field variants.privatelink.resolverInboundEndpoint = true: an inbound resolver ' +
        'endpoint admits DNS only from on-premises networks, and none are listed; allowed: 1 or more on-premises ' +
        'CIDRs (onPremisesCidrs)',
    ],
    [
      // Without the demo functions, so one AZ is refused for the resolver alone (LVB-FN-1 needs no function here).
      'a resolver endpoint in one AZ',
      {
        availabilityZones: ['eu-west-1a'],
        variants: variantsWith({
          privateOnly: { demoFunctions: false },
          natEgress: { demoFunctions: false },
          privatelink: { resolverInboundEndpoint: true, onPremisesCidrs: ['172.16.0.0/16'], demoFunctions: false },
        }),
      },
      'environment "test", field variants.privatelink.resolverInboundEndpoint = true: a Route 53 Resolver ' +
        'endpoint needs IP addresses in at least 2 AZs, and it has 1; allowed: 2 or more AZs (availabilityZones)',
    ],
    [
      'an interface endpoint action with a wildcard',
      { variants: variantsWith({ privateOnly: { interfaceEndpoints: [{ service: 'sts', actions: ['sts:*'] }] } }) },
      'environment "test", field variants.privateOnly.interfaceEndpoints.0.actions.0 = "sts:*": ' +
        'is a wildcard; allowed: a fully named action (service:Action) such as dynamodb:GetItem',
    ],
    [
      'an interface endpoint action not of the form service:Action',
      { variants: variantsWith({ privateOnly: { interfaceEndpoints: [{ service: 'sts', actions: ['sts'] }] } }) },
      'environment "test", field variants.privateOnly.interfaceEndpoints.0.actions.0 = "sts": ' +
        'is not of the form service:Action; allowed: a fully named action (service:Action) such as dynamodb:GetItem',
    ],
    [
      'a subnet size that is not a whole prefix length',
      { variants: variantsWith({ privateOnly: { isolatedSubnetPrefixLength: 20.5 } }) },
      'environment "test", field variants.privateOnly.isolatedSubnetPrefixLength = 20.5: is not a whole prefix ' +
        'length; allowed: /16 to /28 (AWS limits)',
    ],
    [
      'a VPC larger than AWS allows',
      { variants: variantsWith({ privateOnly: { cidr: '10.0.0.0/8' } }) },
      'environment "test", field variants.privateOnly.cidr = "10.0.0.0/8": VPC size must be /16 to /28 (AWS limits)',
    ],
    [
      'an x86 NAT instance type',
      {
        variants: variantsWith({
          natEgress: { cidr: '10.51.0.0/16', nat: { strategy: 'instance', instanceType: 't3.nano' } },
        }),
      },
      'environment "test", field variants.natEgress.nat.instanceType = "t3.nano": must be an arm64 (Graviton) ' +
        'instance type, e.g. t4g.nano',
    ],
    [
      'an interface endpoint service that is not a service name',
      {
        variants: variantsWith({
          privateOnly: { interfaceEndpoints: [{ service: 'Secrets Manager', actions: ['sts:GetCallerIdentity'] }] },
        }),
      },
      'environment "test", field variants.privateOnly.interfaceEndpoints.0.service = "Secrets Manager": is not an ' +
        `interface endpoint service (AWS PrivateLink list as of ${ENDPOINT_SERVICES_AS_OF}); nearest: secretsmanager`,
    ],
    [
      'an isolated subnet larger than AWS allows',
      { variants: variantsWith({ privateOnly: { isolatedSubnetPrefixLength: 12 } }) },
      'environment "test", field variants.privateOnly.isolatedSubnetPrefixLength = 12: subnet sizes are /16 to /28 ' +
        '(AWS limits)',
    ],
    [
      'a VPC too small for the subnets asked',
      { variants: variantsWith({ privateOnly: { cidr: '10.50.0.0/22' } }) },
      'environment "test", field variants.privateOnly.cidr = "10.50.0.0/22": VPC 10.50.0.0/22 is too small: the ' +
        'isolated tier needs 4 subnets of /20',
    ],
    [
      'a NAT strategy on a variant with no public tier',
      { variants: variantsWith({ privateOnly: { nat: { strategy: 'single-gateway' } } }) },
      'environment "test", field variants.privateOnly.nat = {"strategy":"single-gateway"}: a NAT strategy needs a ' +
        'public subnet tier, and this variant has none by design',
    ],
    [
      'a tag key over 128 characters',
      { tags: { ['k'.repeat(129)]: 'v' } },
      `environment "test", field tags.${'k'.repeat(129)} = "${'k'.repeat(129)}": tag keys are at most 128 characters`,
    ],
    [
      'protectFromDestroy that is not a boolean',
      { protectFromDestroy: 'yes' },
      'environment "test", field protectFromDestroy = "yes": must be true or false',
    ],
    [
      'negative traffic in the cost assumptions',
      { cost: { natGbPerMonth: -1 } },
      'environment "test", field cost.natGbPerMonth = -1: must be 0 or more GB',
    ],
    [
      'negative NAT traffic with an S3 share: one line, the NAT figure',
      { cost: { natGbPerMonth: -1, s3GbPerMonth: 5 } },
      'environment "test", field cost.natGbPerMonth = -1: must be 0 or more GB',
    ],
    [
      'an S3 share larger than the NAT traffic it is part of',
      { cost: { natGbPerMonth: 20, s3GbPerMonth: 30 } },
      'environment "test", field cost.s3GbPerMonth = 30: must be at most natGbPerMonth (20): it is the S3 part of ' +
        'the NAT traffic',
    ],
    [
      'an unknown field',
      { natStrategy: 'instance' },
      'environment "test", field natStrategy = "instance": unknown field; allowed here: name, region, accountId, ' +
        'availabilityZones, tags, logRetentionInDays, backend, cost, function, protectFromDestroy, variants',
    ],
  ])('%s', (_case, overrides, expected) => {
    const problems = problemsOf([{ ...environmentValues(), ...overrides }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it('a probe URL on port 443 stated outright is accepted', () => {
    const [config] = loadEnvironments([
      environmentValues({ variants: variantsWith({ natEgress: { egressProbeUrl: 'https://example.com:443/' } }) }),
    ]);
    expect(config.variants.natEgress?.egressProbeUrl).toBe('https://example.com:443/');
  });

  it('reports the AZ rules beside problems in other fields (the rules run even when a field is wrong)', () => {
    expect(
      problemsOf([
        environmentValues({
          accountId: 'abc',
          availabilityZones: ['eu-west-1a', 'eu-west-1d'],
          function: { memorySize: 1 },
        }),
      ]),
    ).toEqual([
      'environment "test", field accountId = "abc": must be a 12-digit AWS account ID',
      'environment "test", field function.memorySize = 1: must be a whole number of MB (Lambda\'s limits) from 128 ' +
        'to 10240',
      'environment "test", field availabilityZones.1 = "eu-west-1d": is not an AZ of eu-west-1; allowed: eu-west-1a, ' +
        'eu-west-1b, eu-west-1c (as of 2026-12-01)',
    ]);
  });

  it('prod needs at least two AZs', () => {
    expect(problemsOf([environmentValues({ name: 'prod', availabilityZones: ['eu-west-1a'] })])).toEqual([
      'environment "prod", field availabilityZones = ["eu-west-1a"]: prod needs at least 2 AZs so a function ' +
        'survives the loss of one',
    ]);
  });

  it('reports several problems of several environments together', () => {
    const problems = problemsOf([
      environmentValues({ region: 'nowhere-1' as never, accountId: 'abc' }),
      environmentValues({ name: 'other', variants: variantsAt(60, 'instance'), logRetentionInDays: 2 }),
    ]);
    expect(problems).toHaveLength(3);
    expect(problems.some((p) => p.startsWith('environment "test", field region'))).toBe(true);
    expect(problems.some((p) => p.startsWith('environment "test", field accountId'))).toBe(true);
    expect(problems.some((p) => p.startsWith('environment "other", field logRetentionInDays'))).toBe(true);
  });

  it('refuses one AZ where a VPC holds a function, as a config error rather than LVB-FN-1 after synth (fuzz)', () => {
    expect(problemsOf([environmentValues({ availabilityZones: ['eu-west-1a'] })])).toEqual([
      'environment "test", field availabilityZones = ["eu-west-1a"]: a function attached to a VPC needs subnets in 2 ' +
        'or more AZs (guardrail LVB-FN-1), and variants.privateOnly, variants.natEgress, variants.privatelink ' +
        'place(s) one; allowed: 2 or more AZs, or demoFunctions: false and no functions in every variant',
    ]);
  });

  it('accepts one AZ where no VPC holds a function', () => {
    const variants = variantsWith({
      privateOnly: { demoFunctions: false },
      natEgress: { demoFunctions: false },
      privatelink: { demoFunctions: false, onPremisesCidrs: ['172.16.0.0/16'] },
    });
    expect(loadEnvironments([environmentValues({ availabilityZones: ['eu-west-1a'], variants })])).toHaveLength(1);
  });

  it('refuses private-only without its demo while an interface endpoint has no other caller (found by fuzz)', () => {
    const privateOnly = { demoFunctions: false, interfaceEndpoints: [{ service: 'sts', actions: ['sts:AssumeRole'] }] };
    expect(problemsOf([environmentValues({ variants: variantsWith({ privateOnly }) })])).toEqual([
      'environment "test", field variants.privateOnly.demoFunctions = false: removes the only caller of the ' +
        'interface endpoint(s) sts, which would then admit nobody; allowed: false with a function under functions ' +
        'that lists each in endpoints, or without those interfaceEndpoints',
    ]);
  });

  it('reports an AZ listed twice once, not also as an EIP count one NAT short (found by npm run fuzz)', () => {
    const nat = { strategy: 'gateway-per-az', eipAllocationIds: ['eipalloc-00aaa0a0'] };
    expect(
      problemsOf([
        environmentValues({
          availabilityZones: ['eu-west-1a', 'eu-west-1a'],
          variants: variantsWith({ natEgress: { cidr: '10.51.0.0/16', nat } }),
        }),
      ]),
    ).toEqual(['environment "test", field availabilityZones.1 = "eu-west-1a": is listed twice']);
  });

  it('reports a probe URL that is no URL beside the other problems, not instead of them', () => {
    expect(
      problemsOf([
        environmentValues({
          region: 'nowhere-1' as never,
          variants: variantsWith({ natEgress: { egressProbeUrl: 'not a url' } }),
        }),
      ]).map((problem) => problem.split(':')[0]),
    ).toEqual([
      'environment "test", field region = "nowhere-1"',
      'environment "test", field variants.natEgress.egressProbeUrl = "not a url"',
    ]);
  });
});

describe('rules across environments', () => {
  it('refuses two environments with the same name (their stacks would collide)', () => {
    expect(problemsOf([environmentValues(), environmentValues({ variants: variantsAt(60, 'instance') })])).toEqual([
      'environment "test", field name = "test": 2 environments share this name, so their stacks would too; names ' +
        'must be unique',
    ]);
  });

  it('refuses VPC CIDRs that overlap anywhere in the repository', () => {
    expect(
      problemsOf([
        environmentValues(),
        environmentValues({ name: 'other', variants: variantsWith({ natEgress: { cidr: '10.50.128.0/17' } }, 60) }),
      ]),
    ).toEqual([
      'environment "other", field variants.natEgress.cidr = "10.50.128.0/17": overlaps test-private-only ' +
        '(10.50.0.0/16); every VPC in the repository needs its own range',
    ]);
  });

  it('refuses an on-premises CIDR inside any VPC of the repository', () => {
    expect(
      problemsOf([
        environmentValues({ variants: variantsWith({ privatelink: { onPremisesCidrs: ['10.51.4.0/22'] } }) }),
      ]),
    ).toEqual([
      'environment "test", field variants.privatelink.onPremisesCidrs.0 = "10.51.4.0/22": overlaps the VPC of ' +
        'test-nat-egress (10.51.0.0/16); on-premises and peer networks need ranges of their own',
    ]);
  });

  it('accepts distinct environments', () => {
    const configs = loadEnvironments([
      environmentValues(),
      environmentValues({ name: 'other', variants: variantsAt(60, 'instance') }),
    ]);
    expect(configs.map((c) => c.name)).toEqual(['test', 'other']);
  });
});
