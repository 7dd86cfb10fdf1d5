import { ConfigError, loadEnvironments } from '@lambda-vpc/stacks';
import { bodiesOf, onlyResource, referenceTo, resourcesOf } from '../../test-support/terraform-json';
import { environmentValues, synthToTemp, variantsWith } from './fixtures';

/** The problems loadEnvironments reports, as formatted lines. */
function problemsOf(variants: Record<string, Record<string, unknown>>): string[] {
  try {
    loadEnvironments([environmentValues({ variants: variantsWith(variants) })]);
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('variants.natEgress.ipv6: IPv6 egress through an egress-only internet gateway', () => {
  const { stacks } = synthToTemp([
    environmentValues({
      name: 'sixegress',
      variants: variantsWith({ natEgress: { ipv6: { egress: 'egress-only-gateway' } } }, 70),
    }),
  ]);
  const json = stacks['sixegress-nat-egress'];

  it('gives the VPC an Amazon-provided IPv6 block and the private subnets a /64 each', () => {
    expect(onlyResource(json, 'aws_vpc').assign_generated_ipv6_cidr_block).toBe(true);
    const privateSubnets = bodiesOf(json, 'aws_subnet').filter((subnet) => subnet.tags.Tier === 'private');
    expect(privateSubnets.map((subnet) => subnet.assign_ipv6_address_on_creation)).toEqual([true, true]);
    expect(privateSubnets.map((subnet) => subnet.ipv6_cidr_block)).toEqual([
      '${cidrsubnet(aws_vpc.network_vpc.ipv6_cidr_block, 8, 4)}',
      '${cidrsubnet(aws_vpc.network_vpc.ipv6_cidr_block, 8, 5)}',
    ]);
  });

  it('routes ::/0 from each private route table to the egress-only internet gateway, with readable addresses', () => {
    const gateway = onlyResource(json, 'aws_egress_only_internet_gateway');
    expect(resourcesOf(json, 'aws_egress_only_internet_gateway').map(([name]) => name)).toEqual([
      'network_egress-only-internet-gateway',
    ]);
    const routes = resourcesOf(json, 'aws_route').filter(([, route]) => route.destination_ipv6_cidr_block === '::/0');
    expect(routes.map(([name]) => name)).toEqual([
      'network_ipv6-default-route_private_eu-west-1a',
      'network_ipv6-default-route_private_eu-west-1b',
    ]);
    for (const [, route] of routes) {
      expect(route.egress_only_gateway_id).toBe(referenceTo(json, 'aws_egress_only_internet_gateway', gateway));
    }
  });

  it('lets the demo function use IPv6, out to ::/0 on TCP 443 only, and keeps its IPv4 egress through NAT', () => {
    expect(onlyResource(json, 'aws_lambda_function').vpc_config.ipv6_allowed_for_dual_stack).toBe(true);
    const egress = bodiesOf(json, 'aws_vpc_security_group_egress_rule');
    expect(egress.filter((rule) => rule.cidr_ipv6 !== undefined).map(({ '//': _metadata, ...rule }) => rule)).toEqual([
      {
        security_group_id: '${aws_security_group.egress-probe_security-group.id}',
        description: 'HTTPS to the IPv6 internet through the egress-only internet gateway',
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_ipv6: '::/0',
      },
    ]);
    expect(egress.filter((rule) => rule.cidr_ipv4 === '0.0.0.0/0').map((rule) => rule.to_port)).toEqual([443]);
    // The private tier's IPv4 default routes still point at the NAT gateway.
    const privateIpv4Routes = bodiesOf(json, 'aws_route').filter(
      (route) => route.destination_cidr_block === '0.0.0.0/0' && String(route.route_table_id).includes('_private_'),
    );
    expect(privateIpv4Routes.map((route) => route.nat_gateway_id)).toEqual([
      '${aws_nat_gateway.nat_nat-gateway_eu-west-1a.id}',
      '${aws_nat_gateway.nat_nat-gateway_eu-west-1a.id}',
    ]);
  });

  it('writes nothing of IPv6 in the other variants of the environment', () => {
    for (const name of ['sixegress-private-only', 'sixegress-privatelink']) {
      expect(resourcesOf(stacks[name], 'aws_egress_only_internet_gateway')).toEqual([]);
      expect(onlyResource(stacks[name], 'aws_vpc').assign_generated_ipv6_cidr_block).toBeUndefined();
    }
  });
});

describe('IPv6 settings the blueprints refuse, one line each', () => {
  it.each([
    ['privateOnly', '10.50.0.0/16'],
    ['privatelink', '10.52.0.0/16'],
  ])('refuses ipv6 under %s: no internet by design', (variant, cidr) => {
    expect(problemsOf({ [variant]: { cidr, ipv6: { egress: 'egress-only-gateway' } } })).toEqual([
      `environment "test", field variants.${variant}.ipv6 = {"egress":"egress-only-gateway"}: IPv6 egress needs a ` +
        'route to the internet (an egress-only internet gateway), and this variant has none by design (its intent is ' +
        'no route to the internet); IPv6 egress belongs under variants.natEgress',
    ]);
  });

  it('refuses an IPv6 egress the nat-egress variant cannot take (NAT64 through the NAT gateway)', () => {
    expect(problemsOf({ natEgress: { ipv6: { egress: 'nat64' } } })).toEqual([
      'environment "test", field variants.natEgress.ipv6.egress = "nat64": unknown IPv6 egress; allowed: ' +
        'egress-only-gateway (IPv6 leaves with no NAT; IPv4 still takes NAT)',
    ]);
  });

  it('refuses an unknown field under ipv6', () => {
    expect(problemsOf({ natEgress: { ipv6: { egress: 'egress-only-gateway', dns64: true } } })).toEqual([
      'environment "test", field variants.natEgress.ipv6.dns64 = true: unknown field; allowed here: egress',
    ]);
  });
});
