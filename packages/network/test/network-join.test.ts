// One side of a join between two VPCs: the join resource this side owns and a route to the other VPC's CIDR in each
// route table of the chosen tiers, through it.
import { NetworkJoin, NetworkRoutesToPeer, SubnetType } from '@lambda-vpc/network';
import { bodiesOf, onlyResource, resourcesOf, synthConstructs } from '../../../test-support/terraform-json';
import { ISOLATED_ONLY, testNetwork } from '../../../test-support/test-network';

const PEER = '10.20.0.0/16';

/** The routes to the peer of a network of isolated subnets joined by `join`, and the JSON. */
function joined(join: NetworkJoin, peerCidr = PEER) {
  return synthConstructs((scope) => {
    new NetworkRoutesToPeer(scope, 'peer', {
      network: testNetwork(scope, { subnetTiers: ISOLATED_ONLY }),
      join,
      peerCidr,
    });
  });
}

describe('NetworkJoin.peering: a peering this side requests', () => {
  it('in one account and region, is accepted at once and routed through', () => {
    const json = joined(NetworkJoin.peering({ peerVpcId: 'vpc-peer' }));
    const peering = onlyResource(json, 'aws_vpc_peering_connection');
    expect(peering).toMatchObject({ peer_vpc_id: 'vpc-peer', auto_accept: true, tags: { Name: 'dev-test-peering' } });
    expect(peering.peer_owner_id).toBeUndefined();
    const [[peeringName]] = resourcesOf(json, 'aws_vpc_peering_connection');
    expect(
      bodiesOf(json, 'aws_route').map((route) => [
        route.destination_cidr_block,
        route.vpc_peering_connection_id,
        route.depends_on,
      ]),
    ).toEqual([
      [PEER, `\${aws_vpc_peering_connection.${peeringName}.id}`, [`aws_vpc_peering_connection.${peeringName}`]],
      [PEER, `\${aws_vpc_peering_connection.${peeringName}.id}`, [`aws_vpc_peering_connection.${peeringName}`]],
    ]);
  });

  it.each([
    [{ peerAccountId: '210987654321' }, { peer_owner_id: '210987654321' }],
    [{ peerRegion: 'eu-central-1' }, { peer_region: 'eu-central-1' }],
  ])('to another account or region (%j), waits for the owner to accept', (props, expected) => {
    const json = joined(NetworkJoin.peering({ peerVpcId: 'vpc-peer', ...props }));
    expect(onlyResource(json, 'aws_vpc_peering_connection')).toMatchObject({ ...expected, auto_accept: false });
  });
});

describe('NetworkJoin.peeringAccepter and existingPeering: the other side of a peering', () => {
  it('accepts a peering another account requested, and routes through the accepter', () => {
    const json = joined(NetworkJoin.peeringAccepter({ peeringConnectionId: 'pcx-123' }));
    expect(onlyResource(json, 'aws_vpc_peering_connection_accepter')).toMatchObject({
      vpc_peering_connection_id: 'pcx-123',
      auto_accept: true,
    });
    const [[accepter]] = resourcesOf(json, 'aws_vpc_peering_connection_accepter');
    expect(bodiesOf(json, 'aws_route')[0].vpc_peering_connection_id).toBe(
      `\${aws_vpc_peering_connection_accepter.${accepter}.id}`,
    );
  });

  it('routes through a peering already active, creating nothing else', () => {
    const json = joined(NetworkJoin.existingPeering({ peeringConnectionId: 'pcx-123' }));
    expect(bodiesOf(json, 'aws_vpc_peering_connection_accepter')).toEqual([]);
    expect(bodiesOf(json, 'aws_route').map((route) => [route.vpc_peering_connection_id, route.depends_on])).toEqual([
      ['pcx-123', undefined],
      ['pcx-123', undefined],
    ]);
  });
});

describe('NetworkJoin.transitGateway', () => {
  it("attaches the routed tier's subnets, one per AZ, and routes the peer's CIDR to the Transit Gateway", () => {
    const json = joined(NetworkJoin.transitGateway({ transitGatewayId: 'tgw-123' }));
    const attachment = onlyResource(json, 'aws_ec2_transit_gateway_vpc_attachment');
    expect(attachment).toMatchObject({
      transit_gateway_id: 'tgw-123',
      subnet_ids: resourcesOf(json, 'aws_subnet').map(([name]) => `\${aws_subnet.${name}.id}`),
      dns_support: 'enable',
    });
    const [[name]] = resourcesOf(json, 'aws_ec2_transit_gateway_vpc_attachment');
    expect(
      bodiesOf(json, 'aws_route').map((route) => [route.route_table_id, route.transit_gateway_id, route.depends_on]),
    ).toEqual(
      resourcesOf(json, 'aws_route_table').map(([table]) => [
        `\${aws_route_table.${table}.id}`,
        'tgw-123',
        [`aws_ec2_transit_gateway_vpc_attachment.${name}`],
      ]),
    );
  });
});

describe('bad input: one line naming the network, the field, the value and what is allowed', () => {
  const join = NetworkJoin.existingPeering({ peeringConnectionId: 'pcx-123' });

  it.each([
    [
      '10.10.128.0/17',
      'dev-test: peerCidr = "10.10.128.0/17" overlaps the network\'s own 10.10.0.0/16; allowed: a block outside it ' +
        '(joined VPCs must not overlap)',
    ],
    [
      '10.20.0.0/33',
      'dev-test: peerCidr = "10.20.0.0/33": "10.20.0.0/33" is not an IPv4 CIDR block: octets are 0-255 and the ' +
        'prefix length 0-32',
    ],
  ])('peerCidr %s', (peerCidr, message) => {
    expect(() => joined(join, peerCidr)).toThrow(message);
  });

  it('a tier the network does not have', () => {
    expect(() =>
      synthConstructs((scope) => {
        new NetworkRoutesToPeer(scope, 'peer', {
          network: testNetwork(scope, { subnetTiers: ISOLATED_ONLY }),
          join,
          peerCidr: PEER,
          subnetTypes: [SubnetType.PRIVATE_WITH_EGRESS],
        });
      }),
    ).toThrow(
      'dev-test: routes to peer 10.20.0.0/16: the network has no private subnets; allowed: subnetTypes the network ' +
        'has (isolated)',
    );
  });
});
