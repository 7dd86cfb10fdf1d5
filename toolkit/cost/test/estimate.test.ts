import {
  CostReport,
  costItem,
  COST_ITEM_IDS,
  DEFAULT_ASSUMPTIONS,
  estimateMonthlyCost,
  PRICES_AS_OF,
  roundCents,
  stackRegion,
} from '@lambda-vpc/cost';
import {
  add,
  addNatGatewayWithEip,
  addNatInstance,
  addSelfHealingNat,
  Body,
  emptyStack,
  Fixture,
  ref,
  subnets,
} from './fixtures';

// Every expected figure below is written by hand from the list prices in src/price-table.ts:
// eu-west-1: NAT gateway 0.048/h and 0.048/GB, interface endpoint 0.011/AZ-h and 0.01/GB, t4g.nano 0.0046/h,
//   t4g.micro 0.0092/h, gp3 0.088/GB-month, flow-log ingestion 0.57/GB;
// eu-central-1: NAT gateway 0.052/h, interface endpoint 0.012/AZ-h, t4g.nano 0.0048/h;
// us-east-1, us-east-2, us-west-2: NAT gateway 0.045/h and /GB, t4g.micro 0.0084/h, gp3 0.08/GB-month, flow logs
// 0.50/GB; everywhere: public IPv4 0.005/h, Resolver endpoint 0.125/ENI-h, KMS key 1.00/month, gateway endpoints 0,
// Lambda provisioned concurrency 0.0000033334/GB-s on arm64 and 0.0000041667/GB-s on x86_64.

/** The item with an id; fails when the report has none. */
function itemOf(report: CostReport, id: string) {
  const item = costItem(report, id);
  if (!item) throw new Error(`no item ${id} in ${report.items.map((i) => i.id).join(', ')}`);
  return item;
}

const estimate = (json: Fixture, region = stackRegion(json), assumptions?: Parameters<typeof estimateMonthlyCost>[3]) =>
  estimateMonthlyCost('test-stack', json, region, assumptions);

describe('NAT gateways', () => {
  const json = emptyStack('eu-west-1');
  ['a', 'b', 'c'].forEach((suffix) => addNatGatewayWithEip(json, suffix));
  const report = estimate(json);

  it('bills every gateway for every hour of the month', () => {
    const hours = itemOf(report, COST_ITEM_IDS.natGatewayHours);
    expect(hours).toMatchObject({ kind: 'fixed', count: 3, quantity: 3 * 730, unit: 'gateway-hour', unitPrice: 0.048 });
    expect(hours.monthlyUsd).toBe(roundCents(3 * 0.048 * 730)); // 105.12
    expect(hours.resources).toEqual(['aws_nat_gateway.nat_a', 'aws_nat_gateway.nat_b', 'aws_nat_gateway.nat_c']);
  });

  it('bills the NAT traffic assumption at the per-GB processing price, however many gateways share it', () => {
    const data = itemOf(report, COST_ITEM_IDS.natGatewayData);
    expect(data).toMatchObject({ kind: 'variable', count: 3, quantity: 50, unit: 'GB', unitPrice: 0.048 });
    expect(data.monthlyUsd).toBe(roundCents(50 * 0.048)); // 2.40
  });

  it("counts each gateway's EIP once as a public IPv4 address, held by the EIP and the gateway", () => {
    const ipv4 = itemOf(report, COST_ITEM_IDS.publicIpv4Hours);
    expect(ipv4).toMatchObject({ kind: 'fixed', count: 3, quantity: 3 * 730, unit: 'address-hour', unitPrice: 0.005 });
    expect(ipv4.monthlyUsd).toBe(roundCents(3 * 0.005 * 730)); // 10.95
    expect(ipv4.resources).toEqual([
      'aws_eip.eip_a',
      'aws_eip.eip_b',
      'aws_eip.eip_c',
      'aws_nat_gateway.nat_a',
      'aws_nat_gateway.nat_b',
      'aws_nat_gateway.nat_c',
    ]);
  });

  it('totals to the hand-computed sum, rounded to cents', () => {
    expect(report.fixedMonthlyUsd).toBe(116.07); // 3 * 0.048 * 730 + 3 * 0.005 * 730 = 105.12 + 10.95
    expect(report.variableMonthlyUsd).toBe(2.4); // 50 * 0.048
    expect(report.totalMonthlyUsd).toBe(118.47);
    expect(report.totalMonthlyUsd).toBe(roundCents(3 * 0.048 * 730 + 3 * 0.005 * 730 + 50 * 0.048));
  });

  it("uses the region's prices: one gateway in eu-central-1", () => {
    const frankfurt = estimate(addNatGatewayWithEip(emptyStack('eu-central-1'), 'a'));
    expect(itemOf(frankfurt, COST_ITEM_IDS.natGatewayHours).monthlyUsd).toBe(roundCents(0.052 * 730)); // 37.96
    expect(itemOf(frankfurt, COST_ITEM_IDS.natGatewayData).monthlyUsd).toBe(roundCents(50 * 0.052)); // 2.60
    expect(frankfurt.totalMonthlyUsd).toBe(44.21); // 37.96 + 3.65 + 2.60
  });

  it('gives a private NAT gateway no public IPv4 address', () => {
    const json = add(emptyStack('us-east-1'), 'aws_nat_gateway', 'nat_private', {
      connectivity_type: 'private',
      subnet_id: ref('aws_subnet', 'a'),
    });
    const report = estimate(json);
    expect(itemOf(report, COST_ITEM_IDS.natGatewayHours).monthlyUsd).toBe(roundCents(0.045 * 730)); // 32.85
    expect(costItem(report, COST_ITEM_IDS.publicIpv4Hours)).toBeUndefined();
    expect(report.totalMonthlyUsd).toBe(35.1); // 32.85 + 50 * 0.045
  });
});

describe('self-healing NAT instance: an auto scaling group of one and a static interface per AZ', () => {
  const twoAzs = () => addSelfHealingNat(addSelfHealingNat(emptyStack('eu-west-1'), 'a'), 'b');

  it("bills each group's instance hours as NAT instance hours, and each instance's 8 GiB gp3 root", () => {
    const report = estimate(twoAzs());
    const hours = itemOf(report, `${COST_ITEM_IDS.natInstanceHours}:t4g.nano`);
    expect(hours).toMatchObject({
      item: 'NAT instance hours (t4g.nano)',
      count: 2,
      quantity: 2 * 730,
      unitPrice: 0.0046,
      resources: ['aws_autoscaling_group.nat_a', 'aws_autoscaling_group.nat_b'],
    });
    expect(itemOf(report, COST_ITEM_IDS.ebsGp3Storage)).toMatchObject({ count: 2, quantity: 16, unitPrice: 0.088 });
  });

  it("bills two public IPv4 addresses per AZ: the interface's EIP and the instance's own, assigned at launch", () => {
    const ipv4 = itemOf(estimate(twoAzs()), COST_ITEM_IDS.publicIpv4Hours);
    expect(ipv4).toMatchObject({ count: 4, quantity: 4 * 730, unitPrice: 0.005 });
    expect(ipv4.resources).toEqual([
      'aws_autoscaling_group.nat_a',
      'aws_autoscaling_group.nat_b',
      'aws_eip.nat_eip_a',
      'aws_eip.nat_eip_b',
      'aws_eip_association.nat_eip-association_a',
      'aws_eip_association.nat_eip-association_b',
    ]);
  });

  it('totals 6.72 + 1.41 + 14.60 = 22.73 a month in eu-west-1 (each item in cents), with no per-GB processing', () => {
    const report = estimate(twoAzs());
    expect(costItem(report, COST_ITEM_IDS.natGatewayData)).toBeUndefined();
    // 2 x 0.0046 x 730 = 6.716 instance hours, 2 x 8 x 0.088 = 1.408 of gp3, 4 addresses x 0.005 x 730 = 14.60.
    expect(report.totalMonthlyUsd).toBe(22.73);
  });

  it("takes a NAT group's instances into the NAT traffic split beside a NAT gateway", () => {
    const report = estimate(addNatGatewayWithEip(addSelfHealingNat(emptyStack('eu-west-1'), 'a'), 'b'));
    expect(itemOf(report, COST_ITEM_IDS.natGatewayData).quantity).toBe(DEFAULT_ASSUMPTIONS.natGbPerMonth / 2);
  });

  it('counts a group whose instances attach no NAT interface as EC2 instance hours', () => {
    const json = addSelfHealingNat(emptyStack('eu-west-1'), 'a');
    json.resource.aws_network_interface.nat_a.source_dest_check = true;
    expect(itemOf(estimate(json), `${COST_ITEM_IDS.ec2InstanceHours}:t4g.nano`).count).toBe(1);
  });

  it('refuses a group whose capacity is not literal, naming it', () => {
    const json = addSelfHealingNat(emptyStack('eu-west-1'), 'a');
    json.resource.aws_autoscaling_group.nat_a.desired_capacity = '${var.capacity}';
    delete json.resource.aws_autoscaling_group.nat_a.min_size;
    expect(() => estimate(json)).toThrow(
      "aws_autoscaling_group.nat_a: desired_capacity (or min_size) and its template's instance_type must be literal",
    );
  });
});

describe('NAT instance', () => {
  it(
    "bills the instance type's hours, its 8 GiB gp3 root volume and its EIP, and no per-GB processing (the dev " +
      'stack in eu-west-1)',
    () => {
      const report = estimate(addNatInstance(emptyStack('eu-west-1'), 't4g.nano'));
      const hours = itemOf(report, `${COST_ITEM_IDS.natInstanceHours}:t4g.nano`);
      expect(hours).toMatchObject({
        item: 'NAT instance hours (t4g.nano)',
        kind: 'fixed',
        count: 1,
        quantity: 730,
        unit: 'instance-hour',
        unitPrice: 0.0046,
      });
      expect(hours.monthlyUsd).toBe(roundCents(0.0046 * 730)); // 3.358
      const volume = itemOf(report, COST_ITEM_IDS.ebsGp3Storage);
      expect(volume).toMatchObject({
        count: 1,
        quantity: 8,
        unit: 'GB-month',
        unitPrice: 0.088,
        resources: ['aws_instance.nat_instance'],
      });
      expect(volume.monthlyUsd).toBe(roundCents(8 * 0.088)); // 0.704
      const ipv4 = itemOf(report, COST_ITEM_IDS.publicIpv4Hours);
      expect(ipv4).toMatchObject({
        count: 1,
        quantity: 730,
        resources: ['aws_eip.nat_eip', 'aws_eip_association.nat_eip-association'],
      });
      expect(ipv4.monthlyUsd).toBe(roundCents(0.005 * 730)); // 3.65
      expect(costItem(report, COST_ITEM_IDS.natGatewayData)).toBeUndefined();
      expect(report.fixedMonthlyUsd).toBe(7.71); // 3.358 + 0.704 + 3.65 = 7.712
      expect(report.variableMonthlyUsd).toBe(0);
      expect(report.totalMonthlyUsd).toBe(roundCents(0.0046 * 730 + 8 * 0.088 + 0.005 * 730));
    },
  );

  it('takes the instance type and root volume size from the JSON: t4g.micro with 16 GiB in us-east-1', () => {
    const report = estimate(
      addNatInstance(emptyStack('us-east-1'), 't4g.micro', { volume_type: 'gp3', volume_size: 16 }),
    );
    // 6.132
    expect(itemOf(report, `${COST_ITEM_IDS.natInstanceHours}:t4g.micro`).monthlyUsd).toBe(roundCents(0.0084 * 730));
    expect(itemOf(report, COST_ITEM_IDS.ebsGp3Storage).monthlyUsd).toBe(roundCents(16 * 0.08)); // 1.28
    expect(report.totalMonthlyUsd).toBe(11.06); // 6.132 + 1.28 + 3.65 = 11.062
  });

  it('counts extra EBS volumes as gp3 storage too', () => {
    const json = addNatInstance(emptyStack('eu-west-1'));
    json.resource.aws_instance.nat_instance.ebs_block_device = [
      { device_name: '/dev/sdf', volume_type: 'gp3', volume_size: 20 },
    ];
    const volume = itemOf(estimate(json), COST_ITEM_IDS.ebsGp3Storage);
    expect(volume).toMatchObject({ count: 2, quantity: 28 });
    expect(volume.monthlyUsd).toBe(roundCents(28 * 0.088)); // 2.464
  });

  it("splits the NAT traffic evenly over every NAT; only the gateway's share is charged", () => {
    const json = addNatInstance(addNatGatewayWithEip(emptyStack('eu-west-1'), 'a'));
    const data = itemOf(estimate(json), COST_ITEM_IDS.natGatewayData);
    expect(data.quantity).toBe(25);
    expect(data.monthlyUsd).toBe(roundCents(25 * 0.048)); // 1.20
  });

  it('bills an instance that keeps source/destination checks as a plain EC2 instance', () => {
    const json = add(emptyStack('eu-west-1'), 'aws_instance', 'bastion', { instance_type: 't4g.micro' });
    const report = estimate(json);
    expect(itemOf(report, `${COST_ITEM_IDS.ec2InstanceHours}:t4g.micro`)).toMatchObject({
      item: 'EC2 instance hours (t4g.micro)',
      count: 1,
    });
    expect(report.totalMonthlyUsd).toBe(7.42); // 0.0092 * 730 + 8 * 0.088 = 6.716 + 0.704
  });
});

describe('public IPv4 addresses', () => {
  it('counts an EIP once even when a NAT gateway and an association both name it', () => {
    const json = addNatGatewayWithEip(emptyStack('eu-west-1'), 'a');
    add(json, 'aws_eip_association', 'assoc', {
      allocation_id: ref('aws_eip', 'eip_a', 'allocation_id'),
      network_interface_id: 'eni-0123456789abcdef0',
    });
    expect(itemOf(estimate(json), COST_ITEM_IDS.publicIpv4Hours)).toMatchObject({ count: 1, quantity: 730 });
  });

  it('counts an existing EIP (allocation ID) a NAT gateway brings, once per allocation ID', () => {
    const json = emptyStack('eu-west-1');
    add(json, 'aws_nat_gateway', 'nat_a', { allocation_id: 'eipalloc-0123456789abcdef0', connectivity_type: 'public' });
    add(json, 'aws_eip_association', 'again', {
      allocation_id: 'eipalloc-0123456789abcdef0',
      instance_id: 'i-0123456789abcdef0',
    });
    add(json, 'aws_nat_gateway', 'nat_b', {
      allocation_id: 'eipalloc-89abcdef',
      secondary_allocation_ids: ['eipalloc-01234567'],
    });
    const ipv4 = itemOf(estimate(json), COST_ITEM_IDS.publicIpv4Hours);
    expect(ipv4).toMatchObject({ count: 3, quantity: 3 * 730 });
    expect(ipv4.monthlyUsd).toBe(roundCents(3 * 0.005 * 730)); // 10.95
  });

  it("counts an instance's auto-assigned public IP, unless an EIP replaces it", () => {
    const json = add(emptyStack('eu-west-1'), 'aws_instance', 'public', {
      instance_type: 't4g.nano',
      associate_public_ip_address: true,
    });
    expect(itemOf(estimate(json), COST_ITEM_IDS.publicIpv4Hours)).toMatchObject({
      count: 1,
      resources: ['aws_instance.public'],
    });
    add(json, 'aws_eip', 'public_eip', { domain: 'vpc', instance: ref('aws_instance', 'public') });
    expect(itemOf(estimate(json), COST_ITEM_IDS.publicIpv4Hours)).toMatchObject({
      count: 1,
      resources: ['aws_eip.public_eip'],
    });
  });
});

describe('VPC endpoints', () => {
  it(
    'bills an interface endpoint one AZ-hour per subnet, and the endpoint traffic assumption per GB ' +
      '(eu-central-1)',
    () => {
      const json = emptyStack('eu-central-1');
      add(json, 'aws_vpc_endpoint', 'sts', {
        vpc_endpoint_type: 'Interface',
        service_name: 'com.amazonaws.eu-central-1.sts',
        subnet_ids: subnets(3),
      });
      add(json, 'aws_vpc_endpoint', 'lambda', {
        vpc_endpoint_type: 'Interface',
        service_name: 'com.amazonaws.eu-central-1.lambda',
        subnet_ids: subnets(2),
      });
      const report = estimate(json);
      const hours = itemOf(report, COST_ITEM_IDS.interfaceEndpointHours);
      expect(hours).toMatchObject({ kind: 'fixed', count: 5, quantity: 5 * 730, unit: 'AZ-hour', unitPrice: 0.012 });
      expect(hours.monthlyUsd).toBe(roundCents(5 * 0.012 * 730)); // 43.80
      const data = itemOf(report, COST_ITEM_IDS.interfaceEndpointData);
      expect(data).toMatchObject({ kind: 'variable', count: 2, quantity: 10, unit: 'GB', unitPrice: 0.01 });
      expect(data.monthlyUsd).toBe(roundCents(10 * 0.01)); // 0.10
      expect(report.totalMonthlyUsd).toBe(43.9);
    },
  );

  it('bills gateway endpoints nothing, whether the type is written or left to its default', () => {
    const json = emptyStack('eu-west-1');
    add(json, 'aws_vpc_endpoint', 's3', {
      vpc_endpoint_type: 'Gateway',
      service_name: 'com.amazonaws.eu-west-1.s3',
      route_table_ids: [ref('aws_route_table', 'a')],
    });
    add(json, 'aws_vpc_endpoint', 'dynamodb', {
      service_name: 'com.amazonaws.eu-west-1.dynamodb',
      route_table_ids: [ref('aws_route_table', 'a')],
    });
    const report = estimate(json);
    expect(itemOf(report, COST_ITEM_IDS.gatewayEndpoints)).toMatchObject({
      count: 2,
      quantity: 2,
      unitPrice: 0,
      monthlyUsd: 0,
      resources: ['aws_vpc_endpoint.dynamodb', 'aws_vpc_endpoint.s3'],
    });
    expect(costItem(report, COST_ITEM_IDS.interfaceEndpointHours)).toBeUndefined();
    expect(costItem(report, COST_ITEM_IDS.interfaceEndpointData)).toBeUndefined();
    expect(report.totalMonthlyUsd).toBe(0);
  });

  it('bills an egress-only internet gateway nothing: a zero line, so the report shows it costs no hours', () => {
    const json = emptyStack('eu-west-1');
    add(json, 'aws_egress_only_internet_gateway', 'network_egress-only-internet-gateway', {
      vpc_id: ref('aws_vpc', 'network_vpc'),
    });
    const report = estimate(json);
    expect(itemOf(report, COST_ITEM_IDS.egressOnlyInternetGateways)).toEqual({
      id: 'egress-only-internet-gateways',
      item: 'Egress-only internet gateways (IPv6 out, no NAT)',
      kind: 'fixed',
      count: 1,
      quantity: 1,
      unit: 'gateway-month',
      unitPrice: 0,
      monthlyUsd: 0,
      resources: ['aws_egress_only_internet_gateway.network_egress-only-internet-gateway'],
    });
    expect(report.totalMonthlyUsd).toBe(0);
  });

  it('bills standard SSM parameters (the network handles) nothing, the tier written or left to its default', () => {
    const json = emptyStack('eu-west-1');
    add(json, 'aws_ssm_parameter', 'handles_vpc-id', { name: '/lambda-vpc/dev/private-only/vpc-id', tier: 'Standard' });
    add(json, 'aws_ssm_parameter', 'handles_vpc-cidr-block', { name: '/lambda-vpc/dev/private-only/vpc-cidr-block' });
    const report = estimate(json);
    expect(itemOf(report, COST_ITEM_IDS.standardParameters)).toMatchObject({
      kind: 'fixed',
      count: 2,
      unit: 'parameter-month',
      unitPrice: 0,
      monthlyUsd: 0,
      resources: ['aws_ssm_parameter.handles_vpc-cidr-block', 'aws_ssm_parameter.handles_vpc-id'],
    });
    expect(report.totalMonthlyUsd).toBe(0);
  });

  it('refuses an SSM parameter tier it cannot price, naming the parameter and the tier', () => {
    const json = emptyStack('eu-west-1');
    add(json, 'aws_ssm_parameter', 'big', { name: '/big', tier: 'Advanced' });
    expect(() => estimate(json)).toThrow(
      'aws_ssm_parameter.big: SSM parameter tier "Advanced" is not priced; priced: Standard',
    );
  });

  it('refuses what it cannot count or price: a token for subnet_ids, a Gateway Load Balancer endpoint', () => {
    const tokenSubnets = add(emptyStack(), 'aws_vpc_endpoint', 'sts', {
      vpc_endpoint_type: 'Interface',
      subnet_ids: '${var.subnets}',
    });
    expect(() => estimate(tokenSubnets)).toThrow('aws_vpc_endpoint.sts: subnet_ids is not a literal list');
    const gwlb = add(emptyStack(), 'aws_vpc_endpoint', 'firewall', {
      vpc_endpoint_type: 'GatewayLoadBalancer',
      subnet_ids: subnets(1),
    });
    expect(() => estimate(gwlb)).toThrow(
      'aws_vpc_endpoint.firewall: VPC endpoint type "GatewayLoadBalancer" is not priced; priced: Interface, Gateway',
    );
  });
});

describe('S3 through a gateway endpoint instead of NAT', () => {
  const s3Gateway: Body = { vpc_endpoint_type: 'Gateway', service_name: 'com.amazonaws.eu-west-1.s3' };
  const withNats = (): Fixture => {
    const json = emptyStack('eu-west-1');
    ['a', 'b'].forEach((suffix) => addNatGatewayWithEip(json, suffix));
    return json;
  };

  it('takes the S3 share off the NAT processing line when the stack has an S3 gateway endpoint', () => {
    const json = add(withNats(), 'aws_vpc_endpoint', 's3', s3Gateway);
    const report = estimate(json, 'eu-west-1', { natGbPerMonth: 50, s3GbPerMonth: 10 });
    const nat = itemOf(report, COST_ITEM_IDS.natGatewayData);
    expect(nat).toMatchObject({ quantity: 40, unit: 'GB', unitPrice: 0.048 });
    expect(nat.monthlyUsd).toBe(roundCents(40 * 0.048)); // 1.92, against 2.40 without the endpoint
    const s3 = itemOf(report, COST_ITEM_IDS.s3GatewayEndpointData);
    expect(s3).toMatchObject({ kind: 'variable', count: 1, quantity: 10, unit: 'GB', unitPrice: 0, monthlyUsd: 0 });
    expect(s3.resources).toEqual(['aws_vpc_endpoint.s3']);
  });

  it('leaves the NAT line whole without an S3 gateway endpoint (a DynamoDB one does not count)', () => {
    const json = add(withNats(), 'aws_vpc_endpoint', 'dynamodb', {
      vpc_endpoint_type: 'Gateway',
      service_name: 'com.amazonaws.eu-west-1.dynamodb',
    });
    const report = estimate(json, 'eu-west-1', { natGbPerMonth: 50, s3GbPerMonth: 10 });
    expect(itemOf(report, COST_ITEM_IDS.natGatewayData).quantity).toBe(50);
    expect(costItem(report, COST_ITEM_IDS.s3GatewayEndpointData)).toBeUndefined();
  });

  it('never takes more than the NAT traffic, and lists nothing for S3 in a stack without NAT', () => {
    const capped = estimate(add(withNats(), 'aws_vpc_endpoint', 's3', s3Gateway), 'eu-west-1', {
      natGbPerMonth: 5,
      s3GbPerMonth: 10,
    });
    expect(itemOf(capped, COST_ITEM_IDS.natGatewayData).quantity).toBe(0);
    expect(itemOf(capped, COST_ITEM_IDS.s3GatewayEndpointData).quantity).toBe(5);
    const noNat = estimate(add(emptyStack('eu-west-1'), 'aws_vpc_endpoint', 's3', s3Gateway));
    expect(costItem(noNat, COST_ITEM_IDS.s3GatewayEndpointData)).toBeUndefined();
  });

  it('counts a self-healing NAT group as a NAT the S3 share bypasses', () => {
    const json = add(addSelfHealingNat(emptyStack('eu-west-1'), 'a'), 'aws_vpc_endpoint', 's3', s3Gateway);
    expect(itemOf(estimate(json), COST_ITEM_IDS.s3GatewayEndpointData).quantity).toBe(10);
  });

  it("takes the S3 share off a NAT instance's share too, which costs nothing either way", () => {
    const json = add(addNatInstance(emptyStack('eu-west-1')), 'aws_vpc_endpoint', 's3', s3Gateway);
    const report = estimate(json, 'eu-west-1', { natGbPerMonth: 50, s3GbPerMonth: 10 });
    expect(costItem(report, COST_ITEM_IDS.natGatewayData)).toBeUndefined();
    expect(itemOf(report, COST_ITEM_IDS.s3GatewayEndpointData).quantity).toBe(10);
  });
});

describe('Route 53 Resolver endpoints', () => {
  it('bills one ENI-hour per IP address (us-west-2)', () => {
    const json = add(emptyStack('us-west-2'), 'aws_route53_resolver_endpoint', 'inbound', {
      direction: 'INBOUND',
      ip_address: subnets(3).map((subnet_id) => ({ subnet_id })),
    });
    const report = estimate(json);
    const enis = itemOf(report, COST_ITEM_IDS.resolverEndpointEniHours);
    expect(enis).toMatchObject({ kind: 'fixed', count: 3, quantity: 3 * 730, unit: 'ENI-hour', unitPrice: 0.125 });
    expect(enis.monthlyUsd).toBe(roundCents(3 * 0.125 * 730)); // 273.75
    expect(report.totalMonthlyUsd).toBe(273.75);
  });
});

describe('flow logs and KMS keys', () => {
  it("bills the flow-log assumption at the vended-log ingestion price, once for all the stack's flow logs", () => {
    const json = emptyStack('eu-west-1');
    add(json, 'aws_flow_log', 'vpc_a', { log_destination_type: 'cloud-watch-logs', traffic_type: 'ALL' });
    add(json, 'aws_flow_log', 'vpc_b', { traffic_type: 'REJECT' });
    const flow = itemOf(estimate(json), COST_ITEM_IDS.flowLogIngestion);
    expect(flow).toMatchObject({ kind: 'variable', count: 2, quantity: 5, unit: 'GB', unitPrice: 0.57 });
    expect(flow.monthlyUsd).toBe(roundCents(5 * 0.57)); // 2.85
    const virginia = itemOf(estimate(json, 'us-east-1'), COST_ITEM_IDS.flowLogIngestion);
    expect(virginia.monthlyUsd).toBe(roundCents(5 * 0.5)); // 2.50
  });

  it('refuses a flow-log destination it has no price for', () => {
    const json = add(emptyStack(), 'aws_flow_log', 'to_s3', { log_destination_type: 's3' });
    expect(() => estimate(json)).toThrow(
      'aws_flow_log.to_s3: flow-log destination "s3" is not priced; priced: cloud-watch-logs',
    );
  });

  it('bills each KMS key 1.00 a month', () => {
    const json = add(add(emptyStack('eu-west-1'), 'aws_kms_key', 'key', {}), 'aws_kms_key', 'other', {});
    const keys = itemOf(estimate(json), COST_ITEM_IDS.kmsKeys);
    expect(keys).toMatchObject({
      kind: 'fixed',
      count: 2,
      quantity: 2,
      unit: 'key-month',
      unitPrice: 1,
      monthlyUsd: 2,
    });
  });
});

describe('Lambda provisioned concurrency', () => {
  /** Adds a function as LambdaFunction writes it, with provisioned concurrency on its alias `live`. */
  function addProvisioned(json: Fixture, name: string, fn: Body, executions: number | string): Fixture {
    add(json, 'aws_lambda_function', name, { function_name: `test-${name}`, publish: true, ...fn });
    add(json, 'aws_lambda_alias', `${name}_alias`, {
      name: 'live',
      function_name: ref('aws_lambda_function', name, 'function_name'),
      function_version: ref('aws_lambda_function', name, 'version'),
    });
    return add(json, 'aws_lambda_provisioned_concurrency_config', `${name}_provisioned`, {
      function_name: ref('aws_lambda_alias', `${name}_alias`, 'function_name'),
      qualifier: ref('aws_lambda_alias', `${name}_alias`, 'name'),
      provisioned_concurrent_executions: executions,
    });
  }

  const refusal = (address: string) =>
    `${address}: provisioned concurrency is priced only with a literal provisioned_concurrent_executions and a ` +
    'function_name referencing a function (or an alias of one) in this stack';

  it("bills every GB-second of the month: environments x the function's memory, at the arm64 price", () => {
    const json = addProvisioned(emptyStack('eu-west-1'), 'orders', { memory_size: 1024, architectures: ['arm64'] }, 2);
    const item = itemOf(estimate(json), `${COST_ITEM_IDS.lambdaProvisionedConcurrency}:arm64`);
    expect(item).toMatchObject({
      item: 'Lambda provisioned concurrency (arm64)',
      kind: 'fixed',
      count: 2,
      quantity: 2 * 1 * 730 * 3600, // 5,256,000 GB-seconds
      unit: 'GB-second',
      unitPrice: 0.0000033334,
      resources: ['aws_lambda_provisioned_concurrency_config.orders_provisioned'],
    });
    expect(item.monthlyUsd).toBe(roundCents(2 * 730 * 3600 * 0.0000033334)); // 17.52
    expect(estimate(json).fixedMonthlyUsd).toBe(17.52);
  });

  it("prices each architecture apart, with Lambda's defaults (128 MB, x86_64) where the function sets none", () => {
    const json = addProvisioned(emptyStack('eu-west-1'), 'orders', { memory_size: 512, architectures: ['arm64'] }, 4);
    addProvisioned(json, 'plain', {}, 8);
    const report = estimate(json);
    expect(report.items.map((item) => [item.id, item.count, item.quantity])).toEqual([
      ['lambda-provisioned-concurrency:arm64', 4, 4 * 0.5 * 730 * 3600],
      ['lambda-provisioned-concurrency:x86_64', 8, 8 * 0.125 * 730 * 3600],
    ]);
    // 4 x 0.5 GB on arm64: 17.52; 8 x 0.125 GB on x86_64: 10.95
    expect(report.fixedMonthlyUsd).toBe(roundCents(2 * 2628000 * 0.0000033334 + 2628000 * 0.0000041667));
    expect(report.fixedMonthlyUsd).toBe(28.47);
  });

  it('adds nothing for functions without provisioned concurrency', () => {
    const json = add(emptyStack('eu-west-1'), 'aws_lambda_function', 'fn', { memory_size: 256, publish: true });
    expect(estimate(json).items).toEqual([]);
  });

  it('refuses a configuration whose function is not in the stack, or whose count is a reference', () => {
    const outside = add(emptyStack('eu-west-1'), 'aws_lambda_provisioned_concurrency_config', 'pc', {
      function_name: 'shared-orders',
      qualifier: 'live',
      provisioned_concurrent_executions: 2,
    });
    expect(() => estimate(outside)).toThrow(refusal('aws_lambda_provisioned_concurrency_config.pc'));
    const token = addProvisioned(emptyStack('eu-west-1'), 'orders', {}, '${var.executions}');
    expect(() => estimate(token)).toThrow(refusal('aws_lambda_provisioned_concurrency_config.orders_provisioned'));
  });
});

describe('a stack with every item (eu-west-1)', () => {
  const json = emptyStack('eu-west-1', 'everything', 'kitchen-sink');
  ['a', 'b'].forEach((suffix) => addNatGatewayWithEip(json, suffix));
  addNatInstance(json, 't4g.micro');
  add(json, 'aws_vpc_endpoint', 'lambda', { vpc_endpoint_type: 'Interface', subnet_ids: subnets(2) });
  add(json, 'aws_vpc_endpoint', 'dynamodb', { vpc_endpoint_type: 'Gateway' });
  add(json, 'aws_route53_resolver_endpoint', 'inbound', { ip_address: subnets(2).map((subnet_id) => ({ subnet_id })) });
  add(json, 'aws_flow_log', 'flow', {});
  add(json, 'aws_kms_key', 'key', {});
  const report = estimateMonthlyCost('everything-kitchen-sink', json, 'eu-west-1');

  it('lists the fixed items first, then the variable ones', () => {
    expect(report.items.map((item) => item.id)).toEqual([
      'nat-gateway-hours',
      'nat-instance-hours:t4g.micro',
      'ebs-gp3-storage',
      'public-ipv4-hours',
      'interface-endpoint-hours',
      'gateway-endpoints',
      'resolver-endpoint-eni-hours',
      'kms-keys',
      'nat-gateway-data',
      'interface-endpoint-data',
      'flow-log-ingestion',
    ]);
  });

  it('sums to the hand-computed totals', () => {
    const fixed =
      2 * 0.048 * 730 + // NAT gateways: 70.08
      0.0092 * 730 + // t4g.micro: 6.716
      8 * 0.088 + // root volume: 0.704
      3 * 0.005 * 730 + // 3 EIPs: 10.95
      2 * 0.011 * 730 + // 2 endpoint AZs: 16.06
      2 * 0.125 * 730 + // 2 resolver ENIs: 182.50
      1.0; // KMS key
    const variable =
      ((50 * 2) / 3) * 0.048 + // the gateways' two thirds of 50 GB: 1.60
      10 * 0.01 + // endpoint traffic: 0.10
      5 * 0.57; // flow logs: 2.85
    expect(report.fixedMonthlyUsd).toBe(288.01);
    expect(report.variableMonthlyUsd).toBe(4.55);
    expect(report.totalMonthlyUsd).toBe(292.56);
    expect(report.fixedMonthlyUsd).toBe(roundCents(fixed));
    expect(report.variableMonthlyUsd).toBe(roundCents(variable));
    expect(report.totalMonthlyUsd).toBe(roundCents(fixed + variable));
  });

  it('rounds each item to cents (no binary noise in cost.json), and the totals add exactly those', () => {
    expect(itemOf(report, 'nat-instance-hours:t4g.micro').monthlyUsd).toBe(6.72); // 0.0092 x 730 = 6.716
    expect(itemOf(report, COST_ITEM_IDS.ebsGp3Storage).monthlyUsd).toBe(0.7); // 8 x 0.088 = 0.704
    for (const item of report.items) expect(item.monthlyUsd).toBe(roundCents(item.quantity * item.unitPrice));
    expect(roundCents(report.fixedMonthlyUsd + report.variableMonthlyUsd)).toBe(report.totalMonthlyUsd);
    expect(report.items.reduce((sum, item) => sum + item.monthlyUsd, 0)).toBeCloseTo(292.56, 10);
  });

  it('names the stack, region, price date, assumptions, environment and variant', () => {
    expect(report).toMatchObject({
      stack: 'everything-kitchen-sink',
      region: 'eu-west-1',
      pricesAsOf: PRICES_AS_OF,
      assumptions: DEFAULT_ASSUMPTIONS,
      environment: 'everything',
      variant: 'kitchen-sink',
    });
  });
});

describe('assumptions', () => {
  const json = addNatGatewayWithEip(emptyStack('eu-west-1'), 'a');
  add(json, 'aws_vpc_endpoint', 'sts', { vpc_endpoint_type: 'Interface', subnet_ids: subnets(2) });
  add(json, 'aws_flow_log', 'flow', {});

  it('documents its defaults', () => {
    expect(DEFAULT_ASSUMPTIONS).toEqual({
      natGbPerMonth: 50,
      s3GbPerMonth: 10,
      interfaceEndpointGbPerMonth: 10,
      flowLogGbPerMonth: 5,
      hoursPerMonth: 730,
    });
  });

  it('takes overrides, keeping the defaults for the rest', () => {
    const report = estimate(json, 'eu-west-1', { natGbPerMonth: 1000, flowLogGbPerMonth: 0 });
    expect(report.assumptions).toEqual({
      natGbPerMonth: 1000,
      s3GbPerMonth: 10,
      interfaceEndpointGbPerMonth: 10,
      flowLogGbPerMonth: 0,
      hoursPerMonth: 730,
    });
    expect(itemOf(report, COST_ITEM_IDS.natGatewayData).monthlyUsd).toBe(roundCents(1000 * 0.048)); // 48.00
    expect(itemOf(report, COST_ITEM_IDS.interfaceEndpointData).monthlyUsd).toBe(roundCents(10 * 0.01));
    expect(itemOf(report, COST_ITEM_IDS.flowLogIngestion).monthlyUsd).toBe(0);
    expect(report.variableMonthlyUsd).toBe(48.1);
  });

  it('scales every hourly item with hoursPerMonth (a 31-day month: 744 hours)', () => {
    const report = estimate(json, 'eu-west-1', { hoursPerMonth: 744 });
    expect(itemOf(report, COST_ITEM_IDS.natGatewayHours).monthlyUsd).toBe(roundCents(0.048 * 744)); // 35.712
    expect(itemOf(report, COST_ITEM_IDS.publicIpv4Hours).monthlyUsd).toBe(roundCents(0.005 * 744)); // 3.72
    expect(itemOf(report, COST_ITEM_IDS.interfaceEndpointHours).monthlyUsd).toBe(roundCents(2 * 0.011 * 744)); // 16.368
    expect(report.fixedMonthlyUsd).toBe(55.8); // 35.712 + 3.72 + 16.368
  });

  it('refuses a negative, non-finite or unknown assumption', () => {
    expect(() => estimate(json, 'eu-west-1', { natGbPerMonth: -1 })).toThrow(
      'traffic assumption natGbPerMonth = -1: must be a finite number, zero or more',
    );
    expect(() => estimate(json, 'eu-west-1', { hoursPerMonth: 0 })).toThrow(
      'traffic assumption hoursPerMonth = 0: must be a finite number, more than zero',
    );
    expect(() => estimate(json, 'eu-west-1', { flowLogGbPerMonth: Number.NaN })).toThrow('flowLogGbPerMonth = NaN');
    expect(() => estimate(json, 'eu-west-1', { natGB: 5 } as never)).toThrow(
      'unknown traffic assumption "natGB"; allowed: natGbPerMonth, s3GbPerMonth, interfaceEndpointGbPerMonth, ' +
        'flowLogGbPerMonth, hoursPerMonth',
    );
  });
});

describe('what it refuses', () => {
  it('refuses an unknown region, naming the priced regions', () => {
    expect(() => estimate(emptyStack('ap-south-1'))).toThrow(
      `no prices for region "ap-south-1"; priced regions: eu-central-1, eu-west-1, us-east-1, us-east-2, us-west-2 ` +
        `(list prices as of ${PRICES_AS_OF}`,
    );
  });

  it('refuses an instance type without a price, naming the priced ones', () => {
    expect(() => estimate(addNatInstance(emptyStack('eu-west-1'), 'c7g.large'))).toThrow(
      'no price for EC2 instance type "c7g.large" in eu-west-1; priced types: t4g.micro, t4g.nano, t4g.small',
    );
  });

  it('refuses a volume type without a price and a volume without a size', () => {
    expect(() => estimate(addNatInstance(emptyStack(), 't4g.nano', { volume_type: 'gp2' }))).toThrow(
      'aws_instance.nat_instance: volume type "gp2" is not priced; priced: gp3',
    );
    const json = addNatInstance(emptyStack());
    json.resource.aws_instance.nat_instance.ebs_block_device = [{ device_name: '/dev/sdf', snapshot_id: 'snap-0123' }];
    expect(() => estimate(json)).toThrow('aws_instance.nat_instance: an EBS volume has no literal volume_size');
  });

  it('refuses an instance type given as a reference', () => {
    const json = add(emptyStack(), 'aws_instance', 'nat', { instance_type: '${var.type}', source_dest_check: false });
    expect(() => estimate(json)).toThrow('aws_instance.nat: instance_type is not a literal');
  });
});

describe('stack facts', () => {
  it('reads the region from the AWS provider, and refuses a stack without one', () => {
    expect(stackRegion(emptyStack('us-east-2'))).toBe('us-east-2');
    expect(() => stackRegion({ resource: {} })).toThrow("the stack's AWS provider has no literal region");
  });

  it('takes the environment from the default tags, else from the stack name before the variant', () => {
    const json = emptyStack('eu-west-1');
    delete json.provider.aws[0].default_tags[0].tags.environment;
    expect(estimateMonthlyCost('qa-nat-egress', json, 'eu-west-1')).toMatchObject({
      environment: 'qa',
      variant: 'nat-egress',
    });
  });

  it('leaves out items with no resources: an empty stack costs nothing', () => {
    const report = estimate(emptyStack('eu-west-1'));
    expect(report.items).toEqual([]);
    expect([report.fixedMonthlyUsd, report.variableMonthlyUsd, report.totalMonthlyUsd]).toEqual([0, 0, 0]);
  });

  it('rounds to cents without binary noise', () => {
    expect(roundCents(3 * 0.048 * 730)).toBe(105.12);
    expect(roundCents(1.005)).toBe(1.01);
    expect(roundCents(7.712)).toBe(7.71);
  });
});

describe('assumption names', () => {
  it('refuses an inherited property name as an assumption', () => {
    expect(() => estimateMonthlyCost('s', emptyStack(), 'eu-west-1', { toString: 1 } as never)).toThrow(
      'unknown traffic assumption "toString"',
    );
  });
});
