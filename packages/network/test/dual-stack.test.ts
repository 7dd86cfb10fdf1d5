import { DualStack, SubnetType } from '@lambda-vpc/network';
import {
  bodiesOf,
  onlyResource,
  referenceTo,
  resourcesOf,
  synthConstructs,
  TerraformJson,
} from '../../../test-support/terraform-json';
import { ISOLATED_ONLY, PUBLIC_AND_PRIVATE, testNetwork } from '../../../test-support/test-network';

const azs = ['eu-west-1a', 'eu-west-1b'];
const tiers = [...PUBLIC_AND_PRIVATE, ...ISOLATED_ONLY];

function synthDualStack(ipv6?: DualStack): TerraformJson {
  return synthConstructs((scope) => {
    testNetwork(scope, { availabilityZones: azs, subnetTiers: tiers, ipv6 });
  });
}

const subnetsOf = (json: TerraformJson, tier: SubnetType) =>
  bodiesOf(json, 'aws_subnet').filter((subnet) => subnet.tags.Tier === tier);

describe('a network with DualStack.egressOnlyGateway()', () => {
  const json = synthDualStack(DualStack.egressOnlyGateway());
  const vpc = onlyResource(json, 'aws_vpc');
  const vpcIpv6 = referenceTo(json, 'aws_vpc', vpc, 'ipv6_cidr_block');

  it('asks for an Amazon-provided IPv6 block (a /56) on the VPC', () => {
    expect(vpc.assign_generated_ipv6_cidr_block).toBe(true);
  });

  it('gives each private subnet the /64 at its slot in the IPv4 plan, and IPv6 addresses to every new ENI', () => {
    // The public tier comes first with four reserved AZ slots, so the private tier's slots start at 4.
    expect(
      subnetsOf(json, SubnetType.PRIVATE_WITH_EGRESS).map((subnet) => [
        subnet.availability_zone,
        subnet.ipv6_cidr_block,
        subnet.assign_ipv6_address_on_creation,
      ]),
    ).toEqual([
      ['eu-west-1a', `\${cidrsubnet(${vpcIpv6.slice(2, -1)}, 8, 4)}`, true],
      ['eu-west-1b', `\${cidrsubnet(${vpcIpv6.slice(2, -1)}, 8, 5)}`, true],
    ]);
  });

  it('leaves the public and isolated tiers IPv4-only, and DNS64 and resource-name AAAA records off everywhere', () => {
    for (const subnet of [...subnetsOf(json, SubnetType.PUBLIC), ...subnetsOf(json, SubnetType.PRIVATE_ISOLATED)]) {
      expect(subnet.ipv6_cidr_block).toBeUndefined();
      expect(subnet.assign_ipv6_address_on_creation).toBeUndefined();
    }
    for (const subnet of bodiesOf(json, 'aws_subnet')) {
      expect(subnet.enable_dns64).toBeUndefined();
      expect(subnet.enable_resource_name_dns_aaaa_record_on_launch).toBeUndefined();
    }
  });

  it('creates one egress-only internet gateway in the VPC', () => {
    expect(onlyResource(json, 'aws_egress_only_internet_gateway')).toEqual({
      vpc_id: referenceTo(json, 'aws_vpc', vpc),
      tags: { Name: 'dev-test-eigw' },
    });
  });

  it('routes ::/0 to it from every private route table, and from no other', () => {
    const gateway = referenceTo(
      json,
      'aws_egress_only_internet_gateway',
      onlyResource(json, 'aws_egress_only_internet_gateway'),
    );
    const privateTables = resourcesOf(json, 'aws_route_table')
      .filter(([, table]) => table.tags.Tier === SubnetType.PRIVATE_WITH_EGRESS)
      .map(([name]) => `\${aws_route_table.${name}.id}`);
    const ipv6Routes = bodiesOf(json, 'aws_route').filter((route) => route.destination_ipv6_cidr_block === '::/0');
    expect(ipv6Routes).toEqual(
      privateTables.map((table) => ({
        route_table_id: table,
        destination_ipv6_cidr_block: '::/0',
        egress_only_gateway_id: gateway,
      })),
    );
    expect(ipv6Routes).toHaveLength(2);
  });
});

describe('a network without ipv6', () => {
  const json = synthDualStack();

  it('has no IPv6 block, no dual-stack subnet, no egress-only gateway and no ::/0 route', () => {
    expect(onlyResource(json, 'aws_vpc').assign_generated_ipv6_cidr_block).toBeUndefined();
    expect(bodiesOf(json, 'aws_subnet').filter((subnet) => subnet.ipv6_cidr_block !== undefined)).toEqual([]);
    expect(resourcesOf(json, 'aws_egress_only_internet_gateway')).toEqual([]);
    expect(bodiesOf(json, 'aws_route').filter((route) => route.destination_ipv6_cidr_block)).toEqual([]);
  });
});

describe('DualStack.subnetArguments', () => {
  it('refuses a slot beyond the /56', () => {
    expect(() => DualStack.egressOnlyGateway().subnetArguments('2001:db8::/56', 256)).toThrow(
      "subnet slot 256 is outside the /56's 256 subnets of /64",
    );
  });
});
