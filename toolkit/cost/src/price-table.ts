// A dated table of AWS list prices, in USD, for the cost items the blueprints create.
//
// These are AWS's published on-demand LIST prices (no Savings Plans, reserved capacity, free tier, credits or
// negotiated discounts), as of PRICES_AS_OF, written with exactly the digits AWS publishes and no more. They
// were transcribed by hand from AWS's public rates for the pages named in PRICE_SOURCES when the table was
// written, not fetched from those pages or from the AWS Price List API on that date: re-check every figure
// against the pages (or the Price List API) before relying on it, and whenever PRICES_AS_OF is more than a few
// months old. AWS changes these prices rarely, but it does change them; then update the figure and the date.
//
// A region not in this table is an error that names the priced regions: an estimate never falls back to
// another region's prices. To add a region, add a complete RegionPrices entry from the same pages.
//
// Not in the table, and so not in any estimate: data transfer out to the internet (which applies on top of
// NAT processing), cross-AZ data transfer, CloudWatch Logs storage and queries, Route 53 Resolver DNS queries,
// KMS requests, EC2 detailed monitoring metrics, Lambda requests and duration (on demand, or the lower rate while
// provisioned concurrency serves), DynamoDB, S3 and SQS usage.

/**
 * The date the prices below were written down (ISO 8601). Re-check them against PRICE_SOURCES before relying on them.
 */
export const PRICES_AS_OF = '2026-11-23';

/** Where each price comes from; all are public on-demand list prices, in USD. */
export const PRICE_SOURCES: Readonly<Record<string, string>> = {
  natGateway: 'https://aws.amazon.com/vpc/pricing/ (NAT gateway: per hour, per GB data processed)',
  egressOnlyInternetGateway:
    'https://aws.amazon.com/vpc/pricing/ (an egress-only internet gateway, like an internet gateway, has no hourly ' +
    'or processing charge; data out through it is billed as data transfer out to the internet)',
  interfaceEndpoint:
    'https://aws.amazon.com/privatelink/pricing/ (interface endpoint: per hour per AZ, per GB data processed, first ' +
    '1 PB tier)',
  publicIpv4:
    'https://aws.amazon.com/vpc/pricing/ (public IPv4 address, in use or idle: $0.005 per hour in every region since ' +
    '2024-02-01)',
  ec2: 'https://aws.amazon.com/ec2/pricing/on-demand/ (Linux on-demand, per hour)',
  ebs: 'https://aws.amazon.com/ebs/pricing/ (gp3 storage per GB-month; baseline 3,000 IOPS and 125 MB/s are included)',
  route53Resolver: 'https://aws.amazon.com/route53/pricing/ (Resolver endpoint: per ENI (IP address) per hour)',
  cloudWatchLogs:
    'https://aws.amazon.com/cloudwatch/pricing/ (vended logs delivered to CloudWatch Logs, first 10 TB tier, per GB)',
  kms: 'https://aws.amazon.com/kms/pricing/ (customer managed key: $1 per key per month)',
  lambda:
    'https://aws.amazon.com/lambda/pricing/ (Provisioned Concurrency: per GB-second configured, by architecture; ' +
    'the same in every priced region)',
  transitGateway:
    'https://aws.amazon.com/transit-gateway/pricing/ (per VPC attachment per hour, per GB of data processed, sent ' +
    'into the Transit Gateway)',
  vpcPeering:
    'https://aws.amazon.com/vpc/pricing/ (VPC peering: no hourly charge; data across AZs or regions is charged as ' +
    'data transfer, not estimated here)',
  route53:
    'https://aws.amazon.com/route53/pricing/ (hosted zone: $0.50 per zone per month for the first 25; alias queries ' +
    'to VPC endpoints at no charge)',
  parameterStore:
    'https://aws.amazon.com/systems-manager/pricing/ (Parameter Store: standard parameters and standard ' +
    'throughput at no charge)',
};

/** One region's list prices, in USD. */
export interface RegionPrices {
  /** NAT gateway, per gateway-hour. */
  readonly natGatewayHour: number;
  /** NAT gateway data processing, per GB (either direction). */
  readonly natGatewayGb: number;
  /** Interface endpoint, per endpoint per AZ per hour. */
  readonly interfaceEndpointAzHour: number;
  /** Interface endpoint data processing, per GB (first 1 PB a month in the region). */
  readonly interfaceEndpointGb: number;
  /** Gateway endpoints (S3, DynamoDB): no charge. */
  readonly gatewayEndpointMonth: number;
  /** Data through a gateway endpoint: no charge either. */
  readonly gatewayEndpointGb: number;
  /**
   * Egress-only internet gateway (IPv6 out without NAT): no hourly or processing charge. Its data out is billed as
   * data transfer out to the internet, which no estimate counts (see above).
   */
  readonly egressOnlyInternetGatewayMonth: number;
  /** SSM Parameter Store standard parameters: no charge. */
  readonly standardParameterMonth: number;
  /** Public IPv4 address (an EIP, or an auto-assigned public IP), per address-hour. */
  readonly publicIpv4Hour: number;
  /** EC2 Linux on-demand, per instance-hour, by instance type. Only the types listed are priced. */
  readonly ec2InstanceHour: Readonly<Record<string, number>>;
  /** EBS gp3 storage, per GB-month. */
  readonly ebsGp3GbMonth: number;
  /** Route 53 Resolver endpoint, per ENI (IP address) per hour. */
  readonly resolverEndpointEniHour: number;
  /** Transit Gateway, per VPC attachment per hour. */
  readonly transitGatewayAttachmentHour: number;
  /** Transit Gateway data processing, per GB sent into it. */
  readonly transitGatewayGb: number;
  /** VPC peering connections: no hourly charge. */
  readonly vpcPeeringMonth: number;
  /** Route 53 hosted zone, per zone-month (first 25 zones). */
  readonly hostedZoneMonth: number;
  /** CloudWatch Logs ingestion of vended logs (VPC flow logs), first 10 TB a month, per GB. */
  readonly flowLogIngestionGb: number;
  /** KMS customer managed key, per key-month. */
  readonly kmsKeyMonth: number;
  /** Lambda provisioned concurrency, per GB-second configured (memory x time), by architecture (`arm64`, `x86_64`). */
  readonly lambdaProvisionedConcurrencyGbSecond: Readonly<Record<string, number>>;
}

const PUBLIC_IPV4_HOUR = 0.005;
const RESOLVER_ENI_HOUR = 0.125;
const KMS_KEY_MONTH = 1.0;
const TRANSIT_GATEWAY_GB = 0.02;
const HOSTED_ZONE_MONTH = 0.5;
/** The items priced alike in every region here: peering (free), Transit Gateway data and a hosted zone. */
const JOIN_PRICES = { transitGatewayGb: TRANSIT_GATEWAY_GB, vpcPeeringMonth: 0, hostedZoneMonth: HOSTED_ZONE_MONTH };
// Lambda's Provisioned Concurrency price, the same in every priced region; Arm (Graviton) costs 20% less.
const LAMBDA_PROVISIONED_CONCURRENCY_GB_SECOND = { arm64: 0.0000033334, x86_64: 0.0000041667 };

/** The US regions share these prices for every item here. */
const US_PRICES: RegionPrices = {
  natGatewayHour: 0.045,
  natGatewayGb: 0.045,
  interfaceEndpointAzHour: 0.01,
  interfaceEndpointGb: 0.01,
  gatewayEndpointMonth: 0,
  gatewayEndpointGb: 0,
  egressOnlyInternetGatewayMonth: 0,
  standardParameterMonth: 0,
  publicIpv4Hour: PUBLIC_IPV4_HOUR,
  ec2InstanceHour: { 't4g.nano': 0.0042, 't4g.micro': 0.0084, 't4g.small': 0.0168 },
  ebsGp3GbMonth: 0.08,
  resolverEndpointEniHour: RESOLVER_ENI_HOUR,
  transitGatewayAttachmentHour: 0.05,
  ...JOIN_PRICES,
  flowLogIngestionGb: 0.5,
  kmsKeyMonth: KMS_KEY_MONTH,
  lambdaProvisionedConcurrencyGbSecond: LAMBDA_PROVISIONED_CONCURRENCY_GB_SECOND,
};

/** List prices by region, as of PRICES_AS_OF. */
export const PRICE_TABLE: Readonly<Record<string, RegionPrices>> = {
  // Europe (Ireland): the blueprints' default region.
  'eu-west-1': {
    natGatewayHour: 0.048,
    natGatewayGb: 0.048,
    interfaceEndpointAzHour: 0.011,
    interfaceEndpointGb: 0.01,
    gatewayEndpointMonth: 0,
    gatewayEndpointGb: 0,
    egressOnlyInternetGatewayMonth: 0,
    standardParameterMonth: 0,
    publicIpv4Hour: PUBLIC_IPV4_HOUR,
    ec2InstanceHour: { 't4g.nano': 0.0046, 't4g.micro': 0.0092, 't4g.small': 0.0184 },
    ebsGp3GbMonth: 0.088,
    resolverEndpointEniHour: RESOLVER_ENI_HOUR,
    transitGatewayAttachmentHour: 0.05,
    ...JOIN_PRICES,
    flowLogIngestionGb: 0.57,
    kmsKeyMonth: KMS_KEY_MONTH,
    lambdaProvisionedConcurrencyGbSecond: LAMBDA_PROVISIONED_CONCURRENCY_GB_SECOND,
  },
  // Europe (Frankfurt).
  'eu-central-1': {
    natGatewayHour: 0.052,
    natGatewayGb: 0.052,
    interfaceEndpointAzHour: 0.012,
    interfaceEndpointGb: 0.01,
    gatewayEndpointMonth: 0,
    gatewayEndpointGb: 0,
    egressOnlyInternetGatewayMonth: 0,
    standardParameterMonth: 0,
    publicIpv4Hour: PUBLIC_IPV4_HOUR,
    ec2InstanceHour: { 't4g.nano': 0.0048, 't4g.micro': 0.0096, 't4g.small': 0.0192 },
    ebsGp3GbMonth: 0.0952,
    resolverEndpointEniHour: RESOLVER_ENI_HOUR,
    transitGatewayAttachmentHour: 0.06,
    ...JOIN_PRICES,
    flowLogIngestionGb: 0.63,
    kmsKeyMonth: KMS_KEY_MONTH,
    lambdaProvisionedConcurrencyGbSecond: LAMBDA_PROVISIONED_CONCURRENCY_GB_SECOND,
  },
  // US East (N. Virginia), US East (Ohio), US West (Oregon).
  'us-east-1': US_PRICES,
  'us-east-2': US_PRICES,
  'us-west-2': US_PRICES,
};

/** The regions with prices, sorted. */
export const PRICED_REGIONS: readonly string[] = Object.keys(PRICE_TABLE).sort();

/** A region's prices; an unknown region is an error naming the priced ones. */
export function pricesFor(region: string): RegionPrices {
  const prices = Object.prototype.hasOwnProperty.call(PRICE_TABLE, region) ? PRICE_TABLE[region] : undefined;
  if (!prices) {
    throw new Error(
      `no prices for region "${region}"; priced regions: ${PRICED_REGIONS.join(', ')} (list prices as of ` +
        `${PRICES_AS_OF}; add the region to toolkit/cost/src/price-table.ts)`,
    );
  }
  return prices;
}

/** An EC2 instance type's hourly price in a region; an unpriced type is an error naming the priced ones. */
export function instanceHourPrice(region: string, instanceType: string): number {
  const byType = pricesFor(region).ec2InstanceHour;
  const price = Object.prototype.hasOwnProperty.call(byType, instanceType) ? byType[instanceType] : undefined;
  if (price === undefined) {
    throw new Error(
      `no price for EC2 instance type "${instanceType}" in ${region}; priced types: ` +
        `${Object.keys(byType).sort().join(', ')} (add it to toolkit/cost/src/price-table.ts)`,
    );
  }
  return price;
}
