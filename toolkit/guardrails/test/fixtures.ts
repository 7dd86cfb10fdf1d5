// Hand-made stack JSON for the guardrail tests: a compliant baseline every rule passes, which each test
// copies and breaks in one place, and helpers to read what the rules report.
import { evaluateGuardrails, GuardrailReport, Violation } from '@lambda-vpc/guardrails';
import { NetworkIntent, TerraformBlock } from '@lambda-vpc/stack-model';
import { policyDocument, putResource, reference } from '../../../test-support/stack-json';

/** The stack name every fixture is evaluated as; construct paths start with it. */
export const STACK = 'test-stack';

/** A resource body as synthesized: snake_case arguments, `${...}` references, the `//` comment. */
export type Body = TerraformBlock;

/** A mutable stack document, the shape of `cdk.tf.json`. */
export interface Fixture {
  provider?: { aws: Body[] };
  resource: Record<string, Record<string, Body>>;
}

/** `${type.name.attribute}`, what one resource writes to reference another. */
export const ref = reference;

/** A JSON policy document, as the `policy` argument carries it. */
export const policy = policyDocument;

/** A resource body with cdktf's metadata: construct path `test-stack/<path>` (any other `//` content kept). */
const withPath = (path: string, body: Body): Body => ({
  ...body,
  '//': { ...body['//'], metadata: { path: `${STACK}/${path}`, uniqueId: path.replace(/\//g, '_') } },
});

/**
 * Adds (or replaces) a copy of `body` as a resource; its construct path is `test-stack/<path>`, by default its name.
 */
export function addResource(json: Fixture, type: string, name: string, body: Body, path = name): Body {
  return putResource(json, type, name, withPath(path, structuredClone(body)));
}

/** The body of a resource the fixture holds; throws when it is missing, so a typo fails the test. */
export function resourceOf(json: Fixture, type: string, name: string): Body {
  const body = json.resource[type]?.[name];
  if (!body) throw new Error(`the fixture has no ${type}.${name}`);
  return body;
}

/** Removes every resource of a type. */
export function removeType(json: Fixture, type: string): void {
  delete json.resource[type];
}

// Names in the baseline, for the tests to mutate and to expect in findings.
export const VPC = 'network_vpc';
export const SUBNET_A = 'network_subnet_private_eu-west-1a';
export const SUBNET_B = 'network_subnet_private_eu-west-1b';
export const TABLE_A = 'network_route-table_private_eu-west-1a';
export const FUNCTION = 'fn';
export const ROLE_POLICY = 'fn_inline-policy';
export const LOG_GROUP = 'fn_log-group';
export const SECURITY_GROUP = 'fn_security-group';
export const EGRESS_RULE = 'fn_egress_https';
export const GATEWAY_ENDPOINT = 'dynamodb-endpoint';
export const INTERFACE_ENDPOINT = 'sqs-endpoint';

const BASELINE: Fixture = {
  provider: {
    aws: [{ region: 'eu-west-1', default_tags: [{ tags: { environment: 'test', variant: 'private-only' } }] }],
  },
  resource: {
    aws_vpc: {
      [VPC]: withPath('network/vpc', {
        cidr_block: '10.0.0.0/16',
        enable_dns_support: true,
        enable_dns_hostnames: true,
      }),
    },
    aws_flow_log: {
      'network_flow-log': withPath('network/flow-log', {
        vpc_id: ref('aws_vpc', VPC),
        traffic_type: 'ALL',
        log_destination_type: 'cloud-watch-logs',
        log_destination: ref('aws_cloudwatch_log_group', 'network_flow-log-group', 'arn'),
      }),
    },
    aws_default_security_group: {
      'network_default-security-group': withPath('network/default-security-group', { vpc_id: ref('aws_vpc', VPC) }),
    },
    aws_subnet: {
      [SUBNET_A]: withPath('network/subnet_private_eu-west-1a', {
        vpc_id: ref('aws_vpc', VPC),
        availability_zone: 'eu-west-1a',
        cidr_block: '10.0.64.0/20',
        map_public_ip_on_launch: false,
      }),
      [SUBNET_B]: withPath('network/subnet_private_eu-west-1b', {
        vpc_id: ref('aws_vpc', VPC),
        availability_zone: 'eu-west-1b',
        cidr_block: '10.0.80.0/20',
        map_public_ip_on_launch: false,
      }),
    },
    aws_route_table: {
      [TABLE_A]: withPath('network/route-table_private_eu-west-1a', { vpc_id: ref('aws_vpc', VPC) }),
    },
    aws_route_table_association: {
      'network_route-table-association_private_eu-west-1a': withPath(
        'network/route-table-association_private_eu-west-1a',
        {
          subnet_id: ref('aws_subnet', SUBNET_A),
          route_table_id: ref('aws_route_table', TABLE_A),
        },
      ),
    },
    aws_kms_key: {
      key: withPath('key/Default', { description: 'test-stack key', enable_key_rotation: true }),
    },
    aws_cloudwatch_log_group: {
      'network_flow-log-group': withPath('network/flow-log-group', {
        retention_in_days: 14,
        kms_key_id: ref('aws_kms_key', 'key', 'arn'),
      }),
      [LOG_GROUP]: withPath('fn/log-group', {
        name: '/aws/lambda/test-fn',
        retention_in_days: 14,
        kms_key_id: ref('aws_kms_key', 'key', 'arn'),
      }),
    },
    aws_security_group: {
      [SECURITY_GROUP]: withPath('fn/security-group', {
        vpc_id: ref('aws_vpc', VPC),
        description: 'Lambda function test-fn: egress only as the rules below allow',
      }),
    },
    aws_vpc_security_group_egress_rule: {
      [EGRESS_RULE]: withPath('fn/egress_https', {
        security_group_id: ref('aws_security_group', SECURITY_GROUP),
        description: 'HTTPS to the interface endpoints',
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_ipv4: '10.0.0.0/16',
      }),
    },
    aws_iam_role: {
      fn_role: withPath('fn/role', {
        assume_role_policy: policy({
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        }),
      }),
    },
    aws_iam_role_policy: {
      [ROLE_POLICY]: withPath('fn/inline-policy', {
        role: ref('aws_iam_role', 'fn_role', 'name'),
        policy: policy({
          Sid: 'ReadItems',
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:Query'],
          Resource: ref('aws_dynamodb_table', 'table', 'arn'),
        }),
      }),
    },
    aws_lambda_function: {
      [FUNCTION]: withPath('fn/Default', {
        function_name: 'test-fn',
        role: ref('aws_iam_role', 'fn_role', 'arn'),
        vpc_config: {
          subnet_ids: [ref('aws_subnet', SUBNET_A), ref('aws_subnet', SUBNET_B)],
          security_group_ids: [ref('aws_security_group', SECURITY_GROUP)],
        },
      }),
    },
    aws_vpc_endpoint: {
      [GATEWAY_ENDPOINT]: withPath('dynamodb-endpoint/Default', {
        vpc_id: ref('aws_vpc', VPC),
        service_name: 'com.amazonaws.eu-west-1.dynamodb',
        vpc_endpoint_type: 'Gateway',
        route_table_ids: [ref('aws_route_table', TABLE_A)],
        policy: policy({
          Sid: 'FnReadsItsTable',
          Effect: 'Allow',
          Principal: { AWS: [ref('aws_iam_role', 'fn_role', 'arn')] },
          Action: ['dynamodb:GetItem'],
          Resource: '*',
        }),
      }),
      [INTERFACE_ENDPOINT]: withPath('sqs-endpoint/Default', {
        vpc_id: ref('aws_vpc', VPC),
        service_name: 'com.amazonaws.eu-west-1.sqs',
        vpc_endpoint_type: 'Interface',
        private_dns_enabled: true,
        subnet_ids: [ref('aws_subnet', SUBNET_A), ref('aws_subnet', SUBNET_B)],
        policy: policy({
          Sid: 'FnSendsMessages',
          Effect: 'Allow',
          Principal: { AWS: ref('aws_iam_role', 'fn_role', 'arn') },
          Action: 'sqs:SendMessage',
          Resource: '*',
        }),
      }),
    },
  },
};

/** A fresh deep copy of the compliant baseline, in the given variant (`private-only` unless told). */
export function baseline(variant = 'private-only'): Fixture {
  const json = structuredClone(BASELINE);
  json.provider!.aws[0].default_tags[0].tags.variant = variant;
  return json;
}

/**
 * The intent a fixture stack declares by its variant tag: `nat-egress` allows the internet through NAT, any other none.
 */
export function intentOf(json: Fixture): NetworkIntent | undefined {
  const variant = json.provider?.aws[0].default_tags[0].tags.variant;
  if (variant === undefined) return undefined;
  return { internet: variant === 'nat-egress' ? 'through-nat' : 'none' };
}

/**
 * Runs every rule over the fixture as stack `test-stack`, held to the intent its variant tag gives ({@link intentOf}).
 */
export const evaluate = (json: Fixture): GuardrailReport => evaluateGuardrails(STACK, json, { intent: intentOf(json) });

/** What a test asserts of a violation: the rule, the resource, where it came from, and the message. */
export interface Reported {
  readonly ruleId: string;
  readonly address: string;
  readonly constructPath: string;
  readonly message: string;
}

/** The rule ID, address, construct path and message of each violation, in report order. */
export const reported = (violations: readonly Violation[]): Reported[] =>
  violations.map(({ ruleId, address, constructPath, message }) => ({ ruleId, address, constructPath, message }));

/** The errors of evaluating the fixture, as {@link Reported}. */
export const errorsOf = (json: Fixture): Reported[] => reported(evaluate(json).errors);

/** The violation a test expects: rule ID, `type.name` address, full construct path, message. */
export const expected = (ruleId: string, address: string, constructPath: string, message: string): Reported => ({
  ruleId,
  address,
  constructPath,
  message,
});
