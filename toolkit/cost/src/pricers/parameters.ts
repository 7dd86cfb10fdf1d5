import { COST_ITEM_IDS } from '../cost-report';
import { addressesOf, Pricer } from '../pricing';

/**
 * SSM Parameter Store parameters (the network handles): standard ones listed at their price, which is zero. An
 * advanced or intelligent-tiering parameter is billed per parameter-month and per API interaction, and is not priced.
 */
export const standardParameters: Pricer = ({ document, prices }) => {
  const parameters = document.resources('aws_ssm_parameter');
  for (const parameter of parameters) {
    const tier = parameter.body.tier ?? 'Standard';
    if (tier !== 'Standard') {
      throw new Error(`${parameter.address}: SSM parameter tier "${tier}" is not priced; priced: Standard`);
    }
  }
  if (parameters.length === 0) return [];
  return [
    {
      id: COST_ITEM_IDS.standardParameters,
      item: 'SSM parameters (standard)',
      kind: 'fixed',
      count: parameters.length,
      quantity: parameters.length,
      unit: 'parameter-month',
      unitPrice: prices.standardParameterMonth,
      resources: addressesOf(parameters),
    },
  ];
};
