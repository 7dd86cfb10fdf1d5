import { COST_ITEM_IDS } from '../cost-report';
import { addressesOf, Pricer } from '../pricing';

/** Transit Gateway VPC attachment hours: each attachment is billed by the hour to its owner, whatever the traffic. */
export const transitGatewayAttachmentHours: Pricer = ({ document, prices, hours }) => {
  const attachments = document.resources('aws_ec2_transit_gateway_vpc_attachment');
  if (attachments.length === 0) return [];
  return [
    {
      id: COST_ITEM_IDS.transitGatewayAttachmentHours,
      item: 'Transit Gateway attachment hours',
      kind: 'fixed',
      count: attachments.length,
      quantity: attachments.length * hours,
      unit: 'attachment-hour',
      unitPrice: prices.transitGatewayAttachmentHour,
      resources: addressesOf(attachments),
    },
  ];
};

/** VPC peering connections (requested or accepted): listed at their hourly price, which is zero. */
export const vpcPeeringConnections: Pricer = ({ document, prices }) => {
  const peerings = [
    ...document.resources('aws_vpc_peering_connection'),
    ...document.resources('aws_vpc_peering_connection_accepter'),
  ];
  if (peerings.length === 0) return [];
  return [
    {
      id: COST_ITEM_IDS.vpcPeeringConnections,
      item: 'VPC peering connections',
      kind: 'fixed',
      count: peerings.length,
      quantity: peerings.length,
      unit: 'connection-month',
      unitPrice: prices.vpcPeeringMonth,
      resources: addressesOf(peerings),
    },
  ];
};

/** Route 53 private hosted zones, per zone-month; alias queries to a VPC endpoint are not charged. */
export const hostedZones: Pricer = ({ document, prices }) => {
  const zones = document.resources('aws_route53_zone');
  if (zones.length === 0) return [];
  return [
    {
      id: COST_ITEM_IDS.hostedZones,
      item: 'Route 53 hosted zones',
      kind: 'fixed',
      count: zones.length,
      quantity: zones.length,
      unit: 'zone-month',
      unitPrice: prices.hostedZoneMonth,
      resources: addressesOf(zones),
    },
  ];
};

/**
 * Transit Gateway data processed: what crosses the join is remote callers' traffic to the Lambda interface endpoint,
 * so it is assumed to be `interfaceEndpointGbPerMonth`. AWS charges each attachment for what it sends; this counts the
 * whole of it on every stack with an attachment, so a caller's and a target's lines together bound the charge from
 * above.
 */
export const transitGatewayData: Pricer = ({ document, prices, assumptions }) => {
  const attachments = document.resources('aws_ec2_transit_gateway_vpc_attachment');
  if (attachments.length === 0) return [];
  return [
    {
      id: COST_ITEM_IDS.transitGatewayData,
      item: 'Transit Gateway data processed',
      kind: 'variable',
      count: attachments.length,
      quantity: assumptions.interfaceEndpointGbPerMonth,
      unit: 'GB',
      unitPrice: prices.transitGatewayGb,
      resources: addressesOf(attachments),
    },
  ];
};
