import { StackDocument, StackResource } from '@lambda-vpc/stack-model';
import { COST_ITEM_IDS } from '../cost-report';
import { addressesOf, blocks, literalList, Pricer } from '../pricing';
import { s3GatewayEndpointsOf, s3GbBypassingNat } from '../s3-share';

/** The VPC endpoints by type; any type other than Interface or Gateway cannot be priced. */
function endpointsOf(document: StackDocument): { interfaces: StackResource[]; gateways: StackResource[] } {
  const interfaces: StackResource[] = [];
  const gateways: StackResource[] = [];
  for (const endpoint of document.resources('aws_vpc_endpoint')) {
    const type = endpoint.body.vpc_endpoint_type ?? 'Gateway';
    if (type === 'Gateway') gateways.push(endpoint);
    else if (type === 'Interface') interfaces.push(endpoint);
    else throw new Error(`${endpoint.address}: VPC endpoint type "${type}" is not priced; priced: Interface, Gateway`);
  }
  return { interfaces, gateways };
}

/** Interface endpoint AZ-hours: one per subnet in each endpoint's `subnet_ids`. */
export const interfaceEndpointHours: Pricer = ({ document, prices, hours }) => {
  const { interfaces } = endpointsOf(document);
  if (interfaces.length === 0) return [];
  const azs = interfaces.reduce((sum, endpoint) => sum + literalList(endpoint, 'subnet_ids').length, 0);
  return [
    {
      id: COST_ITEM_IDS.interfaceEndpointHours,
      item: 'Interface endpoint AZ-hours',
      kind: 'fixed',
      count: azs,
      quantity: azs * hours,
      unit: 'AZ-hour',
      unitPrice: prices.interfaceEndpointAzHour,
      resources: addressesOf(interfaces),
    },
  ];
};

/** Gateway endpoints: listed at their price, which is zero. */
export const gatewayEndpoints: Pricer = ({ document, prices }) => {
  const { gateways } = endpointsOf(document);
  if (gateways.length === 0) return [];
  return [
    {
      id: COST_ITEM_IDS.gatewayEndpoints,
      item: 'Gateway endpoints',
      kind: 'fixed',
      count: gateways.length,
      quantity: gateways.length,
      unit: 'endpoint-month',
      unitPrice: prices.gatewayEndpointMonth,
      resources: addressesOf(gateways),
    },
  ];
};

/**
 * The S3 share of the NAT traffic (`s3GbPerMonth`), carried by the S3 gateway endpoint at no charge: listed so the
 * report shows where those GB went, and that the NAT processing line is that much smaller.
 */
export const s3GatewayEndpointData: Pricer = ({ document, prices, assumptions }) => {
  const gb = s3GbBypassingNat(document, assumptions);
  if (gb === 0) return [];
  const endpoints = s3GatewayEndpointsOf(document);
  return [
    {
      id: COST_ITEM_IDS.s3GatewayEndpointData,
      item: 'S3 data through the gateway endpoint, not NAT',
      kind: 'variable',
      count: endpoints.length,
      quantity: gb,
      unit: 'GB',
      unitPrice: prices.gatewayEndpointGb,
      resources: addressesOf(endpoints),
    },
  ];
};

/** Interface endpoint data processed, from `interfaceEndpointGbPerMonth`. */
export const interfaceEndpointData: Pricer = ({ document, prices, assumptions }) => {
  const { interfaces } = endpointsOf(document);
  if (interfaces.length === 0) return [];
  return [
    {
      id: COST_ITEM_IDS.interfaceEndpointData,
      item: 'Interface endpoint data processed',
      kind: 'variable',
      count: interfaces.length,
      quantity: assumptions.interfaceEndpointGbPerMonth,
      unit: 'GB',
      unitPrice: prices.interfaceEndpointGb,
      resources: addressesOf(interfaces),
    },
  ];
};

/** Route 53 Resolver endpoint ENI-hours: one ENI per `ip_address`. */
export const resolverEndpointEniHours: Pricer = ({ document, prices, hours }) => {
  const endpoints = document.resources('aws_route53_resolver_endpoint');
  if (endpoints.length === 0) return [];
  const enis = endpoints.reduce((sum, endpoint) => sum + blocks(endpoint.body.ip_address).length, 0);
  return [
    {
      id: COST_ITEM_IDS.resolverEndpointEniHours,
      item: 'Route 53 Resolver endpoint ENI-hours',
      kind: 'fixed',
      count: enis,
      quantity: enis * hours,
      unit: 'ENI-hour',
      unitPrice: prices.resolverEndpointEniHour,
      resources: addressesOf(endpoints),
    },
  ];
};
