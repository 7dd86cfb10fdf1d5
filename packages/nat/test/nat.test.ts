import { Nat, NatStrategy } from '@lambda-vpc/nat';
import { Network, SubnetType } from '@lambda-vpc/network';
import { bodiesOf, synthConstructs } from '../../../test-support/terraform-json';
import {
  AZS,
  buildNetwork,
  defaultRoutesOf,
  FixtureOptions,
  PUBLIC_AND_PRIVATE,
  subnetIn,
  synthNat,
} from './network-fixture';

const strategies: [string, () => NatStrategy][] = [
  ['gateway-per-az', () => NatStrategy.gatewayPerAz()],
  ['single-gateway', () => NatStrategy.singleGateway()],
  ['instance', () => NatStrategy.instance()],
  ['self-healing-instance', () => NatStrategy.selfHealingInstance()],
];

/** A fixture network, built in a synthesizable stack, for calls that need a `Network` but no `Nat`. */
function networkOf(options: FixtureOptions = {}): Network {
  let network: Network | undefined;
  synthConstructs((scope) => {
    network = buildNetwork(scope, options);
  });
  return network!;
}

describe('Nat guards', () => {
  it.each(strategies)(
    'refuses a network without a public tier (%s), naming the network and the strategy',
    (kind, strategy) => {
      expect(() =>
        synthConstructs((scope) => {
          const network = buildNetwork(scope, {
            subnetTiers: [{ type: SubnetType.PRIVATE_WITH_EGRESS, prefixLength: 20 }],
          });
          new Nat(scope, 'nat', { network, strategy: strategy() });
        }),
      ).toThrow(`dev-nat: NAT strategy "${kind}" needs a public subnet tier, and the network has none`);
    },
  );

  it.each(strategies)(
    'refuses a network without a private-with-egress tier (%s), naming the network and the strategy',
    (kind, strategy) => {
      expect(() =>
        synthConstructs((scope) => {
          const network = buildNetwork(scope, {
            subnetTiers: [
              { type: SubnetType.PUBLIC, prefixLength: 26 },
              { type: SubnetType.PRIVATE_ISOLATED, prefixLength: 22 },
            ],
          });
          new Nat(scope, 'nat', { network, strategy: strategy() });
        }),
      ).toThrow(`dev-nat: NAT strategy "${kind}" has nothing to serve: the network has no private-with-egress tier`);
    },
  );
});

describe('Nat routing', () => {
  it.each(strategies)(
    'gives only the private-with-egress tier a NAT route, never the isolated tier (%s)',
    (_kind, strategy) => {
      const json = synthNat(strategy(), {
        subnetTiers: [...PUBLIC_AND_PRIVATE, { type: SubnetType.PRIVATE_ISOLATED, prefixLength: 22 }],
      });
      for (const az of AZS) {
        expect(defaultRoutesOf(json, subnetIn(json, 'private', az))).toHaveLength(1);
        expect(defaultRoutesOf(json, subnetIn(json, 'isolated', az))).toHaveLength(0);
      }
      // One default route per public subnet (internet gateway) and per private subnet (NAT), nothing else.
      expect(bodiesOf(json, 'aws_route').filter((route) => route.destination_cidr_block === '0.0.0.0/0')).toHaveLength(
        2 * AZS.length,
      );
    },
  );

  it('exposes one target per NAT and the private default routes in AZ order', () => {
    let nat: Nat | undefined;
    synthConstructs((scope) => {
      nat = new Nat(scope, 'nat', { network: buildNetwork(scope), strategy: NatStrategy.gatewayPerAz() });
    });
    expect(nat!.targets.map((target) => target.availabilityZone)).toEqual(AZS);
    expect(nat!.targets.every((target) => 'natGatewayId' in target.route)).toBe(true);
    expect(nat!.defaultRoutes).toHaveLength(AZS.length);
  });
});

describe('NatStrategy.natCount', () => {
  it('counts one NAT per AZ for gatewayPerAz and selfHealingInstance, one NAT for the others', () => {
    const threeAzs = networkOf();
    expect(NatStrategy.gatewayPerAz().natCount(threeAzs)).toBe(3);
    expect(NatStrategy.singleGateway().natCount(threeAzs)).toBe(1);
    expect(NatStrategy.instance().natCount(threeAzs)).toBe(1);
    expect(NatStrategy.selfHealingInstance().natCount(threeAzs)).toBe(3);
    expect(NatStrategy.gatewayPerAz().natCount(networkOf({ availabilityZones: ['eu-west-1a', 'eu-west-1b'] }))).toBe(2);
  });

  it.each(strategies)('matches the NATs %s actually creates', (_kind, strategy) => {
    const json = synthNat(strategy());
    const created = ['aws_nat_gateway', 'aws_instance', 'aws_autoscaling_group']
      .map((type) => bodiesOf(json, type).length)
      .reduce((sum, count) => sum + count);
    expect(created).toBe(strategy().natCount(networkOf()));
  });

  it('names each strategy as environment config spells it', () => {
    expect(strategies.map(([, strategy]) => strategy().kind)).toEqual([
      'gateway-per-az',
      'single-gateway',
      'instance',
      'self-healing-instance',
    ]);
  });
});
