import { COST_ITEM_IDS } from '../cost-report';
import { natCountOf } from '../instance-groups';
import { addressesOf, Pricer } from '../pricing';
import { s3GbBypassingNat } from '../s3-share';

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
  const share = gateways.length / natCountOf(document);
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

/**
 * Egress-only internet gateways: IPv6 out with no NAT, so no hourly and no processing charge (a zero line, so the
 * report shows the gateway is there and free). What leaves through them is billed as data transfer out to the
 * internet, as IPv4 through NAT is on top of NAT processing; no estimate counts data transfer out.
 */
export const egressOnlyInternetGateways: Pricer = ({ document, prices }) => {
  const gateways = document.resources('aws_egress_only_internet_gateway');
  if (gateways.length === 0) return [];
  return [
    {
      id: COST_ITEM_IDS.egressOnlyInternetGateways,
      item: 'Egress-only internet gateways (IPv6 out, no NAT)',
      kind: 'fixed',
      count: gateways.length,
      quantity: gateways.length,
      unit: 'gateway-month',
      unitPrice: prices.egressOnlyInternetGatewayMonth,
      resources: addressesOf(gateways),
    },
  ];
};
