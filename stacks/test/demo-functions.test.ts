import { ConfigError, loadEnvironments } from '@lambda-vpc/stacks';
import { policyOf, resourcesOf, TerraformJson } from '../../test-support/terraform-json';
import { environmentValues, synthToTemp, variantsWith } from './fixtures';

const ORDERS = { entry: 'workloads/orders/src/handler.ts', table: 'read' };

/**
 * The stack `name` of an environment whose variants have `overrides`, synthesized through the guardrails as
 * `npm run synth` does (an error stops synth), with the warnings they report on it.
 */
function synthWith(overrides: Parameters<typeof variantsWith>[0], name: string) {
  const { stacks, guardrails } = synthToTemp([environmentValues({ variants: variantsWith(overrides) })]);
  return { json: stacks[name]!, warnings: guardrails.warnings.filter((warning) => warning.stack === name) };
}

/** Each endpoint of a stack, by service, with the statements of its policy as [Sid, Effect, principals]. */
function endpointPolicies(json: TerraformJson): Record<string, unknown[][]> {
  return Object.fromEntries(
    resourcesOf(json, 'aws_vpc_endpoint').map(([, body]) => [
      String(body.service_name).split('.').pop(),
      policyOf(body).Statement.map((s) => [s.Sid, s.Effect, s.Principal === '*' ? '*' : s.Principal.AWS]),
    ]),
  );
}

/** An endpoint policy's Allow of one action on one resource to the role of the declared function `fn`. */
const allowStatement = (sid: string, fn: string, action: string, resource: string) => ({
  Sid: sid,
  Effect: 'Allow',
  Principal: { AWS: [`\${aws_iam_role.${fn}_role.arn}`] },
  Action: [action],
  Resource: [resource],
});

const addressesOf = (json: TerraformJson, type: string) => resourcesOf(json, type).map(([name]) => name);

/** The config line loadEnvironments reports for an environment with these variants. */
function problemOf(overrides: Parameters<typeof variantsWith>[0]): string {
  try {
    loadEnvironments([environmentValues({ variants: variantsWith(overrides) })]);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('private-only without its demo function (demoFunctions: false) and with one declared function', () => {
  const { json, warnings } = synthWith(
    { privateOnly: { demoFunctions: false, functions: { orders: ORDERS } } },
    'test-private-only',
  );

  it('passes the guardrails with no warning, and has no demo function and no reports bucket', () => {
    expect(warnings).toEqual([]);
    expect(addressesOf(json, 'aws_lambda_function')).toEqual(['orders']);
    expect(addressesOf(json, 'aws_s3_bucket')).toEqual([]);
    expect(Object.keys(json.output ?? {}).sort()).toEqual(['table_name', 'vpc_id']);
  });

  it('keeps the network, both gateway endpoints, the key, the table and the network handles', () => {
    expect(addressesOf(json, 'aws_vpc')).toEqual(['network_vpc']);
    expect(Object.keys(endpointPolicies(json)).sort()).toEqual(['dynamodb', 's3']);
    expect(addressesOf(json, 'aws_kms_key')).toEqual(['key']);
    expect(addressesOf(json, 'aws_dynamodb_table')).toEqual(['table']);
    expect(addressesOf(json, 'aws_ssm_parameter').length).toBeGreaterThan(0);
  });

  it("names only the declared function's role in the DynamoDB endpoint's policy; S3, unused, denies everything", () => {
    expect(endpointPolicies(json)).toEqual({
      dynamodb: [['OrdersUsesTheTable', 'Allow', ['${aws_iam_role.orders_role.arn}']]],
      s3: [['NoUserYet', 'Deny', '*']],
    });
  });

  it('lets a declared function that lists an interface endpoint call the actions the environment lists for it', () => {
    const { json: withSts } = synthWith(
      {
        privateOnly: {
          demoFunctions: false,
          interfaceEndpoints: [{ service: 'sts', actions: ['sts:GetCallerIdentity'] }],
          functions: { orders: { ...ORDERS, endpoints: ['sts'] } },
        },
      },
      'test-private-only',
    );
    const sts = resourcesOf(withSts, 'aws_vpc_endpoint').find(([, body]) => body.service_name.endsWith('.sts'))!;
    expect(policyOf(sts[1]).Statement).toEqual([
      allowStatement('OrdersCallsSts', 'orders', 'sts:GetCallerIdentity', '*'),
    ]);
  });
});

describe('nat-egress without its demo function (demoFunctions: false) and with one declared function', () => {
  const { json, warnings } = synthWith(
    { natEgress: { demoFunctions: false, functions: { orders: ORDERS } } },
    'test-nat-egress',
  );

  it('passes the guardrails with no warning, and has no demo function', () => {
    expect(warnings).toEqual([]);
    expect(addressesOf(json, 'aws_lambda_function')).toEqual(['orders']);
    expect(Object.keys(json.output ?? {}).sort()).toEqual(['nat_public_ips', 'table_name', 'vpc_id']);
  });

  it('keeps the network, the NAT, the key, the table and the network handles', () => {
    expect(addressesOf(json, 'aws_nat_gateway')).toHaveLength(1);
    expect(addressesOf(json, 'aws_internet_gateway')).toHaveLength(1);
    expect(addressesOf(json, 'aws_kms_key')).toEqual(['key']);
    expect(addressesOf(json, 'aws_dynamodb_table')).toEqual(['table']);
    expect(addressesOf(json, 'aws_ssm_parameter').length).toBeGreaterThan(0);
  });

  it("names only the declared function's role in the DynamoDB endpoint's policy; S3 admits the account's own", () => {
    expect(endpointPolicies(json)).toEqual({
      dynamodb: [['OrdersUsesTheTable', 'Allow', ['${aws_iam_role.orders_role.arn}']]],
      s3: [['OwnAccountPrincipalsOnOwnAccountBuckets', 'Allow', ['123456789012']]],
    });
  });
});

describe('privatelink without its demo functions (demoFunctions: false) and with one declared function', () => {
  const caller = { entry: 'workloads/orders/src/handler.ts', endpoints: ['lambda'] };
  const { json, warnings } = synthWith(
    { privatelink: { demoFunctions: false, functions: { caller } } },
    'test-privatelink',
  );

  it('passes the guardrails with no warning, and has neither the demo caller nor the target', () => {
    expect(warnings).toEqual([]);
    expect(addressesOf(json, 'aws_lambda_function')).toEqual(['caller']);
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      'lambda_endpoint_dns_entries',
      'lambda_endpoint_id',
      'lambda_endpoint_regional_dns_name',
      'lambda_private_dns_name',
      'vpc_id',
    ]);
  });

  it("names only the declared function's role in the Lambda endpoint's policy, invoking the stack's functions", () => {
    const endpoint = resourcesOf(json, 'aws_vpc_endpoint')[0]![1];
    expect(policyOf(endpoint).Statement).toEqual([
      allowStatement(
        'CallerCallsLambda',
        'caller',
        'lambda:InvokeFunction',
        'arn:aws:lambda:eu-west-1:123456789012:function:test-privatelink-*',
      ),
    ]);
  });

  it("admits the declared function's security group on HTTPS only", () => {
    expect(
      resourcesOf(json, 'aws_vpc_security_group_ingress_rule').map(([name, body]) => [name, body.from_port]),
    ).toEqual([[expect.stringMatching(/^lambda-endpoint_ingress_caller/), 443]]);
  });

  it('with no declared caller and no on-premises network, is refused: the endpoint would admit nobody', () => {
    expect(problemOf({ privatelink: { demoFunctions: false } })).toBe(
      'environment "test", field variants.privatelink.demoFunctions = false: removes the only callers of the ' +
        'Lambda interface endpoint, which would then admit nobody; allowed: false with a function under functions ' +
        'that lists endpoints: ["lambda"], with onPremisesCidrs or remoteCallers',
    );
  });

  it('refuses allowedPrincipals, who may invoke the demo target', () => {
    expect(
      problemOf({
        privatelink: {
          demoFunctions: false,
          allowedPrincipals: ['arn:aws:iam::123456789012:role/caller'],
          functions: { caller },
        },
      }),
    ).toBe(
      'environment "test", field variants.privatelink.allowedPrincipals = ["arn:aws:iam::123456789012:role/caller"]: ' +
        'names who may invoke the demo target, which demoFunctions: false removes; allowed: leave it out without ' +
        'the demo functions',
    );
  });

  it('builds the endpoint for on-premises callers alone, its policy denying everything', () => {
    const { json: onPremises } = synthWith(
      { privatelink: { demoFunctions: false, onPremisesCidrs: ['172.16.0.0/16'] } },
      'test-privatelink',
    );
    expect(addressesOf(onPremises, 'aws_lambda_function')).toEqual([]);
    expect(endpointPolicies(onPremises)).toEqual({ lambda: [['NoUserYet', 'Deny', '*']] });
  });
});
