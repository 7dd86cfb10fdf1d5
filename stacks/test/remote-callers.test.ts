// variants.privatelink.remoteCallers: callers in other VPCs or accounts, joined by VPC peering or a Transit Gateway,
// invoke the stack's functions through its Lambda interface endpoint. Off by default.
import { ConfigError, loadEnvironments } from '@lambda-vpc/stacks';
import { bodiesOf, onlyResource, policyOf, referenceTo, resourcesOf } from '../../test-support/terraform-json';
import { environmentValues, synthToTemp, variantsWith } from './fixtures';

const ORDERS = {
  name: 'orders',
  cidr: '10.200.0.0/16',
  vpcId: 'vpc-0a1b2c3d4e5f67890',
  principals: ['arn:aws:iam::123456789012:role/orders-invoker'],
  join: { type: 'peering' },
};
const BILLING = {
  name: 'billing',
  cidr: '10.201.0.0/16',
  vpcId: 'vpc-0b1b2c3d4e5f67890',
  accountId: '210987654321',
  principals: ['210987654321'],
  join: { type: 'transit-gateway', transitGatewayId: 'tgw-0c1b2c3d4e5f67890' },
};

/** The privatelink stack of an environment with these remote callers. */
function privatelinkWith(remoteCallers: unknown[]) {
  return synthToTemp([environmentValues({ variants: variantsWith({ privatelink: { remoteCallers } }) })]).stacks[
    'test-privatelink'
  ]!;
}

/** The config line loadEnvironments reports for these remote callers. */
function problemOf(remoteCallers: unknown): string {
  try {
    loadEnvironments([environmentValues({ variants: variantsWith({ privatelink: { remoteCallers } }) })]);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('a remote caller in this account, joined by VPC peering', () => {
  const json = privatelinkWith([ORDERS]);
  const vpc = referenceTo(json, 'aws_vpc', onlyResource(json, 'aws_vpc'));

  it('requests a peering to the caller VPC, accepted at once in the same account', () => {
    expect(resourcesOf(json, 'aws_vpc_peering_connection').map(([name, body]) => [name, body])).toEqual([
      [
        'remote-caller-orders_peering',
        expect.objectContaining({ vpc_id: vpc, peer_vpc_id: ORDERS.vpcId, auto_accept: true }),
      ],
    ]);
  });

  it("routes the caller's CIDR from every isolated route table through the peering", () => {
    const peering = '${aws_vpc_peering_connection.remote-caller-orders_peering.id}';
    expect(
      resourcesOf(json, 'aws_route').map(([name, body]) => [
        name,
        body.destination_cidr_block,
        body.vpc_peering_connection_id,
      ]),
    ).toEqual([
      ['remote-caller-orders_route_isolated_eu-west-1a', ORDERS.cidr, peering],
      ['remote-caller-orders_route_isolated_eu-west-1b', ORDERS.cidr, peering],
    ]);
  });

  it("admits the caller's CIDR on 443 and names its principals in the endpoint policy", () => {
    const rule = resourcesOf(json, 'aws_vpc_security_group_ingress_rule').find(([name]) =>
      name.includes('remote-orders'),
    )!;
    expect(rule[1]).toMatchObject({ cidr_ipv4: ORDERS.cidr, from_port: 443, to_port: 443, ip_protocol: 'tcp' });
    const statement = policyOf(onlyResource(json, 'aws_vpc_endpoint')).Statement.find(
      (s) => s.Sid === 'RemoteCallerOrders',
    );
    expect(statement).toEqual({
      Sid: 'RemoteCallerOrders',
      Effect: 'Allow',
      Principal: { AWS: ORDERS.principals },
      Action: ['lambda:InvokeFunction'],
      Resource: ['arn:aws:lambda:eu-west-1:123456789012:function:test-privatelink-*'],
    });
  });

  it('gets a private hosted zone for the Lambda API name in its VPC, aliased to the endpoint', () => {
    expect(onlyResource(json, 'aws_route53_zone')).toMatchObject({
      name: 'lambda.eu-west-1.amazonaws.com',
      vpc: [{ vpc_id: ORDERS.vpcId }],
    });
    expect(onlyResource(json, 'aws_route53_record').alias).toEqual({
      name: '${aws_vpc_endpoint.lambda-endpoint.dns_entry[0].dns_name}',
      zone_id: '${aws_vpc_endpoint.lambda-endpoint.dns_entry[0].hosted_zone_id}',
      evaluate_target_health: false,
    });
  });
});

describe('a remote caller in another account, joined by a Transit Gateway', () => {
  const json = privatelinkWith([BILLING]);

  it("attaches the VPC's isolated subnets to the Transit Gateway and routes the caller's CIDR to it", () => {
    expect(onlyResource(json, 'aws_ec2_transit_gateway_vpc_attachment')).toMatchObject({
      transit_gateway_id: BILLING.join.transitGatewayId,
      subnet_ids: resourcesOf(json, 'aws_subnet').map(([name]) => `\${aws_subnet.${name}.id}`),
    });
    expect(
      bodiesOf(json, 'aws_route').map((route) => [route.destination_cidr_block, route.transit_gateway_id]),
    ).toEqual([
      [BILLING.cidr, BILLING.join.transitGatewayId],
      [BILLING.cidr, BILLING.join.transitGatewayId],
    ]);
  });

  it('names the other account in the policy, and leaves the hosted zone to that account', () => {
    const statement = policyOf(onlyResource(json, 'aws_vpc_endpoint')).Statement.find(
      (s) => s.Sid === 'RemoteCallerBilling',
    );
    expect(statement?.Principal).toEqual({ AWS: ['210987654321'] });
    expect(bodiesOf(json, 'aws_route53_zone')).toEqual([]);
  });
});

describe('bad remote callers: one line each, naming the field, the value and what is allowed', () => {
  it.each([
    [
      [{ ...ORDERS, cidr: '10.52.0.0/16' }],
      'environment "test", field variants.privatelink.remoteCallers.0.cidr = "10.52.0.0/16": overlaps the VPC of ' +
        'test-privatelink (10.52.0.0/16); a remote caller VPC needs a range of its own, outside every VPC of the ' +
        'repository',
    ],
    [
      [{ ...ORDERS, principals: ['*'] }],
      'environment "test", field variants.privatelink.remoteCallers.0.principals.0 = "*": is not an account ID or ' +
        'IAM principal ARN; allowed: 123456789012 or ' +
        'arn:<partition>:iam::<12-digit account>:root|role/<name>|user/<name>',
    ],
    [
      [{ ...ORDERS, join: { type: 'vpn' } }],
      'environment "test", field variants.privatelink.remoteCallers.0.join.type = "vpn": must be { type: "peering" } ' +
        'or { type: "transit-gateway", transitGatewayId }',
    ],
    [
      // A trailing dash once gave the statement ID RemoteCallerA-, refused only at synth (found by npm run fuzz).
      [{ ...ORDERS, name: 'a-' }],
      'environment "test", field variants.privatelink.remoteCallers.0.name = "a-": must be lower-case words of ' +
        'letters and digits joined by single dashes, each starting with a letter, e.g. "orders" or "orders-eu" (at ' +
        'most 31 characters)',
    ],
    [
      [ORDERS, { ...BILLING, name: 'orders' }],
      'environment "test", field variants.privatelink.remoteCallers.1.name = "orders": is used by another remote ' +
        'caller; names must be unique',
    ],
  ])('%j', (remoteCallers, line) => {
    expect(problemOf(remoteCallers)).toBe(line);
  });
});

describe('remote callers without the demo functions', () => {
  it('are callers enough: the endpoint admits them, so demoFunctions: false is accepted', () => {
    const [config] = loadEnvironments([
      environmentValues({ variants: variantsWith({ privatelink: { demoFunctions: false, remoteCallers: [ORDERS] } }) }),
    ]);
    expect(config.variants.privatelink?.remoteCallers.map((caller) => caller.name)).toEqual(['orders']);
  });
});
