import { TrafficAssumptions } from './assumptions';

/** Fixed items cost the same every month whatever the traffic; variable items scale with it (per GB). */
export type CostKind = 'fixed' | 'variable';

/**
 * Stable identifiers of the items an estimate can contain (instance hours add `:<instance type>`, provisioned
 * concurrency `:<architecture>`).
 */
export const COST_ITEM_IDS = {
  natGatewayHours: 'nat-gateway-hours',
  natGatewayData: 'nat-gateway-data',
  natInstanceHours: 'nat-instance-hours',
  ec2InstanceHours: 'ec2-instance-hours',
  ebsGp3Storage: 'ebs-gp3-storage',
  publicIpv4Hours: 'public-ipv4-hours',
  interfaceEndpointHours: 'interface-endpoint-hours',
  interfaceEndpointData: 'interface-endpoint-data',
  gatewayEndpoints: 'gateway-endpoints',
  s3GatewayEndpointData: 's3-gateway-endpoint-data',
  egressOnlyInternetGateways: 'egress-only-internet-gateways',
  standardParameters: 'ssm-standard-parameters',
  resolverEndpointEniHours: 'resolver-endpoint-eni-hours',
  transitGatewayAttachmentHours: 'transit-gateway-attachment-hours',
  transitGatewayData: 'transit-gateway-data',
  vpcPeeringConnections: 'vpc-peering-connections',
  hostedZones: 'route53-hosted-zones',
  flowLogIngestion: 'flow-log-ingestion',
  kmsKeys: 'kms-keys',
  lambdaProvisionedConcurrency: 'lambda-provisioned-concurrency',
} as const;

/** One line of an estimate: a billed quantity times its list price. */
export interface CostItem {
  /** Stable identifier, one of COST_ITEM_IDS (instance hours: `nat-instance-hours:t4g.nano`). */
  readonly id: string;
  /** What is billed, e.g. `NAT gateway hours`. */
  readonly item: string;
  /** Fixed (hourly or monthly, whatever the traffic) or variable (per GB, from the traffic assumptions). */
  readonly kind: CostKind;
  /**
   * How many billed things the item covers: NAT gateways, instances, volumes, public IPv4 addresses, endpoint
   * AZs, resolver ENIs, keys, provisioned execution environments; for a per-GB item, the resources the traffic is
   * spread over.
   */
  readonly count: number;
  /** The billed quantity in `unit`, e.g. 3 gateways x 730 hours = 2190 gateway-hours. */
  readonly quantity: number;
  /** The billing unit of `quantity` and `unitPrice`. */
  readonly unit: string;
  /** List price per unit, USD, from the price table. */
  readonly unitPrice: number;
  /** quantity x unitPrice, rounded to cents. */
  readonly monthlyUsd: number;
  /** Terraform addresses of the resources behind the item, sorted. */
  readonly resources: readonly string[];
}

/** A stack's estimated monthly cost. */
export interface CostReport {
  readonly stack: string;
  /** The `environment` default tag, or the stack name before its variant. */
  readonly environment: string | undefined;
  /** The `variant` default tag. */
  readonly variant: string | undefined;
  readonly region: string;
  /** The date of the price table's list prices. */
  readonly pricesAsOf: string;
  /** The assumptions the variable items and hourly quantities use (defaults with any overrides). */
  readonly assumptions: TrafficAssumptions;
  /** Every billed item, in a fixed order; items with no resources are left out. */
  readonly items: readonly CostItem[];
  /** Sum of the fixed items' cents. */
  readonly fixedMonthlyUsd: number;
  /** Sum of the variable items' cents. */
  readonly variableMonthlyUsd: number;
  /** Sum of every item, so exactly fixed + variable. */
  readonly totalMonthlyUsd: number;
}

/** Rounds USD to cents, immune to binary noise such as 105.12 * 100 = 10511.999999999998. */
export function roundCents(usd: number): number {
  return Math.round(Number((usd * 100).toPrecision(12))) / 100;
}

/** The item of a report with an id, if the report has one. */
export function costItem(report: CostReport, id: string): CostItem | undefined {
  return report.items.find((item) => item.id === id);
}
