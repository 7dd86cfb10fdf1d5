import {
  CostReport,
  costItem,
  COST_ITEM_IDS,
  costSummaryTable,
  estimateMonthlyCost,
  PRICED_REGIONS,
  PRICES_AS_OF,
  roundCents,
  stackRegion,
} from '@lambda-vpc/cost';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthEnvironments, VARIANTS } from '@lambda-vpc/stacks';
import { environmentValues } from '../test-support/environment-values';
import { TerraformJson } from '../test-support/terraform-json';
import {
  configuredStacks,
  describeWhileConfigured,
  itWhileConfigured,
  SHIPPED_STACKS,
  synthAllEnvironments,
} from './environments';

// The monthly cost of every shipped stack the environments configure, checked against figures computed by hand from
// the eu-west-1 list prices in toolkit/cost/src/price-table.ts, with the default traffic assumptions (50 GB of NAT
// traffic, 10 GB of it S3, which nat-egress's S3 gateway endpoint takes off the NAT; 10 GB through interface endpoints,
// 5 GB of flow logs, 730 hours):
//   NAT gateway 0.048/h and 0.048/GB; interface endpoint 0.011/AZ-h and 0.01/GB; t4g.nano 0.0046/h;
//   gp3 0.088/GB-month; public IPv4 0.005/h; Resolver endpoint 0.125/ENI-h; flow logs 0.57/GB; KMS key 1.00;
//   standard SSM parameters (the network handles) 0.

const { stacks } = synthAllEnvironments();

/** What a report counts, by item: the figures the README's "Fixed monthly cost items" table states. */
interface Quantities {
  readonly natGateways: number;
  readonly natInstances: Readonly<Record<string, number>>;
  readonly ebsGib: number;
  readonly publicIpv4: number;
  readonly interfaceEndpointAzs: number;
  readonly gatewayEndpoints: number;
  readonly standardParameters: number;
  readonly resolverEnis: number;
  readonly flowLogs: number;
  readonly kmsKeys: number;
}

function quantitiesOf(report: CostReport): Quantities {
  const count = (id: string): number => costItem(report, id)?.count ?? 0;
  const natInstances = Object.fromEntries(
    report.items
      .filter((item) => item.id.startsWith(`${COST_ITEM_IDS.natInstanceHours}:`))
      .map((item) => [item.id.slice(COST_ITEM_IDS.natInstanceHours.length + 1), item.count]),
  );
  return {
    natGateways: count(COST_ITEM_IDS.natGatewayHours),
    natInstances,
    ebsGib: costItem(report, COST_ITEM_IDS.ebsGp3Storage)?.quantity ?? 0,
    publicIpv4: count(COST_ITEM_IDS.publicIpv4Hours),
    interfaceEndpointAzs: count(COST_ITEM_IDS.interfaceEndpointHours),
    gatewayEndpoints: count(COST_ITEM_IDS.gatewayEndpoints),
    standardParameters: count(COST_ITEM_IDS.standardParameters),
    resolverEnis: count(COST_ITEM_IDS.resolverEndpointEniHours),
    flowLogs: count(COST_ITEM_IDS.flowLogIngestion),
    kmsKeys: count(COST_ITEM_IDS.kmsKeys),
  };
}

const NONE = {
  natGateways: 0,
  natInstances: {},
  ebsGib: 0,
  publicIpv4: 0,
  interfaceEndpointAzs: 0,
  gatewayEndpoints: 0,
  standardParameters: 0,
  resolverEnis: 0,
  flowLogs: 1,
  kmsKeys: 1,
};

/**
 * Per stack: what it counts, and its fixed and variable sums written out from the price table, with their value in
 * cents.
 */
const EXPECTED: Record<
  string,
  { quantities: Quantities; fixed: number; variable: number; cents: [fixed: number, variable: number, total: number] }
> = {
  'dev-private-only': {
    quantities: { ...NONE, standardParameters: 7, gatewayEndpoints: 2 },
    fixed: 2 * 0 + 1.0,
    variable: 5 * 0.57,
    cents: [1.0, 2.85, 3.85],
  },
  'staging-private-only': {
    quantities: { ...NONE, standardParameters: 7, gatewayEndpoints: 2 },
    fixed: 2 * 0 + 1.0,
    variable: 5 * 0.57,
    cents: [1.0, 2.85, 3.85],
  },
  'prod-private-only': {
    quantities: { ...NONE, standardParameters: 7, gatewayEndpoints: 2 },
    fixed: 2 * 0 + 1.0,
    variable: 5 * 0.57,
    cents: [1.0, 2.85, 3.85],
  },
  'dev-nat-egress': {
    quantities: {
      ...NONE,
      standardParameters: 8,
      natInstances: { 't4g.nano': 1 },
      ebsGib: 8,
      publicIpv4: 1,
      gatewayEndpoints: 2,
    },
    fixed: 1 * 0.0046 * 730 + 8 * 0.088 + 1 * 0.005 * 730 + 1.0, // 3.358 + 0.704 + 3.65 + 1 = 8.712
    variable: 5 * 0.57, // a NAT instance has no per-GB processing charge
    cents: [8.71, 2.85, 11.56],
  },
  'staging-nat-egress': {
    quantities: { ...NONE, standardParameters: 8, natGateways: 1, publicIpv4: 1, gatewayEndpoints: 2 },
    fixed: 1 * 0.048 * 730 + 1 * 0.005 * 730 + 1.0, // 35.04 + 3.65 + 1
    variable: (50 - 10) * 0.048 + 5 * 0.57, // 1.92 + 2.85: the 10 GB of S3 take the gateway endpoint
    cents: [39.69, 4.77, 44.46],
  },
  'prod-nat-egress': {
    quantities: { ...NONE, standardParameters: 8, natGateways: 3, publicIpv4: 3, gatewayEndpoints: 2 },
    fixed: 3 * 0.048 * 730 + 3 * 0.005 * 730 + 1.0, // 105.12 + 10.95 + 1
    variable: (50 - 10) * 0.048 + 5 * 0.57, // 1.92 + 2.85: the 10 GB of S3 take the gateway endpoint
    cents: [117.07, 4.77, 121.84],
  },
  'dev-privatelink': {
    quantities: { ...NONE, standardParameters: 5, interfaceEndpointAzs: 2 },
    fixed: 2 * 0.011 * 730 + 1.0, // 16.06 + 1
    variable: 10 * 0.01 + 5 * 0.57, // 0.10 + 2.85
    cents: [17.06, 2.95, 20.01],
  },
  'staging-privatelink': {
    quantities: { ...NONE, standardParameters: 5, interfaceEndpointAzs: 2 },
    fixed: 2 * 0.011 * 730 + 1.0,
    variable: 10 * 0.01 + 5 * 0.57,
    cents: [17.06, 2.95, 20.01],
  },
  'prod-privatelink': {
    quantities: { ...NONE, standardParameters: 5, interfaceEndpointAzs: 3, resolverEnis: 3 },
    fixed: 3 * 0.011 * 730 + 3 * 0.125 * 730 + 1.0, // 24.09 + 273.75 + 1
    variable: 10 * 0.01 + 5 * 0.57,
    cents: [298.84, 2.95, 301.79],
  },
};

function reportOf(name: string): CostReport {
  const json: TerraformJson | undefined = stacks[name];
  if (!json) throw new Error(`no stack ${name}; stacks: ${Object.keys(stacks).join(', ')}`);
  return estimateMonthlyCost(name, json, stackRegion(json));
}

describe('monthly cost of every real stack', () => {
  // A shipped stack a team has deleted (docs/getting-started.md step 5) has its checks below reported as skipped.
  it('covers the nine stacks of dev, staging and prod: each one configured is synthesized and checked below', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...SHIPPED_STACKS].sort());
    const configured = configuredStacks().filter((name) => name in EXPECTED);
    expect(Object.keys(stacks)).toEqual(expect.arrayContaining(configured));
  });

  for (const name of Object.keys(EXPECTED)) {
    describeWhileConfigured(name)(name, () => {
      const expected = EXPECTED[name];

      it('is priced in eu-west-1, the region the hand-computed figures use', () => {
        expect(stackRegion(stacks[name])).toBe('eu-west-1');
      });

      it('counts exactly the billed items the README lists', () => {
        expect(quantitiesOf(reportOf(name))).toEqual(expected.quantities);
      });

      it('totals the hand-computed sums from the price table', () => {
        const report = reportOf(name);
        expect([report.fixedMonthlyUsd, report.variableMonthlyUsd, report.totalMonthlyUsd]).toEqual(expected.cents);
        expect(report.fixedMonthlyUsd).toBe(roundCents(expected.fixed));
        expect(report.variableMonthlyUsd).toBe(roundCents(expected.variable));
        expect(report.totalMonthlyUsd).toBe(roundCents(expected.fixed + expected.variable));
        expect(report).toMatchObject({
          stack: name,
          region: 'eu-west-1',
          pricesAsOf: PRICES_AS_OF,
          variant: name.split('-').slice(1).join('-'),
        });
      });
    });
  }

  itWhileConfigured('prod-nat-egress')(
    'names the resources behind the prod-nat-egress items: three gateways with their EIPs',
    () => {
      const nat = reportOf('prod-nat-egress');
      expect(costItem(nat, COST_ITEM_IDS.natGatewayHours)?.resources).toEqual(
        ['a', 'b', 'c'].map((az) => `aws_nat_gateway.nat_nat-gateway_eu-west-1${az}`),
      );
      expect(costItem(nat, COST_ITEM_IDS.publicIpv4Hours)?.resources).toEqual([
        ...['a', 'b', 'c'].map((az) => `aws_eip.nat_eip_eu-west-1${az}`),
        ...['a', 'b', 'c'].map((az) => `aws_nat_gateway.nat_nat-gateway_eu-west-1${az}`),
      ]);
    },
  );

  itWhileConfigured('prod-privatelink')(
    'names the resources behind the prod-privatelink items: one endpoint over three subnets, one resolver',
    () => {
      const privatelink = reportOf('prod-privatelink');
      expect(costItem(privatelink, COST_ITEM_IDS.interfaceEndpointHours)?.resources).toEqual([
        'aws_vpc_endpoint.lambda-endpoint',
      ]);
      expect(costItem(privatelink, COST_ITEM_IDS.resolverEndpointEniHours)?.resources).toEqual([
        'aws_route53_resolver_endpoint.resolver-inbound',
      ]);
    },
  );

  it("prices any other environment's stacks in a priced region, and refuses an unpriced region by name", () => {
    for (const name of Object.keys(stacks).filter((stack) => !(stack in EXPECTED))) {
      const region = stackRegion(stacks[name]);
      if (PRICED_REGIONS.includes(region)) {
        const report = reportOf(name);
        expect(report.totalMonthlyUsd).toBe(roundCents(report.items.reduce((sum, item) => sum + item.monthlyUsd, 0)));
      } else {
        expect(() => reportOf(name)).toThrow(`no prices for region "${region}"`);
      }
    }
  });

  // The hand-computed totals are those of all nine; the README's table of what is configured is readme-costs.test.ts.
  itWhileConfigured(...SHIPPED_STACKS)('summarizes the nine stacks in one table for the README', () => {
    const reports = Object.keys(EXPECTED).reverse().map(reportOf);
    expect(costSummaryTable(reports, { variantOrder: VARIANTS.map((variant) => variant.name) })).toBe(
      [
        '| env | variant | stack | region | fixed (USD/month) | variable (USD/month) | total (USD/month) |',
        '|---|---|---|---|---:|---:|---:|',
        '| dev | private-only | `dev-private-only` | eu-west-1 | 1.00 | 2.85 | 3.85 |',
        '| dev | nat-egress | `dev-nat-egress` | eu-west-1 | 8.71 | 2.85 | 11.56 |',
        '| dev | privatelink | `dev-privatelink` | eu-west-1 | 17.06 | 2.95 | 20.01 |',
        '| staging | private-only | `staging-private-only` | eu-west-1 | 1.00 | 2.85 | 3.85 |',
        '| staging | nat-egress | `staging-nat-egress` | eu-west-1 | 39.69 | 4.77 | 44.46 |',
        '| staging | privatelink | `staging-privatelink` | eu-west-1 | 17.06 | 2.95 | 20.01 |',
        '| prod | private-only | `prod-private-only` | eu-west-1 | 1.00 | 2.85 | 3.85 |',
        '| prod | nat-egress | `prod-nat-egress` | eu-west-1 | 117.07 | 4.77 | 121.84 |',
        '| prod | privatelink | `prod-privatelink` | eu-west-1 | 298.84 | 2.95 | 301.79 |',
        '| **all stacks** | | | | **501.43** | **29.79** | **531.22** |',
        '',
        `AWS list prices as of ${PRICES_AS_OF} (toolkit/cost/src/price-table.ts); per stack: 50 GB of NAT traffic, ` +
          `10 GB of it S3 (through the S3 gateway endpoint where a stack has one), 10 GB through interface ` +
          `endpoints, 5 GB of flow logs a month; 730 hours a month.`,
        '',
      ].join('\n'),
    );
  });
});

describe('a declared function with provisioned concurrency', () => {
  it('is priced by the GB-seconds its alias keeps ready: 2 x 0.5 GB for 730 hours on arm64', () => {
    const values = environmentValues({
      variants: {
        privateOnly: {
          cidr: '10.60.0.0/16',
          functions: {
            orders: {
              entry: 'workloads/orders/src/handler.ts',
              table: 'read',
              memorySize: 512,
              reservedConcurrency: 5,
              alias: { name: 'live', provisionedConcurrency: 2 },
            },
          },
        },
      },
    });
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-cost-')), 'cdktf.out');
    const [stack] = synthEnvironments([values], { outdir }).stacks;
    const json = JSON.parse(fs.readFileSync(stack.file, 'utf8')) as TerraformJson;
    const item = costItem(estimateMonthlyCost(stack.name, json, 'eu-west-1'), 'lambda-provisioned-concurrency:arm64');
    const gbSeconds = 2 * 0.5 * 730 * 3600;
    expect(item).toMatchObject({ kind: 'fixed', count: 2, quantity: gbSeconds });
    expect(roundCents(item!.monthlyUsd)).toBe(roundCents(gbSeconds * 0.0000033334));
  });
});
