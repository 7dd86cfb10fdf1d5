import { StackDocument, StackJson } from '@lambda-vpc/stack-model';
import { DEFAULT_ASSUMPTIONS, resolveAssumptions, TrafficAssumptions } from './assumptions';
import { CostItem, CostKind, CostReport, roundCents } from './cost-report';
import { pricesFor, PRICES_AS_OF } from './price-table';
import { Pricer } from './pricing';
import { ebsStorage, instanceHours } from './pricers/instances';
import {
  gatewayEndpoints,
  interfaceEndpointData,
  interfaceEndpointHours,
  resolverEndpointEniHours,
  s3GatewayEndpointData,
} from './pricers/endpoints';
import { flowLogIngestion, kmsKeys } from './pricers/logs-and-keys';
import { egressOnlyInternetGateways, natGatewayData, natGatewayHours } from './pricers/nat-gateways';
import {
  hostedZones,
  transitGatewayAttachmentHours,
  transitGatewayData,
  vpcPeeringConnections,
} from './pricers/network-joins';
import { provisionedConcurrency } from './pricers/provisioned-concurrency';
import { standardParameters } from './pricers/parameters';
import { publicIpv4Hours } from './pricers/public-ipv4';

/** Every pricer, in the order a report lists its items (fixed items first, then variable, each in this order). */
const PRICERS: readonly Pricer[] = [
  natGatewayHours,
  instanceHours,
  ebsStorage,
  publicIpv4Hours,
  natGatewayData,
  s3GatewayEndpointData,
  interfaceEndpointHours,
  gatewayEndpoints,
  egressOnlyInternetGateways,
  resolverEndpointEniHours,
  transitGatewayAttachmentHours,
  vpcPeeringConnections,
  hostedZones,
  provisionedConcurrency,
  standardParameters,
  interfaceEndpointData,
  transitGatewayData,
  flowLogIngestion,
  kmsKeys,
];

/** The region of a stack's AWS provider (`provider.aws[0].region`); an error when it has none. */
export function stackRegion(json: StackJson): string {
  const region = json.provider?.aws?.[0]?.region;
  if (typeof region !== 'string' || region === '' || region.includes('${')) {
    throw new Error(
      "the stack's AWS provider has no literal region (provider.aws[0].region); pass the region explicitly",
    );
  }
  return region;
}

/**
 * Estimates a synthesized stack's monthly cost from its Terraform JSON, with the list prices of `region` and
 * the traffic `assumptions` (defaults for any not given).
 *
 * Counted: NAT gateways (hours; per-GB processing from `natGbPerMonth`, less `s3GbPerMonth` when an S3 gateway
 * endpoint carries it, split evenly over all NATs, of which NAT instances' shares cost nothing), EC2 instances (a NAT
 * instance is one with `source_dest_check = false`; hours by `instance_type`, plus gp3 root and EBS volumes), public
 * IPv4 addresses (each `aws_eip` once, whatever uses it; an existing allocation ID a NAT gateway or EIP association
 * names once per ID; an instance's auto-assigned public IP), VPC endpoints (Interface: one AZ-hour per subnet in
 * `subnet_ids`, per-GB from `interfaceEndpointGbPerMonth`; Gateway: zero, and S3's share of the NAT traffic at zero),
 * egress-only internet gateways (zero: no hourly charge), Route 53 Resolver endpoints (one ENI per `ip_address`),
 * Transit Gateway VPC attachments (hours; per-GB from `interfaceEndpointGbPerMonth`, the callers' traffic that
 * crosses the join), VPC peering connections (zero), Route 53 hosted zones (per zone-month),
 * Lambda provisioned concurrency (GB-seconds of the month, by architecture), SSM parameters (standard tier: zero),
 * flow logs to CloudWatch Logs (ingestion from `flowLogGbPerMonth`) and KMS keys.
 *
 * Anything it cannot price is an error rather than a silent zero: an unknown region, an unpriced instance type
 * or volume type, an endpoint type other than Interface or Gateway, an SSM parameter tier other than Standard, a
 * flow-log destination other than CloudWatch Logs, a list given as a token, provisioned concurrency whose function
 * or count is not literal.
 */
export function estimateMonthlyCost(
  stackName: string,
  json: StackJson,
  region: string,
  assumptions: Partial<TrafficAssumptions> = DEFAULT_ASSUMPTIONS,
): CostReport {
  const resolved = resolveAssumptions(assumptions);
  const document = new StackDocument(stackName, json);
  const context = { document, region, prices: pricesFor(region), assumptions: resolved, hours: resolved.hoursPerMonth };
  const items: CostItem[] = PRICERS.flatMap((pricer) => pricer(context)).map((line) => ({
    ...line,
    // Cents, as AWS bills them: no 10.950000000000001 in cost.json. The totals below add these rounded amounts, so
    // the items of a report always add up to its totals.
    monthlyUsd: roundCents(line.quantity * line.unitPrice),
    resources: [...new Set(line.resources)].sort(),
  }));
  const ordered = [
    ...items.filter((item) => item.kind === 'fixed'),
    ...items.filter((item) => item.kind === 'variable'),
  ];
  const sum = (kind?: CostKind): number =>
    ordered.filter((item) => !kind || item.kind === kind).reduce((total, item) => total + item.monthlyUsd, 0);
  const tags: Record<string, string> | undefined = json.provider?.aws?.[0]?.default_tags?.[0]?.tags;
  const variant = document.variant;
  const environment =
    tags?.environment ??
    (variant && stackName.endsWith(`-${variant}`) ? stackName.slice(0, -variant.length - 1) : undefined);
  return {
    stack: stackName,
    environment,
    variant,
    region,
    pricesAsOf: PRICES_AS_OF,
    assumptions: resolved,
    items: ordered,
    fixedMonthlyUsd: roundCents(sum('fixed')),
    variableMonthlyUsd: roundCents(sum('variable')),
    totalMonthlyUsd: roundCents(sum()),
  };
}
