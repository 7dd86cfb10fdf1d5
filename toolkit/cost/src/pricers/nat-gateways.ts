import { COST_ITEM_IDS } from '../cost-report';
import { instanceGroupsOf } from '../instance-groups';
import { addressesOf, natInstancesOf, Pricer } from '../pricing';

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

/** NAT data processing: the NAT traffic split evenly over every NAT; only gateways' shares are charged. */
export const natGatewayData: Pricer = ({ document, prices, assumptions }) => {
  const gateways = document.resources('aws_nat_gateway');
  if (gateways.length === 0) return [];
  const groupNats = instanceGroupsOf(document)
    .filter((group) => group.nat)
    .reduce((sum, group) => sum + group.count, 0);
  const share = gateways.length / (gateways.length + natInstancesOf(document).length + groupNats);
  return [
    {
      id: COST_ITEM_IDS.natGatewayData,
      item: 'NAT gateway data processed',
      kind: 'variable',
      count: gateways.length,
      quantity: assumptions.natGbPerMonth * share,
      unit: 'GB',
      unitPrice: prices.natGatewayGb,
      resources: addressesOf(gateways),
    },
  ];
};
