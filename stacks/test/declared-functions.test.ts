import { ConfigError, loadEnvironments } from '@lambda-vpc/stacks';
import { GuardrailError } from '@lambda-vpc/guardrails';
import { policyOf, resourcesOf, TerraformBody, TerraformJson } from '../../test-support/terraform-json';
import { environmentValues, synthToTemp, variantsWith } from './fixtures';

const ORDERS = { entry: 'workloads/orders/src/handler.ts', table: 'read' };
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:test/orders-db-AbCdEf';

/** The resource at address `type.name`; throws when there is none, so a typo fails the test. */
function resourceAt(json: TerraformJson, type: string, name: string): TerraformBody {
  const body = json.resource?.[type]?.[name];
  if (!body) throw new Error(`no ${type}.${name}`);
  return body;
}

/** The private-only stack of an environment declaring `functions` there (and `extra` private-only settings). */
function privateOnlyWith(functions: Record<string, unknown>, extra: Record<string, unknown> = {}): TerraformJson {
  const values = environmentValues({ variants: variantsWith({ privateOnly: { functions, ...extra } }) });
  return synthToTemp([values]).stacks['test-private-only'];
}

/** The config lines loadEnvironments reports for private-only `functions`. */
function problemsOf(functions: Record<string, unknown>): string[] {
  try {
    loadEnvironments([environmentValues({ variants: variantsWith({ privateOnly: { functions } }) })]);
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('a declared function is built into its variant stack', () => {
  const json = privateOnlyWith({ orders: ORDERS });
  const fn = resourceAt(json, 'aws_lambda_function', 'orders');

  it('is <env>-<variant>-<name>, at addresses that start with its name, bundled from its entry', () => {
    expect(fn.function_name).toBe('test-private-only-orders');
    expect(fn.handler).toBe('index.handler');
    expect(fn.runtime).toBe('nodejs22.x');
    expect(fn.filename).toMatch(/^assets\/orders_code\/[0-9a-f]{64}\/archive\.zip$/);
    expect(resourcesOf(json, 'aws_iam_role').map(([name]) => name)).toContain('orders_role');
  });

  it("takes the environment's function settings and sets TABLE_NAME for its table", () => {
    expect([fn.memory_size, fn.timeout]).toEqual([256, 15]);
    expect(fn.environment.variables).toEqual({ TABLE_NAME: '${aws_dynamodb_table.table.name}' });
  });

  it("reads the stack's table: the role's grant and the DynamoDB endpoint's policy name only item reads", () => {
    const grant = policyOf(resourceAt(json, 'aws_iam_role_policy', 'orders_inline-policy')).Statement;
    expect(grant).toEqual([
      expect.objectContaining({
        Sid: 'DynamoDbRead',
        Action: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
      }),
    ]);
    const endpoint = resourcesOf(json, 'aws_vpc_endpoint').find(([, body]) => body.service_name.endsWith('.dynamodb'))!;
    expect(policyOf(endpoint[1]).Statement.map((s) => [s.Sid, s.Principal.AWS])).toEqual([
      ['ProbeUsesItsTable', ['${aws_iam_role.private-probe_role.arn}']],
      ['OrdersUsesTheTable', ['${aws_iam_role.orders_role.arn}']],
    ]);
  });

  it('reaches the DynamoDB endpoint by one egress rule and nothing else', () => {
    const rules = resourcesOf(json, 'aws_vpc_security_group_egress_rule').filter(([name]) => name.startsWith('orders'));
    expect(rules.map(([name, body]) => [name, body.prefix_list_id, body.from_port])).toEqual([
      ['orders_egress_dynamodb_tcp443', '${aws_vpc_endpoint.dynamodb-endpoint.prefix_list_id}', 443],
    ]);
  });
});

describe("a declared function's features", () => {
  it('alias with provisioned concurrency, reserved concurrency and a dead-letter queue on the stack key', () => {
    const json = privateOnlyWith({
      orders: {
        ...ORDERS,
        reservedConcurrency: 10,
        alias: { name: 'live', provisionedConcurrency: 2 },
        failureQueue: 'dead-letter-queue',
      },
    });
    const fn = resourceAt(json, 'aws_lambda_function', 'orders');
    expect([fn.publish, fn.reserved_concurrent_executions]).toEqual([true, 10]);
    expect(resourcesOf(json, 'aws_lambda_alias').map(([, body]) => body.name)).toEqual(['live']);
    expect(
      resourcesOf(json, 'aws_lambda_provisioned_concurrency_config').map(
        ([, b]) => b.provisioned_concurrent_executions,
      ),
    ).toEqual([2]);
    const [[, queue]] = resourcesOf(json, 'aws_sqs_queue');
    expect(queue.kms_master_key_id).toBe('${aws_kms_key.key.arn}');
    expect(fn.dead_letter_config.target_arn).toBe('${aws_sqs_queue.orders_failure-queue.arn}');
  });

  it("reads a secret through the stack's secretsmanager endpoint, whose policy names that secret only", () => {
    const json = privateOnlyWith(
      { orders: { ...ORDERS, secrets: { DB_SECRET_ARN: SECRET_ARN } } },
      { interfaceEndpoints: [{ service: 'secretsmanager', actions: ['secretsmanager:GetSecretValue'] }] },
    );
    expect(resourceAt(json, 'aws_lambda_function', 'orders').environment.variables.DB_SECRET_ARN).toBe(SECRET_ARN);
    const endpoint = resourcesOf(json, 'aws_vpc_endpoint').find(([, b]) => b.service_name.endsWith('.secretsmanager'))!;
    expect(policyOf(endpoint[1]).Statement.find((s) => s.Sid === 'OrdersReadsItsSecrets')).toEqual({
      Sid: 'OrdersReadsItsSecrets',
      Effect: 'Allow',
      Principal: { AWS: ['${aws_iam_role.orders_role.arn}'] },
      Action: ['secretsmanager:GetSecretValue'],
      Resource: [SECRET_ARN],
    });
    const rules = resourcesOf(json, 'aws_vpc_security_group_egress_rule').map(([name]) => name);
    expect(rules).toContain('orders_egress_secretsmanager-endpoint_tcp443');
  });

  it('is refused at synth reading a secret in private-only without a secretsmanager endpoint (LVB-FN-4)', () => {
    expect(() => privateOnlyWith({ orders: { ...ORDERS, secrets: { DB_SECRET_ARN: SECRET_ARN } } })).toThrow(
      GuardrailError,
    );
  });
});

describe('bad declarations, one line each naming the environment and field', () => {
  it.each([
    [
      'an entry that does not exist',
      { entry: 'workloads/none/handler.ts' },
      'functions.orders.entry',
      'no such file below the repository root',
    ],
    [
      'two code sources',
      { ...ORDERS, zip: 'package.json' },
      'functions.orders',
      'exactly one of entry, zip, s3 (it names entry, zip)',
    ],
    [
      'a sixth layer',
      {
        ...ORDERS,
        layers: Array.from({ length: 6 }, (_, i) => ({ arn: `arn:aws:lambda:eu-west-1:123456789012:layer:l${i}:1` })),
      },
      'functions.orders.layers',
      'at most 5 layers',
    ],
    [
      'provisioned concurrency above reserved',
      { ...ORDERS, reservedConcurrency: 1, alias: { name: 'live', provisionedConcurrency: 2 } },
      'functions.orders.alias.provisionedConcurrency',
      'must not exceed reservedConcurrency (1)',
    ],
    [
      'a secret ARN that is not one',
      { ...ORDERS, secrets: { DB: 'not-an-arn' } },
      'functions.orders.secrets.DB',
      'secret ARN',
    ],
  ])('%s', (_label, workload, field, message) => {
    const problems = problemsOf({ orders: workload });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('"test"');
    expect(problems[0]).toContain(field);
    expect(problems[0]).toContain(message);
  });

  it('names an endpoint the stack does not have, and the ones it has', () => {
    expect(() => privateOnlyWith({ orders: { ...ORDERS, endpoints: ['kms'] } })).toThrow(
      'environment "test", variants.privateOnly.functions.orders: endpoints "kms" needs a kms endpoint in ' +
        'test-private-only; its endpoints: dynamodb, s3',
    );
  });
});
