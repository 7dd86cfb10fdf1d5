import { NatStrategy } from '@lambda-vpc/nat';
import { bodiesOf, onlyResource, referenceTo } from '../../../test-support/terraform-json';
import { AZS, defaultRoutesOf, dependencyOn, gatewayIn, subnetIn, subnetsOf, synthNat } from './network-fixture';

describe('NatStrategy.gatewayPerAz', () => {
  const json = synthNat(NatStrategy.gatewayPerAz());

  it('puts one NAT gateway in the public subnet of every AZ', () => {
    expect(bodiesOf(json, 'aws_nat_gateway')).toHaveLength(AZS.length);
    for (const az of AZS) {
      const gateway = gatewayIn(json, subnetIn(json, 'public', az));
      expect(gateway.connectivity_type).toBe('public');
      expect(gateway.tags).toEqual({ Name: `dev-nat-nat-${az}` });
    }
  });

  it('gives every gateway a new EIP of its own, in the VPC domain', () => {
    const eips = bodiesOf(json, 'aws_eip');
    expect(eips).toHaveLength(AZS.length);
    const allocations = AZS.map((az) => gatewayIn(json, subnetIn(json, 'public', az)).allocation_id);
    expect(new Set(allocations).size).toBe(AZS.length);
    expect(allocations.sort()).toEqual(eips.map((eip) => referenceTo(json, 'aws_eip', eip, 'allocation_id')).sort());
    for (const eip of eips) expect(eip.domain).toBe('vpc');
  });

  it('creates every gateway after the internet gateway', () => {
    for (const gateway of bodiesOf(json, 'aws_nat_gateway')) {
      expect(gateway.depends_on).toContain(dependencyOn(json, 'aws_internet_gateway'));
    }
  });

  it('routes each private subnet to the NAT gateway in its own AZ, through exactly one default route', () => {
    expect(subnetsOf(json, 'private')).toHaveLength(AZS.length);
    for (const az of AZS) {
      const routes = defaultRoutesOf(json, subnetIn(json, 'private', az));
      expect(routes).toHaveLength(1);
      const sameAzGateway = gatewayIn(json, subnetIn(json, 'public', az));
      expect(routes[0].nat_gateway_id).toBe(referenceTo(json, 'aws_nat_gateway', sameAzGateway));
      expect(routes[0].network_interface_id).toBeUndefined();
      expect(routes[0].gateway_id).toBeUndefined();
    }
  });

  it('leaves the public subnets routed to the internet gateway only', () => {
    const igw = referenceTo(json, 'aws_internet_gateway', onlyResource(json, 'aws_internet_gateway'));
    for (const az of AZS) {
      const routes = defaultRoutesOf(json, subnetIn(json, 'public', az));
      expect(routes).toHaveLength(1);
      expect(routes[0].gateway_id).toBe(igw);
      expect(routes[0].nat_gateway_id).toBeUndefined();
    }
  });

  it('ignores availabilityZone: still one gateway per AZ', () => {
    const withAz = synthNat(NatStrategy.gatewayPerAz({ availabilityZone: 'eu-west-1b' }));
    expect(bodiesOf(withAz, 'aws_nat_gateway')).toHaveLength(AZS.length);
  });
});

describe('NatStrategy.singleGateway', () => {
  it('puts exactly one NAT gateway in the first AZ by default, and routes every private subnet to it', () => {
    const json = synthNat(NatStrategy.singleGateway());
    const gateway = onlyResource(json, 'aws_nat_gateway');
    expect(gateway.subnet_id).toBe(referenceTo(json, 'aws_subnet', subnetIn(json, 'public', 'eu-west-1a')));
    expect(gateway.connectivity_type).toBe('public');
    expect(gateway.allocation_id).toBe(referenceTo(json, 'aws_eip', onlyResource(json, 'aws_eip'), 'allocation_id'));
    expect(gateway.depends_on).toContain(dependencyOn(json, 'aws_internet_gateway'));
    for (const az of AZS) {
      const routes = defaultRoutesOf(json, subnetIn(json, 'private', az));
      expect(routes).toHaveLength(1);
      expect(routes[0].nat_gateway_id).toBe(referenceTo(json, 'aws_nat_gateway', gateway));
    }
  });

  it('puts the gateway in the AZ given in availabilityZone', () => {
    const json = synthNat(NatStrategy.singleGateway({ availabilityZone: 'eu-west-1c' }));
    const gateway = onlyResource(json, 'aws_nat_gateway');
    expect(gateway.subnet_id).toBe(referenceTo(json, 'aws_subnet', subnetIn(json, 'public', 'eu-west-1c')));
    for (const az of AZS) {
      expect(defaultRoutesOf(json, subnetIn(json, 'private', az)).map((r) => r.nat_gateway_id)).toEqual([
        referenceTo(json, 'aws_nat_gateway', gateway),
      ]);
    }
  });

  it('refuses an AZ the network does not span, naming it and the choices', () => {
    expect(() => synthNat(NatStrategy.singleGateway({ availabilityZone: 'eu-west-1z' }))).toThrow(
      'dev-nat: the single NAT gateway\'s AZ "eu-west-1z" has no public subnet; choose one of eu-west-1a, ' +
        'eu-west-1b, eu-west-1c',
    );
  });
});

describe('NAT gateways with brought EIP allocation IDs', () => {
  const ids = ['eipalloc-0a1b2c3d4e5f60718', 'eipalloc-1a2b3c4d', 'eipalloc-0123456789abcdef0'];

  it('allocates no EIP and gives the gateways the IDs in AZ order', () => {
    const json = synthNat(NatStrategy.gatewayPerAz({ eipAllocationIds: ids }));
    expect(bodiesOf(json, 'aws_eip')).toHaveLength(0);
    AZS.forEach((az, index) => {
      expect(gatewayIn(json, subnetIn(json, 'public', az)).allocation_id).toBe(ids[index]);
    });
  });

  it('uses a single brought ID for the single gateway', () => {
    const json = synthNat(NatStrategy.singleGateway({ eipAllocationIds: ['eipalloc-1a2b3c4d'] }));
    expect(bodiesOf(json, 'aws_eip')).toHaveLength(0);
    expect(onlyResource(json, 'aws_nat_gateway').allocation_id).toBe('eipalloc-1a2b3c4d');
  });

  it('refuses a count that does not match the number of NATs, through eipAllocationProblems', () => {
    const ids2 = JSON.stringify(ids.slice(0, 2));
    expect(() => synthNat(NatStrategy.gatewayPerAz({ eipAllocationIds: ids.slice(0, 2) }))).toThrow(
      new Error(
        `dev-nat: eipAllocationIds = ${ids2}: 2 EIP allocation ID(s) provided, 3 NAT(s) of strategy gateway-per-az ` +
          'need them; allowed: exactly 3, or none to allocate new EIPs',
      ),
    );
    expect(() => synthNat(NatStrategy.singleGateway({ eipAllocationIds: ids.slice(0, 2) }))).toThrow(
      '2 EIP allocation ID(s) provided, 1 NAT(s) of strategy single-gateway need them; allowed: exactly 1',
    );
  });

  it('refuses a malformed ID, naming its position and value', () => {
    expect(() => synthNat(NatStrategy.gatewayPerAz({ eipAllocationIds: [ids[0], 'eip-1a2b3c4d', ids[2]] }))).toThrow(
      new Error(
        'dev-nat: eipAllocationIds.1 = "eip-1a2b3c4d": is not an EIP allocation ID; ' +
          'allowed: eipalloc- followed by 8 or 17 hex digits',
      ),
    );
  });
});
