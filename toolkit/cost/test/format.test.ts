import { costSummaryTable, estimateMonthlyCost, formatCostTable, PRICES_AS_OF } from '@lambda-vpc/cost';
import { add, addNatGatewayWithEip, addNatInstance, emptyStack, subnets } from './fixtures';

const natInstanceStack = () =>
  add(add(addNatInstance(emptyStack('eu-west-1', 'dev', 'nat-egress')), 'aws_kms_key', 'key'), 'aws_flow_log', 'flow');

describe('formatCostTable', () => {
  it(
    'renders every item with its quantity, unit, price and monthly amount (display rounded to cents), then the ' +
      'totals',
    () => {
      const report = estimateMonthlyCost('dev-nat-egress', natInstanceStack(), 'eu-west-1');
      expect(formatCostTable(report)).toBe(
        [
          `**dev-nat-egress** (eu-west-1): AWS list prices as of ${PRICES_AS_OF}; 50 GB of NAT traffic, ` +
            `10 GB of it S3 ` +
            `(through the S3 gateway endpoint where a stack has one), 10 GB through ` +
            `interface endpoints, 5 GB of flow logs a month; 730 hours a month.`,
          '',
          '| item | kind | quantity | unit | unit price (USD) | monthly (USD) |',
          '|---|---|---:|---|---:|---:|',
          '| NAT instance hours (t4g.nano) | fixed | 730 | instance-hour | 0.0046 | 3.36 |',
          '| EBS gp3 storage | fixed | 8 | GB-month | 0.088 | 0.70 |',
          '| Public IPv4 address hours | fixed | 730 | address-hour | 0.005 | 3.65 |',
          '| KMS keys | fixed | 1 | key-month | 1.00 | 1.00 |',
          '| Flow log ingestion (CloudWatch Logs) | variable | 5 | GB | 0.57 | 2.85 |',
          '| **fixed** | | | | | **8.71** |', // 0.0046 * 730 + 8 * 0.088 + 0.005 * 730 + 1 = 8.712
          '| **variable** | | | | | **2.85** |', // 5 * 0.57
          '| **total** | | | | | **11.56** |',
          '',
        ].join('\n'),
      );
    },
  );

  it('shows a fractional quantity without binary noise', () => {
    const json = addNatInstance(addNatGatewayWithEip(emptyStack('eu-west-1'), 'a'));
    const report = estimateMonthlyCost('s', json, 'eu-west-1', { natGbPerMonth: 10 });
    expect(formatCostTable(report)).toContain('| NAT gateway data processed | variable | 5 | GB | 0.048 | 0.24 |');
    const thirds = estimateMonthlyCost('s', addNatGatewayWithEip(json, 'b'), 'eu-west-1', { natGbPerMonth: 10 });
    expect(formatCostTable(thirds)).toContain('| NAT gateway data processed | variable | 6.6667 | GB | 0.048 | 0.32 |');
  });
});

describe('costSummaryTable', () => {
  const reports = [
    estimateMonthlyCost(
      'prod-privatelink',
      add(emptyStack('eu-west-1', 'prod', 'privatelink'), 'aws_vpc_endpoint', 'lambda', {
        vpc_endpoint_type: 'Interface',
        subnet_ids: subnets(3),
      }),
      'eu-west-1',
    ),
    estimateMonthlyCost(
      'qa-private-only',
      add(emptyStack('eu-west-1', 'qa', 'private-only'), 'aws_kms_key', 'key'),
      'eu-west-1',
    ),
    estimateMonthlyCost('dev-nat-egress', natInstanceStack(), 'eu-west-1'),
    estimateMonthlyCost(
      'dev-private-only',
      add(emptyStack('eu-west-1', 'dev', 'private-only'), 'aws_kms_key', 'key'),
      'eu-west-1',
    ),
    estimateMonthlyCost(
      'prod-nat-egress',
      addNatGatewayWithEip(emptyStack('us-east-1', 'prod', 'nat-egress'), 'a'),
      'us-east-1',
    ),
  ];
  const expected = [
    '| env | variant | stack | region | fixed (USD/month) | variable (USD/month) | total (USD/month) |',
    '|---|---|---|---|---:|---:|---:|',
    '| dev | private-only | `dev-private-only` | eu-west-1 | 1.00 | 0.00 | 1.00 |',
    '| dev | nat-egress | `dev-nat-egress` | eu-west-1 | 8.71 | 2.85 | 11.56 |',
    // 0.045 * 730 + 0.005 * 730; 50 * 0.045
    '| prod | nat-egress | `prod-nat-egress` | us-east-1 | 36.50 | 2.25 | 38.75 |',
    '| prod | privatelink | `prod-privatelink` | eu-west-1 | 24.09 | 0.10 | 24.19 |', // 3 * 0.011 * 730; 10 * 0.01
    '| qa | private-only | `qa-private-only` | eu-west-1 | 1.00 | 0.00 | 1.00 |',
    '| **all stacks** | | | | **71.30** | **5.20** | **76.50** |',
    '',
    `AWS list prices as of ${PRICES_AS_OF} (toolkit/cost/src/price-table.ts); per stack: 50 GB of NAT traffic, ` +
      `10 GB of it S3 (through the S3 gateway endpoint where a stack has one), 10 GB ` +
      `through interface endpoints, 5 GB of flow logs a month; 730 hours a month.`,
    '',
  ].join('\n');

  const variantOrder = ['private-only', 'nat-egress', 'privatelink'];

  it(
    'has one row per stack, ordered by environment (dev, staging, prod, then others) and the variant order given, ' +
      'and a total row',
    () => {
      expect(costSummaryTable(reports, { variantOrder })).toBe(expected);
    },
  );

  it('is the same whatever the order of the reports', () => {
    expect(costSummaryTable([...reports].reverse(), { variantOrder })).toBe(expected);
    expect(costSummaryTable([reports[2], reports[4], reports[0], reports[3], reports[1]], { variantOrder })).toBe(
      expected,
    );
  });

  it('sorts variants alphabetically without an order, and unlisted variants after the listed ones', () => {
    const devVariants = (table: string) =>
      table
        .split('\n')
        .filter((line) => line.startsWith('| dev |'))
        .map((line) => line.split(' | ')[1]);
    expect(devVariants(costSummaryTable(reports))).toEqual(['nat-egress', 'private-only']);
    expect(devVariants(costSummaryTable(reports, { variantOrder: ['private-only'] }))).toEqual([
      'private-only',
      'nat-egress',
    ]);
  });

  it("says when the stacks' traffic assumptions differ", () => {
    const other = estimateMonthlyCost('dev-private-only', emptyStack('eu-west-1', 'dev', 'private-only'), 'eu-west-1', {
      flowLogGbPerMonth: 1,
    });
    expect(costSummaryTable([reports[0], other])).toContain('traffic assumptions differ between stacks.');
  });
});
