import { COST_ITEM_IDS } from '../cost-report';
import { addressesOf, Pricer } from '../pricing';

/** Flow log ingestion into CloudWatch Logs, from `flowLogGbPerMonth`; any other destination cannot be priced. */
export const flowLogIngestion: Pricer = ({ document, prices, assumptions }) => {
  const flowLogs = document.resources('aws_flow_log');
  for (const flowLog of flowLogs) {
    const destination = flowLog.body.log_destination_type ?? 'cloud-watch-logs';
    if (destination !== 'cloud-watch-logs') {
      throw new Error(
        `${flowLog.address}: flow-log destination "${destination}" is not priced; priced: cloud-watch-logs`,
      );
    }
  }
  if (flowLogs.length === 0) return [];
  return [
    {
      id: COST_ITEM_IDS.flowLogIngestion,
      item: 'Flow log ingestion (CloudWatch Logs)',
      kind: 'variable',
      count: flowLogs.length,
      quantity: assumptions.flowLogGbPerMonth,
      unit: 'GB',
      unitPrice: prices.flowLogIngestionGb,
      resources: addressesOf(flowLogs),
    },
  ];
};

/** KMS customer managed keys, per key-month. */
export const kmsKeys: Pricer = ({ document, prices }) => {
  const keys = document.resources('aws_kms_key');
  if (keys.length === 0) return [];
  return [
    {
      id: COST_ITEM_IDS.kmsKeys,
      item: 'KMS keys',
      kind: 'fixed',
      count: keys.length,
      quantity: keys.length,
      unit: 'key-month',
      unitPrice: prices.kmsKeyMonth,
      resources: addressesOf(keys),
    },
  ];
};
