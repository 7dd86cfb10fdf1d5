import { COST_ITEM_IDS } from '../cost-report';
import { addressesOf, natInstancesOf, Pricer, s3GbBypassingNat } from '../pricing';

/** NAT gateway hours: every gateway, whatever its traffic. */
export const natGatewayHours: Pricer = ({ document, prices, hours }) => {
  const gateways = document.resources('aws_nat_gateway');
  if (gateways.length === 0) return [];
  return [
    {
      id: COST_ITEM_IDS.natGatewayHours,
      item: 'NAT gateway hours',
      kind: 'fixed',
      count: gateways.length,
      quantity: gateways.length * hours,
      unit: 'gateway-hour',
      unitPrice: prices.natGatewayHour,
      resources: addressesOf(gateways),
    },
  ];
};

/**
 * NAT data processing: the NAT traffic, less what an S3 gateway endpoint takes, split evenly over every NAT; only
 * gateways' shares are charged.
 */
export const natGatewayData: Pricer = ({ document, prices, assumptions }) => {
  const gateways = document.resources('aws_nat_gateway');
  if (gateways.length === 0) return [];
  const share = gateways.length / (gateways.length + natInstancesOf(document).length);
  return [
    {
      id: COST_ITEM_IDS.natGatewayData,
      item: 'NAT gateway data processed',
      kind: 'variable',
      count: gateways.length,
      quantity: (assumptions.natGbPerMonth - s3GbBypassingNat(document, assumptions)) * share,
      unit: 'GB',
      unitPrice: prices.natGatewayGb,
      resources: addressesOf(gateways),
    },
  ];
};
