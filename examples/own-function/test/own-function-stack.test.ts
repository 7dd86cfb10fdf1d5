// The own-function example: a team's bundled TypeScript function in isolated subnets, reading its table through the
// DynamoDB gateway endpoint and its signing key through a Secrets Manager interface endpoint, each endpoint letting
// only its role through, on that table or that secret.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { estimateMonthlyCost } from '@lambda-vpc/cost';
import { synthExample } from '@lambda-vpc/example-own-function';
import {
  evaluateGuardrails,
  EvaluateOptions,
  FUNCTION_PACKAGES_COMPLETE,
  SECRETS_REACHABLE_WITHOUT_INTERNET,
} from '@lambda-vpc/guardrails';
import { deterministicZip } from '@lambda-vpc/lambda';
import { analyzeReachability } from '@lambda-vpc/reachability';
import { PRIVATE_ONLY } from '@lambda-vpc/stacks';
import { monthlyCostLine, referencesOf, synthExampleStack } from '../../../test-support/example-stack';
import {
  addressOf,
  bodiesOf,
  onlyResource,
  policyOf,
  referenceTo,
  TerraformJson,
} from '../../../test-support/terraform-json';

const STACK = 'example-own-function';
const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:example-own-function/signing-key';
const { result, json } = synthExampleStack(synthExample);
const stackDirectory = path.dirname(result.stacks[0].file);
const receipts = onlyResource(json, 'aws_lambda_function');
const role = bodiesOf(json, 'aws_iam_role').find((body) => body.name === 'example-own-function-receipts')!;
const roleArn = referenceTo(json, 'aws_iam_role', role, 'arn');
const tableArn = referenceTo(json, 'aws_dynamodb_table', onlyResource(json, 'aws_dynamodb_table'), 'arn');
const endpointOf = (service: string) =>
  bodiesOf(json, 'aws_vpc_endpoint').find((body) => body.service_name === `com.amazonaws.eu-west-1.${service}`)!;
const groupNamed = (name: string) => bodiesOf(json, 'aws_security_group').find((group) => group.name === name)!;
const functionGroup = referenceTo(json, 'aws_security_group', groupNamed('example-own-function-receipts'));
const endpointGroup = referenceTo(
  json,
  'aws_security_group',
  groupNamed('example-own-function-secretsmanager-endpoint'),
);
const guardrails = (stack: TerraformJson, options: EvaluateOptions = {}) =>
  evaluateGuardrails(STACK, stack, { intent: PRIVATE_ONLY.intent, stackDirectory, ...options });

describe('the own-function example, synthesized', () => {
  it('passes the blueprint synth as one private-only stack', () => {
    expect(result.stacks.map((stack) => stack.name)).toEqual([STACK]);
    expect(json.provider?.aws?.[0].default_tags[0].tags).toMatchObject({
      example: 'own-function',
      variant: 'private-only',
    });
    for (const type of ['aws_internet_gateway', 'aws_nat_gateway', 'aws_eip', 'aws_route']) {
      expect([type, bodiesOf(json, type)]).toEqual([type, []]);
    }
  });
});

describe('the function', () => {
  it('runs the bundled index.js on nodejs22.x, its package a zip in the stack folder', () => {
    expect(receipts).toMatchObject({
      function_name: 'example-own-function-receipts',
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
    });
    expect(receipts.filename).toMatch(/^assets\/receipts_code_[0-9A-F]{8}\/[0-9a-f]{64}\/archive\.zip$/);
    expect(fs.existsSync(path.join(stackDirectory, receipts.filename))).toBe(true);
  });

  it('is placed in both isolated subnets, with its own security group', () => {
    expect(bodiesOf(json, 'aws_subnet').map((subnet) => [subnet.availability_zone, subnet.tags.Tier])).toEqual([
      ['eu-west-1a', 'isolated'],
      ['eu-west-1b', 'isolated'],
    ]);
    expect(receipts.vpc_config).toEqual({
      subnet_ids: referencesOf(json, 'aws_subnet'),
      security_group_ids: [functionGroup],
    });
  });

  it("holds its table's name and its secret's ARN (not the value) in variables under the stack's key", () => {
    expect(receipts.environment).toEqual({
      variables: { SIGNING_KEY_SECRET_ARN: SECRET, TABLE_NAME: '${aws_dynamodb_table.table.name}' },
    });
    expect(receipts.kms_key_arn).toBe('${aws_kms_key.key.arn}');
  });
});

describe("the function's role", () => {
  const policyOfRole = (type: string) =>
    bodiesOf(json, type).filter((body) => body.role.startsWith('${aws_iam_role.receipts_'));

  it('may read items of its table and the value of its signing key, nothing more', () => {
    const [inline] = policyOfRole('aws_iam_role_policy');
    expect(policyOf(inline).Statement).toEqual([
      {
        Sid: 'ReadSecretValues',
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: [`${SECRET}-??????`],
      },
      {
        Sid: 'ReadOrders',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
        Resource: [tableArn, `${tableArn}/index/*`],
      },
    ]);
  });

  it("has Lambda's managed policies for its network interfaces and its traces only", () => {
    expect(policyOfRole('aws_iam_role_policy_attachment').map((attachment) => attachment.policy_arn)).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
      'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess',
    ]);
  });
});

describe('DynamoDB through the gateway endpoint', () => {
  it("is on both isolated route tables, and its policy lets only the function's role read only the table", () => {
    expect(endpointOf('dynamodb')).toMatchObject({
      vpc_endpoint_type: 'Gateway',
      route_table_ids: referencesOf(json, 'aws_route_table'),
    });
    expect(policyOf(endpointOf('dynamodb')).Statement).toEqual([
      {
        Sid: 'ReceiptsReadsOrders',
        Effect: 'Allow',
        Principal: { AWS: [roleArn] },
        Action: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
        Resource: [tableArn, `${tableArn}/index/*`],
      },
    ]);
  });
});

describe('Secrets Manager through the interface endpoint', () => {
  it('has a network interface in each isolated subnet and answers for the regional name (private DNS)', () => {
    expect(endpointOf('secretsmanager')).toMatchObject({
      vpc_endpoint_type: 'Interface',
      private_dns_enabled: true,
      subnet_ids: referencesOf(json, 'aws_subnet'),
      security_group_ids: [endpointGroup],
    });
  });

  it("lets only the function's role read only the signing key", () => {
    expect(policyOf(endpointOf('secretsmanager')).Statement).toEqual([
      {
        Sid: 'ReceiptsReadsSigningKey',
        Effect: 'Allow',
        Principal: { AWS: [roleArn] },
        Action: ['secretsmanager:GetSecretValue'],
        Resource: [`${SECRET}-??????`],
      },
    ]);
  });
});

describe('security group rules', () => {
  const ruleOf = (rule: Record<string, unknown>) => [
    rule.security_group_id,
    rule.ip_protocol,
    rule.from_port,
    rule.to_port,
    rule.prefix_list_id ?? rule.referenced_security_group_id ?? rule.cidr_ipv4,
  ];

  it("let the function out on HTTPS to DynamoDB's prefix list and the endpoint's group, nowhere else", () => {
    expect(bodiesOf(json, 'aws_vpc_security_group_egress_rule').map(ruleOf)).toEqual([
      [functionGroup, 'tcp', 443, 443, referenceTo(json, 'aws_vpc_endpoint', endpointOf('dynamodb'), 'prefix_list_id')],
      [functionGroup, 'tcp', 443, 443, endpointGroup],
    ]);
  });

  it("admit the function's group to the Secrets Manager endpoint on HTTPS, and nothing else to anything", () => {
    expect(bodiesOf(json, 'aws_vpc_security_group_ingress_rule').map(ruleOf)).toEqual([
      [endpointGroup, 'tcp', 443, 443, functionGroup],
    ]);
    expect(bodiesOf(json, 'aws_security_group').map((group) => [group.ingress, group.egress])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });
});

describe('guardrails (@lambda-vpc/guardrails)', () => {
  it('pass the stack with its package, LVB-FN-4 (secrets reachable) and LVB-FN-5 (package complete) among them', () => {
    expect(guardrails(json)).toEqual({ errors: [], warnings: [], suppressed: [] });
  });

  it('LVB-FN-4 refuses the stack without the rule that admits the function to the Secrets Manager endpoint', () => {
    const { aws_vpc_security_group_ingress_rule: _admitted, ...resource } = json.resource!;
    const report = guardrails({ ...json, resource }, { rules: [SECRETS_REACHABLE_WITHOUT_INTERNET] });
    expect(report.errors.map((error) => [error.ruleId, error.address])).toEqual([
      ['LVB-FN-4', 'aws_lambda_function.receipts'],
    ]);
    expect(report.errors[0].message).toContain('no ingress rule of');
  });

  it('LVB-FN-5 reads the zip the function names: the handler unbundled, loading zod, is refused', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-own-function-'));
    fs.cpSync(stackDirectory, copy, { recursive: true });
    const unbundled = 'const { z } = require("zod");\nexports.handler = async () => z.string().parse("ok");\n';
    fs.writeFileSync(
      path.join(copy, receipts.filename),
      deterministicZip([{ path: 'index.js', content: Buffer.from(unbundled) }]),
    );
    const report = evaluateGuardrails(STACK, json, { stackDirectory: copy, rules: [FUNCTION_PACKAGES_COMPLETE] });
    fs.rmSync(copy, { recursive: true, force: true });
    expect(report.errors.map((error) => [error.ruleId, error.message])).toEqual([
      [
        'LVB-FN-5',
        'function example-own-function-receipts loads zod (from index.js), which is not in its package, its layers ' +
          'or the nodejs22.x runtime',
      ],
    ]);
  });
});

describe('where the function reaches (@lambda-vpc/reachability)', () => {
  const [fn] = analyzeReachability(STACK, json).functions;

  it('reaches DynamoDB from both subnets through the gateway endpoint, whose policy allows its role', () => {
    expect(
      fn.destinations.dynamodb.paths.map((p) => [p.verdict, p.via, p.policyAllows, p.path[p.path.length - 1]]),
    ).toEqual(
      Array(2).fill(['yes', 'gateway-endpoint', true, addressOf(json, 'aws_vpc_endpoint', endpointOf('dynamodb'))]),
    );
  });

  it('reaches Secrets Manager from both subnets through the interface endpoint, whose policy allows its role', () => {
    const endpoint = addressOf(json, 'aws_vpc_endpoint', endpointOf('secretsmanager'));
    expect(Object.keys(fn.interfaceEndpoints)).toEqual([endpoint]);
    expect(
      fn.interfaceEndpoints[endpoint].paths.map((p) => [p.verdict, p.via, p.policyAllows, p.path[p.path.length - 1]]),
    ).toEqual(Array(2).fill(['yes', 'interface-endpoint', true, endpoint]));
  });

  it('reaches neither the internet, S3 nor the Lambda API from any subnet', () => {
    for (const destination of ['internet', 's3', 'lambda-api'] as const) {
      expect([destination, fn.destinations[destination].paths.map((p) => p.verdict)]).toEqual([
        destination,
        ['no', 'no'],
      ]);
    }
  });
});

describe('monthly cost (@lambda-vpc/cost)', () => {
  const report = estimateMonthlyCost(STACK, json, 'eu-west-1');

  it("is mostly the Secrets Manager endpoint's AZ-hours; the gateway endpoint costs nothing", () => {
    expect(report.items.map((item) => [item.id, item.count, item.monthlyUsd > 0])).toEqual([
      ['interface-endpoint-hours', 2, true],
      ['gateway-endpoints', 1, false],
      ['kms-keys', 1, true],
      ['interface-endpoint-data', 1, true],
      ['flow-log-ingestion', 1, true],
    ]);
  });

  it('is the line the README states', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')).toContain(monthlyCostLine(report));
  });
});
