import { SubnetType } from '@lambda-vpc/network';
import { ResolverInboundEndpoint } from '@lambda-vpc/stacks';
import {
  bodiesOf,
  onlyResource,
  policyOf,
  referenceTo,
  resourcesOf,
  synthConstructs,
  TerraformBody,
  TerraformJson,
} from '../../test-support/terraform-json';
import { environmentValues, synthToTemp, variantsAt, variantsWith } from './fixtures';

const PARTNER_ROLE = 'arn:aws:iam::210987654321:role/partner-invoker';
const { stacks } = synthToTemp([
  environmentValues({ name: 'lone', variants: variantsAt(80) }),
  environmentValues({
    name: 'hybrid',
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    variants: variantsWith(
      {
        privatelink: {
          onPremisesCidrs: ['172.16.0.0/16', '192.168.10.0/24'],
          resolverInboundEndpoint: true,
          allowedPrincipals: [PARTNER_ROLE],
        },
      },
      83,
    ),
  }),
]);
const lone = stacks['lone-privatelink'];
const hybrid = stacks['hybrid-privatelink'];
const all: [string, TerraformJson][] = [
  ['lone-privatelink', lone],
  ['hybrid-privatelink', hybrid],
];

const lambdaEndpoint = (json: TerraformJson) =>
  bodiesOf(json, 'aws_vpc_endpoint').find((e) => e.service_name === 'com.amazonaws.eu-west-1.lambda')!;
const functionNamed = (json: TerraformJson, suffix: string) =>
  bodiesOf(json, 'aws_lambda_function').find((f) => f.function_name.endsWith(suffix))!;
const roleArn = (json: TerraformJson, suffix: string) =>
  referenceTo(
    json,
    'aws_iam_role',
    bodiesOf(json, 'aws_iam_role').find((r) => r.name.endsWith(suffix))!,
    'arn',
  );
const groupOf = (json: TerraformJson, suffix: string) =>
  referenceTo(
    json,
    'aws_security_group',
    bodiesOf(json, 'aws_security_group').find((g) => g.name.endsWith(suffix))!,
  );
const rulesOn = (json: TerraformJson, type: string, group: string) =>
  bodiesOf(json, type).filter((r: TerraformBody) => r.security_group_id === group);

describe('the Lambda interface endpoint', () => {
  it.each(all)(
    "%s: sits in every AZ's isolated subnet with private DNS, and the VPC has both DNS attributes on",
    (_name, json) => {
      const endpoint = lambdaEndpoint(json);
      expect(endpoint).toMatchObject({ vpc_endpoint_type: 'Interface', private_dns_enabled: true });
      expect([...endpoint.subnet_ids].sort()).toEqual(
        resourcesOf(json, 'aws_subnet')
          .map(([n]) => `\${aws_subnet.${n}.id}`)
          .sort(),
      );
      expect(onlyResource(json, 'aws_vpc')).toMatchObject({ enable_dns_support: true, enable_dns_hostnames: true });
    },
  );

  it("lone: admits HTTPS only from the caller function's security group", () => {
    const ingress = rulesOn(lone, 'aws_vpc_security_group_ingress_rule', lambdaEndpoint(lone).security_group_ids[0]);
    expect(
      ingress.map((r) => ({
        ip_protocol: r.ip_protocol,
        from_port: r.from_port,
        to_port: r.to_port,
        source: r.referenced_security_group_id ?? r.cidr_ipv4,
      })),
    ).toEqual([{ ip_protocol: 'tcp', from_port: 443, to_port: 443, source: groupOf(lone, 'invoke-caller') }]);
  });

  it('hybrid: admits HTTPS from the caller and each on-premises network, nothing else', () => {
    const ingress = rulesOn(
      hybrid,
      'aws_vpc_security_group_ingress_rule',
      lambdaEndpoint(hybrid).security_group_ids[0],
    );
    expect(ingress.every((r) => r.ip_protocol === 'tcp' && r.from_port === 443 && r.to_port === 443)).toBe(true);
    expect(ingress.map((r) => r.referenced_security_group_id ?? r.cidr_ipv4).sort()).toEqual(
      [groupOf(hybrid, 'invoke-caller'), '172.16.0.0/16', '192.168.10.0/24'].sort(),
    );
  });

  it.each(all)('%s: no security group rule in the stack admits 0.0.0.0/0 or ::/0', (_name, json) => {
    for (const rule of bodiesOf(json, 'aws_vpc_security_group_ingress_rule')) {
      expect(rule.cidr_ipv4).not.toBe('0.0.0.0/0');
      expect(rule.cidr_ipv6).not.toBe('::/0');
    }
  });
});

describe('the endpoint policy, statement by statement', () => {
  it.each(all)('%s: every statement names its principals, none of them "*"', (_name, json) => {
    for (const statement of policyOf(lambdaEndpoint(json)).Statement) {
      expect(statement.Principal).not.toBe('*');
      expect(statement.Principal.AWS.length).toBeGreaterThan(0);
      for (const principal of statement.Principal.AWS) expect(principal).not.toContain('*');
    }
  });

  it("lone: only the caller's role may invoke, and only the target function", () => {
    expect(policyOf(lambdaEndpoint(lone)).Statement).toEqual([
      {
        Sid: 'InvokeTargetOnly',
        Effect: 'Allow',
        Principal: { AWS: [roleArn(lone, 'invoke-caller')] },
        Action: ['lambda:InvokeFunction'],
        Resource: [referenceTo(lone, 'aws_lambda_function', functionNamed(lone, 'invoke-target'), 'arn')],
      },
    ]);
  });

  it("hybrid: the configured principals join the caller's role, so the demo caller still invokes (fuzz)", () => {
    const [statement] = policyOf(lambdaEndpoint(hybrid)).Statement;
    expect(statement.Principal).toEqual({ AWS: [roleArn(hybrid, 'invoke-caller'), PARTNER_ROLE] });
    expect(statement.Resource).toEqual([
      referenceTo(hybrid, 'aws_lambda_function', functionNamed(hybrid, 'invoke-target'), 'arn'),
    ]);
  });
});

describe('the functions', () => {
  it.each(all)('%s: the target runs outside the VPC; the caller in the isolated subnets', (_name, json) => {
    expect(functionNamed(json, 'invoke-target').vpc_config).toBeUndefined();
    const caller = functionNamed(json, 'invoke-caller');
    expect([...caller.vpc_config.subnet_ids].sort()).toEqual(
      resourcesOf(json, 'aws_subnet')
        .map(([n]) => `\${aws_subnet.${n}.id}`)
        .sort(),
    );
    expect(caller.environment.variables.TARGET_FUNCTION_ARN).toBe(
      referenceTo(json, 'aws_lambda_function', functionNamed(json, 'invoke-target'), 'arn'),
    );
  });

  it.each(all)("%s: the caller's only egress is HTTPS to the endpoint's security group", (_name, json) => {
    const egress = rulesOn(json, 'aws_vpc_security_group_egress_rule', groupOf(json, 'invoke-caller'));
    expect(
      egress.map((r) => ({
        ip_protocol: r.ip_protocol,
        from_port: r.from_port,
        to: r.referenced_security_group_id ?? r.cidr_ipv4 ?? r.prefix_list_id,
      })),
    ).toEqual([{ ip_protocol: 'tcp', from_port: 443, to: lambdaEndpoint(json).security_group_ids[0] }]);
  });

  it.each(all)("%s: the caller's role may invoke the target and nothing else", (_name, json) => {
    const statements = bodiesOf(json, 'aws_iam_role_policy').flatMap((p) => policyOf(p).Statement);
    expect(statements.find((s) => s.Sid === 'InvokeTarget')).toMatchObject({
      Action: ['lambda:InvokeFunction'],
      Resource: [referenceTo(json, 'aws_lambda_function', functionNamed(json, 'invoke-target'), 'arn')],
    });
    for (const statement of statements)
      for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
  });
});

describe('no path to the internet', () => {
  it.each(all)('%s: no internet gateway, NAT, EIP, or route to 0.0.0.0/0', (_name, json) => {
    for (const type of ['aws_internet_gateway', 'aws_nat_gateway', 'aws_eip', 'aws_instance'])
      expect(resourcesOf(json, type)).toEqual([]);
    expect(bodiesOf(json, 'aws_route').filter((r) => r.destination_cidr_block === '0.0.0.0/0')).toEqual([]);
    for (const table of bodiesOf(json, 'aws_route_table')) expect(table.route).toBeUndefined();
  });
});

describe('on-premises DNS', () => {
  it('lone: no resolver endpoint unless config asks', () => {
    expect(resourcesOf(lone, 'aws_route53_resolver_endpoint')).toEqual([]);
  });

  it('hybrid: an inbound resolver endpoint with an address in every AZ, admitting DNS only from on-premises', () => {
    const resolver = onlyResource(hybrid, 'aws_route53_resolver_endpoint');
    expect(resolver).toMatchObject({ direction: 'INBOUND', protocols: ['Do53'] });
    expect(resolver.ip_address.map((a: TerraformBody) => a.subnet_id).sort()).toEqual(
      resourcesOf(hybrid, 'aws_subnet')
        .map(([n]) => `\${aws_subnet.${n}.id}`)
        .sort(),
    );
    const ingress = rulesOn(hybrid, 'aws_vpc_security_group_ingress_rule', resolver.security_group_ids[0]);
    expect(ingress.map((r) => `${r.ip_protocol}/${r.from_port}-${r.to_port} ${r.cidr_ipv4}`).sort()).toEqual([
      'tcp/53-53 172.16.0.0/16',
      'tcp/53-53 192.168.10.0/24',
      'udp/53-53 172.16.0.0/16',
      'udp/53-53 192.168.10.0/24',
    ]);
    expect(rulesOn(hybrid, 'aws_vpc_security_group_egress_rule', resolver.security_group_ids[0])).toEqual([]);
  });
});

describe('ResolverInboundEndpoint.problems: addresses in 2 or more AZs, and on-premises networks to admit', () => {
  const ONE_AZ =
    'a Route 53 Resolver endpoint needs IP addresses in at least 2 AZs, and it has 1; ' +
    'allowed: 2 or more AZs (availabilityZones)';
  const NO_NETWORKS =
    'an inbound resolver endpoint admits DNS only from on-premises networks, and none are listed; ' +
    'allowed: 1 or more on-premises CIDRs (onPremisesCidrs)';

  it('accepts 2 AZs and one network', () => {
    expect(ResolverInboundEndpoint.problems({ availabilityZones: 2, onPremisesCidrs: ['172.16.0.0/16'] })).toEqual([]);
  });

  it('refuses one AZ and no networks, each with what is allowed', () => {
    expect(ResolverInboundEndpoint.problems({ availabilityZones: 1, onPremisesCidrs: [] })).toEqual([
      ONE_AZ,
      NO_NETWORKS,
    ]);
  });

  it('leaves the networks alone when they are not known', () => {
    expect(ResolverInboundEndpoint.problems({ availabilityZones: 3 })).toEqual([]);
  });

  it('is what the construct refuses, counting AZs (not subnets) and naming the endpoint', () => {
    const subnet = (availabilityZone: string, n: number) => ({
      subnetId: `subnet-${n}`,
      availabilityZone,
      cidrBlock: `10.0.${n}.0/24`,
      type: SubnetType.PRIVATE_ISOLATED,
      routeTableId: `rtb-${n}`,
    });
    expect(() =>
      synthConstructs(
        (scope) =>
          new ResolverInboundEndpoint(scope, 'resolver', {
            name: 'dev-privatelink-resolver-inbound',
            vpcId: 'vpc-1',
            subnets: [subnet('eu-west-1a', 1), subnet('eu-west-1a', 2)],
            onPremisesCidrs: [],
          }),
      ),
    ).toThrow(new Error(`dev-privatelink-resolver-inbound: ${ONE_AZ}; ${NO_NETWORKS}`));
  });
});

describe('outputs', () => {
  it.each(all)('%s: endpoint ID, DNS names, allowed principals and functions', (_name, json) => {
    expect(Object.keys(json.output!)).toEqual(
      expect.arrayContaining([
        'lambda_endpoint_id',
        'lambda_private_dns_name',
        'lambda_endpoint_regional_dns_name',
        'lambda_endpoint_dns_entries',
        'allowed_principals',
        'allowed_functions',
      ]),
    );
    expect(json.output!.lambda_private_dns_name.value).toBe('lambda.eu-west-1.amazonaws.com');
    expect(json.output!.allowed_functions.value).toEqual([
      referenceTo(json, 'aws_lambda_function', functionNamed(json, 'invoke-target'), 'arn'),
    ]);
  });

  it('hybrid: the resolver addresses to forward to', () => {
    expect(hybrid.output!.resolver_inbound_ip_addresses.value).toContain('aws_route53_resolver_endpoint');
  });
});
