// Hand-made stack JSON for the analyzer's unit tests: a small NAT-egress VPC (two AZs, one NAT gateway in
// eu-west-1a, a DynamoDB gateway endpoint) that each test copies and changes in one place.
import { TerraformBlock } from '@lambda-vpc/stack-model';
import { analyzeReachability, FunctionReachability, ReachabilityResult } from '@lambda-vpc/reachability';
import { policyDocument, putResource, reference, removeResource } from '../../../test-support/stack-json';

/** A resource body as synthesized: snake_case arguments, `${...}` references. */
export type Body = TerraformBlock;

/** A mutable stack document, the shape of `cdk.tf.json`. */
export interface Fixture {
  provider: { aws: Body[] };
  resource: Record<string, Record<string, Body>>;
}

export const STACK = 'unit-stack';
export const FN = 'aws_lambda_function.fn';
export const ZONES = ['eu-west-1a', 'eu-west-1b'] as const;

/** `${type.name.attribute}`. */
export const ref = reference;

/** A JSON policy document. */
export const policy = policyDocument;

/** Adds (or replaces) a resource. */
export const add = putResource;

/** Removes a resource; fails when it is not there, so a test never removes nothing. */
export function remove(json: Fixture, type: string, name: string): void {
  removeResource(json, type, name, { mustExist: true });
}

/** The body of a resource, to change in place. */
export function body(json: Fixture, type: string, name: string): Body {
  const found = json.resource[type]?.[name];
  if (!found) throw new Error(`no ${type}.${name}`);
  return found;
}

/**
 * VPC 10.0.0.0/16; per AZ a public subnet (10.0.0.0/24, 10.0.1.0/24) and a private one (10.0.10.0/24,
 * 10.0.11.0/24), each with its own route table; an IGW with a default route in each public table; one NAT
 * gateway in public-a with a default route in each private table; a DynamoDB gateway endpoint on the private
 * tables whose policy names the function's role; the function in both private subnets with HTTPS egress to
 * 0.0.0.0/0 and to the DynamoDB prefix list.
 */
export function natVpc(): Fixture {
  const json: Fixture = {
    provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['111111111111'] }] },
    resource: {},
  };
  add(json, 'aws_vpc', 'vpc', { cidr_block: '10.0.0.0/16' });
  add(json, 'aws_internet_gateway', 'igw', { vpc_id: ref('aws_vpc', 'vpc') });
  add(json, 'aws_eip', 'nat', { domain: 'vpc' });
  ZONES.forEach((zone, i) => {
    const z = zone.slice(-1);
    for (const [tier, cidr] of [
      ['public', `10.0.${i}.0/24`],
      ['private', `10.0.${10 + i}.0/24`],
    ] as const) {
      add(json, 'aws_subnet', `${tier}-${z}`, {
        vpc_id: ref('aws_vpc', 'vpc'),
        cidr_block: cidr,
        availability_zone: zone,
      });
      add(json, 'aws_route_table', `${tier}-${z}`, { vpc_id: ref('aws_vpc', 'vpc') });
      add(json, 'aws_route_table_association', `${tier}-${z}`, {
        subnet_id: ref('aws_subnet', `${tier}-${z}`),
        route_table_id: ref('aws_route_table', `${tier}-${z}`),
      });
    }
    add(json, 'aws_route', `public-default-${z}`, {
      route_table_id: ref('aws_route_table', `public-${z}`),
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: ref('aws_internet_gateway', 'igw'),
    });
    add(json, 'aws_route', `private-default-${z}`, {
      route_table_id: ref('aws_route_table', `private-${z}`),
      destination_cidr_block: '0.0.0.0/0',
      nat_gateway_id: ref('aws_nat_gateway', 'nat'),
    });
  });
  add(json, 'aws_nat_gateway', 'nat', {
    subnet_id: ref('aws_subnet', 'public-a'),
    allocation_id: ref('aws_eip', 'nat', 'allocation_id'),
    connectivity_type: 'public',
  });
  add(json, 'aws_iam_role', 'fn', { name: 'unit-fn' });
  add(json, 'aws_vpc_endpoint', 'dynamodb', {
    vpc_id: ref('aws_vpc', 'vpc'),
    service_name: 'com.amazonaws.eu-west-1.dynamodb',
    vpc_endpoint_type: 'Gateway',
    route_table_ids: [ref('aws_route_table', 'private-a'), ref('aws_route_table', 'private-b')],
    policy: policy({
      Effect: 'Allow',
      Principal: { AWS: [ref('aws_iam_role', 'fn', 'arn')] },
      Action: ['dynamodb:GetItem'],
      Resource: '*',
    }),
  });
  add(json, 'aws_security_group', 'fn', { vpc_id: ref('aws_vpc', 'vpc') });
  add(json, 'aws_vpc_security_group_egress_rule', 'fn-internet', {
    security_group_id: ref('aws_security_group', 'fn'),
    cidr_ipv4: '0.0.0.0/0',
    ip_protocol: 'tcp',
    from_port: 443,
    to_port: 443,
  });
  add(json, 'aws_vpc_security_group_egress_rule', 'fn-dynamodb', {
    security_group_id: ref('aws_security_group', 'fn'),
    prefix_list_id: ref('aws_vpc_endpoint', 'dynamodb', 'prefix_list_id'),
    ip_protocol: 'tcp',
    from_port: 443,
    to_port: 443,
  });
  add(json, 'aws_lambda_function', 'fn', {
    function_name: 'unit-fn',
    role: ref('aws_iam_role', 'fn', 'arn'),
    vpc_config: {
      subnet_ids: [ref('aws_subnet', 'private-a'), ref('aws_subnet', 'private-b')],
      security_group_ids: [ref('aws_security_group', 'fn')],
    },
  });
  return json;
}

/** The transit gateway {@link transitGatewayVpc} routes the internet to; not in the stack. */
export const TGW = 'tgw-0123456789abcdef0';

/**
 * {@link natVpc} with each private table's 0.0.0.0/0 sent to a transit gateway outside the stack instead of the NAT,
 * the function's security group still allowing HTTPS to 0.0.0.0/0: whether the internet is reached is decided past
 * the transit gateway, where the stack's JSON does not go.
 */
export function transitGatewayVpc(): Fixture {
  const json = natVpc();
  for (const z of ['a', 'b']) {
    const route = body(json, 'aws_route', `private-default-${z}`);
    delete route.nat_gateway_id;
    route.transit_gateway_id = TGW;
  }
  return json;
}

/** How {@link addAdmittedEndpoint} names what it adds. */
interface AdmittedEndpointNames {
  readonly endpoint: string;
  readonly group: string;
  readonly ingress: string;
  readonly egress: string;
}

/**
 * An interface endpoint for `service` with private DNS in both private subnets, its own security group admitting the
 * function's group on 443, the function's egress to it, and a policy letting the function's role call `action` on
 * `resource`.
 */
function addAdmittedEndpoint(
  json: Fixture,
  names: AdmittedEndpointNames,
  service: string,
  grant: { action: string; resource: string },
): void {
  const https = { ip_protocol: 'tcp', from_port: 443, to_port: 443 };
  add(json, 'aws_security_group', names.group, { vpc_id: ref('aws_vpc', 'vpc') });
  add(json, 'aws_vpc_security_group_ingress_rule', names.ingress, {
    security_group_id: ref('aws_security_group', names.group),
    referenced_security_group_id: ref('aws_security_group', 'fn'),
    ...https,
  });
  add(json, 'aws_vpc_endpoint', names.endpoint, {
    vpc_id: ref('aws_vpc', 'vpc'),
    service_name: `com.amazonaws.eu-west-1.${service}`,
    vpc_endpoint_type: 'Interface',
    private_dns_enabled: true,
    subnet_ids: [ref('aws_subnet', 'private-a'), ref('aws_subnet', 'private-b')],
    security_group_ids: [ref('aws_security_group', names.group)],
    policy: policy({
      Effect: 'Allow',
      Principal: { AWS: [ref('aws_iam_role', 'fn', 'arn')] },
      Action: grant.action,
      Resource: grant.resource,
    }),
  });
  add(json, 'aws_vpc_security_group_egress_rule', names.egress, {
    security_group_id: ref('aws_security_group', 'fn'),
    referenced_security_group_id: ref('aws_security_group', names.group),
    ...https,
  });
}

/**
 * A Lambda interface endpoint `lambda` admitting the function (group `endpoint`, rules `endpoint-from-fn` and
 * `fn-endpoint`), whose policy lets the function's role invoke `aws_lambda_function.target`.
 */
export function addLambdaEndpoint(json: Fixture): void {
  add(json, 'aws_lambda_function', 'target', { function_name: 'unit-target', role: ref('aws_iam_role', 'fn', 'arn') });
  addAdmittedEndpoint(
    json,
    { endpoint: 'lambda', group: 'endpoint', ingress: 'endpoint-from-fn', egress: 'fn-endpoint' },
    'lambda',
    { action: 'lambda:InvokeFunction', resource: ref('aws_lambda_function', 'target', 'arn') },
  );
}

/**
 * A Secrets Manager interface endpoint `secretsmanager` admitting the function (group `secretsmanager`, rules
 * `secretsmanager-from-fn` and `fn-secretsmanager`), whose policy lets the function's role read one secret.
 */
export function addSecretsManagerEndpoint(json: Fixture): void {
  addAdmittedEndpoint(
    json,
    {
      endpoint: 'secretsmanager',
      group: 'secretsmanager',
      ingress: 'secretsmanager-from-fn',
      egress: 'fn-secretsmanager',
    },
    'secretsmanager',
    {
      action: 'secretsmanager:GetSecretValue',
      resource: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:unit/db-AbC123',
    },
  );
}

/** Analyzes a fixture. */
export function analyze(json: Fixture): ReachabilityResult {
  return analyzeReachability(STACK, json);
}

/** The analysis of the fixture's one VPC-attached function. */
export function fnOf(json: Fixture): FunctionReachability {
  const found = analyze(json).functions.find((fn) => fn.function === FN);
  if (!found) throw new Error(`${FN} not analyzed`);
  return found;
}
