import {
  instanceHourPrice,
  PRICE_SOURCES,
  PRICE_TABLE,
  PRICED_REGIONS,
  PRICES_AS_OF,
  pricesFor,
} from '@lambda-vpc/cost';

describe('price table', () => {
  it('is dated, and says where each price comes from', () => {
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isNaN(Date.parse(PRICES_AS_OF))).toBe(false);
    expect(Object.keys(PRICE_SOURCES).sort()).toEqual([
      'cloudWatchLogs',
      'ebs',
      'ec2',
      'egressOnlyInternetGateway',
      'interfaceEndpoint',
      'kms',
      'lambda',
      'natGateway',
      'parameterStore',
      'publicIpv4',
      'route53',
      'route53Resolver',
      'transitGateway',
      'vpcPeering',
    ]);
  });

  it("prices the blueprints' default region and the common ones", () => {
    expect(PRICED_REGIONS).toEqual(['eu-central-1', 'eu-west-1', 'us-east-1', 'us-east-2', 'us-west-2']);
  });

  it.each(Object.keys(PRICE_TABLE))(
    '%s: public IPv4 0.005/h, KMS key 1.00/month, gateway endpoints (and their data), egress-only gateways, ' +
      'standard parameters and peering free, a hosted zone 0.50/month, Transit Gateway data 0.02/GB, the default NAT ' +
      'instance types priced, provisioned concurrency 20% less on arm64',
    (region) => {
      const prices = pricesFor(region);
      expect(prices.publicIpv4Hour).toBe(0.005);
      expect(prices.kmsKeyMonth).toBe(1);
      expect(prices.gatewayEndpointMonth).toBe(0);
      expect(prices.gatewayEndpointGb).toBe(0);
      expect(prices.egressOnlyInternetGatewayMonth).toBe(0);
      expect(prices.standardParameterMonth).toBe(0);
      expect(prices.resolverEndpointEniHour).toBe(0.125);
      expect([prices.vpcPeeringMonth, prices.hostedZoneMonth, prices.transitGatewayGb]).toEqual([0, 0.5, 0.02]);
      expect(instanceHourPrice(region, 't4g.nano')).toBeGreaterThan(0);
      expect(instanceHourPrice(region, 't4g.micro')).toBe(2 * instanceHourPrice(region, 't4g.nano'));
      const provisioned = prices.lambdaProvisionedConcurrencyGbSecond;
      expect(provisioned.arm64 / provisioned.x86_64).toBeCloseTo(0.8, 4);
      for (const [item, price] of Object.entries(prices)) {
        if (typeof price === 'number')
          expect([
            item,
            price > 0 ||
              [
                'gatewayEndpointMonth',
                'gatewayEndpointGb',
                'egressOnlyInternetGatewayMonth',
                'standardParameterMonth',
                'vpcPeeringMonth',
              ].includes(item),
          ]).toEqual([item, true]);
      }
    },
  );

  it("holds the eu-west-1 list prices the README's environments use", () => {
    expect(pricesFor('eu-west-1')).toEqual({
      natGatewayHour: 0.048,
      natGatewayGb: 0.048,
      interfaceEndpointAzHour: 0.011,
      interfaceEndpointGb: 0.01,
      gatewayEndpointMonth: 0,
      gatewayEndpointGb: 0,
      egressOnlyInternetGatewayMonth: 0,
      standardParameterMonth: 0,
      publicIpv4Hour: 0.005,
      ec2InstanceHour: { 't4g.nano': 0.0046, 't4g.micro': 0.0092, 't4g.small': 0.0184 },
      ebsGp3GbMonth: 0.088,
      resolverEndpointEniHour: 0.125,
      transitGatewayAttachmentHour: 0.05,
      transitGatewayGb: 0.02,
      vpcPeeringMonth: 0,
      hostedZoneMonth: 0.5,
      flowLogIngestionGb: 0.57,
      kmsKeyMonth: 1,
      lambdaProvisionedConcurrencyGbSecond: { arm64: 0.0000033334, x86_64: 0.0000041667 },
    });
  });

  it('refuses an unknown region, naming the priced ones', () => {
    expect(() => pricesFor('eu-west-9')).toThrow(
      `no prices for region "eu-west-9"; priced regions: eu-central-1, eu-west-1, us-east-1, us-east-2, us-west-2 ` +
        `(list prices as of ${PRICES_AS_OF}; add the region to toolkit/cost/src/price-table.ts)`,
    );
    expect(() => pricesFor('constructor')).toThrow('no prices for region "constructor"');
  });

  it('refuses an unpriced instance type, naming the priced ones', () => {
    expect(() => instanceHourPrice('us-east-1', 't4g.large')).toThrow(
      'no price for EC2 instance type "t4g.large" in us-east-1; priced types: t4g.micro, t4g.nano, t4g.small',
    );
    expect(() => instanceHourPrice('us-east-1', 'toString')).toThrow('no price for EC2 instance type "toString"');
  });
});
