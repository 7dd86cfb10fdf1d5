import { Construct } from 'constructs';
import { LambdaFunction } from '@lambda-vpc/lambda';
import { PolicyStatement, PolicyStatementProps } from '@lambda-vpc/network';
import {
  bodiesOf,
  onlyResource,
  policyOf,
  referenceTo,
  synthConstructs,
  TerraformJson,
} from '../../../test-support/terraform-json';
import { addressOf, functionProps, makeCodeDirectory, removeDirectory, TABLE_ARN, testNetwork } from './fixtures';

let codeDirectory: string;
beforeAll(() => {
  codeDirectory = makeCodeDirectory();
});
afterAll(() => removeDirectory(codeDirectory));

const ALLOWED_ACTION = 'allowed: a fully named action (service:Action) such as dynamodb:GetItem';
const ITEM_READS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const ITEM_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const NEVER_GRANTED = [
  'dynamodb:Scan',
  'dynamodb:CreateTable',
  'dynamodb:DeleteTable',
  'dynamodb:UpdateTable',
  'dynamodb:DescribeTable',
  'dynamodb:UpdateTimeToLive',
  'dynamodb:CreateBackup',
  'dynamodb:RestoreTableFromBackup',
  'dynamodb:ExportTableToPointInTime',
  'dynamodb:PartiQLSelect',
  'dynamodb:PartiQLUpdate',
];

/** Synthesizes a VPC-attached function after `configure` adds to its role. */
function withFunction(configure: (fn: LambdaFunction) => void): TerraformJson {
  return synthConstructs((scope: Construct) => {
    const fn = new LambdaFunction(scope, 'fn', functionProps(codeDirectory, { vpc: { network: testNetwork(scope) } }));
    configure(fn);
  });
}

/** Expects adding `statement` to a fresh function to throw `message`. */
function expectRefused(statement: PolicyStatementProps, message: string): void {
  expect(() => withFunction((fn) => fn.addToRolePolicy(new PolicyStatement(statement)))).toThrow(message);
}

describe('grantDynamoDbReadWrite', () => {
  it('adds one inline policy on the role with item reads and writes on the table and its indexes', () => {
    const json = withFunction((fn) => fn.grantDynamoDbReadWrite(TABLE_ARN));
    const policy = onlyResource(json, 'aws_iam_role_policy');
    expect(policy.name).toBe('least-privilege');
    expect(policy.role).toBe(referenceTo(json, 'aws_iam_role', onlyResource(json, 'aws_iam_role'), 'id'));
    const statements = policyOf(policy).Statement;
    expect(statements).toHaveLength(1);
    expect(statements[0].Sid).toBe('DynamoDbReadWrite');
    expect(statements[0].Effect).toBe('Allow');
    expect([...statements[0].Action].sort()).toEqual([...ITEM_READS, ...ITEM_WRITES].sort());
    expect(statements[0].Resource).toEqual([TABLE_ARN, `${TABLE_ARN}/index/*`]);
    expect(statements[0]).not.toHaveProperty('Condition');
  });

  it('grants no wildcard, no scan and no table administration', () => {
    const json = withFunction((fn) => fn.grantDynamoDbReadWrite(TABLE_ARN));
    for (const statement of policyOf(onlyResource(json, 'aws_iam_role_policy')).Statement) {
      for (const action of statement.Action as string[]) expect(action).not.toContain('*');
      for (const action of NEVER_GRANTED) expect(statement.Action).not.toContain(action);
    }
  });

  it('makes the function wait for the inline policy', () => {
    const json = withFunction((fn) => fn.grantDynamoDbReadWrite(TABLE_ARN));
    expect(onlyResource(json, 'aws_lambda_function').depends_on).toContain(
      addressOf(json, 'aws_iam_role_policy', onlyResource(json, 'aws_iam_role_policy')),
    );
  });
});

describe('grantDynamoDbRead', () => {
  it('grants item reads only', () => {
    const json = withFunction((fn) => fn.grantDynamoDbRead(TABLE_ARN));
    const [statement] = policyOf(onlyResource(json, 'aws_iam_role_policy')).Statement;
    expect(statement.Sid).toBe('DynamoDbRead');
    expect([...statement.Action].sort()).toEqual([...ITEM_READS].sort());
    expect(statement.Resource).toEqual([TABLE_ARN, `${TABLE_ARN}/index/*`]);
  });
});

describe('inline policy', () => {
  it('does not exist until something is granted', () => {
    const json = withFunction(() => undefined);
    expect(bodiesOf(json, 'aws_iam_role_policy')).toHaveLength(0);
    expect(onlyResource(json, 'aws_lambda_function').depends_on).toHaveLength(2);
  });

  it('collects every statement in one policy, which the function depends on once', () => {
    const json = withFunction((fn) => {
      fn.grantDynamoDbReadWrite(TABLE_ARN, 'Orders');
      fn.grantDynamoDbRead(`${TABLE_ARN}-archive`, 'OrdersArchive');
    });
    const policy = onlyResource(json, 'aws_iam_role_policy');
    expect(policyOf(policy).Statement.map((statement) => statement.Sid)).toEqual(['Orders', 'OrdersArchive']);
    const address = addressOf(json, 'aws_iam_role_policy', policy);
    expect(onlyResource(json, 'aws_lambda_function').depends_on.filter((d: string) => d === address)).toHaveLength(1);
  });

  it('passes effect and condition through as written', () => {
    const json = withFunction((fn) =>
      fn.addToRolePolicy(
        new PolicyStatement({
          sid: 'DenyOutsideVpc',
          effect: 'Deny',
          actions: ['dynamodb:PutItem'],
          resources: [TABLE_ARN],
          condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-0123456789abcdef0' } },
        }),
      ),
    );
    expect(policyOf(onlyResource(json, 'aws_iam_role_policy')).Statement).toEqual([
      {
        Sid: 'DenyOutsideVpc',
        Effect: 'Deny',
        Action: ['dynamodb:PutItem'],
        Resource: [TABLE_ARN],
        Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-0123456789abcdef0' } },
      },
    ]);
  });

  it('keeps a refused statement out of the policy', () => {
    const json = withFunction((fn) => {
      fn.grantDynamoDbRead(TABLE_ARN);
      expect(() =>
        fn.addToRolePolicy(new PolicyStatement({ sid: 'Everything', actions: ['*'], resources: ['*'] })),
      ).toThrow('action = "*": is a wildcard');
    });
    expect(policyOf(onlyResource(json, 'aws_iam_role_policy')).Statement.map((s) => s.Sid)).toEqual(['DynamoDbRead']);
  });
});

describe('addToRolePolicy refuses what a least-privilege role must not hold', () => {
  it.each(['dynamodb:*', '*', 'dynamodb:Get*'])('the wildcard action %s, naming it', (action) => {
    expectRefused(
      { sid: 'Wide', actions: ['dynamodb:GetItem', action], resources: [TABLE_ARN] },
      `dev-test-api: policy statement Wide, action = "${action}": is a wildcard; ${ALLOWED_ACTION}`,
    );
  });

  it('a statement ID already in the policy', () => {
    expect(() =>
      withFunction((fn) => {
        fn.grantDynamoDbReadWrite(TABLE_ARN);
        fn.grantDynamoDbRead(`${TABLE_ARN}-archive`);
        fn.grantDynamoDbReadWrite(`${TABLE_ARN}-other`);
      }),
    ).toThrow(
      'dev-test-api: policy statement ID = "DynamoDbReadWrite": is already in the policy; ' +
        'allowed: letters and digits, unique in the policy',
    );
  });

  it.each(['dynamodbGetItem', 'dynamodb:', ':GetItem', 'dynamodb:Get Item'])('the malformed action "%s"', (action) => {
    expectRefused(
      { sid: 'Malformed', actions: [action], resources: [TABLE_ARN] },
      `dev-test-api: policy statement Malformed, action = "${action}": is not of the form service:Action; ` +
        ALLOWED_ACTION,
    );
  });

  it.each(['', 'Orders-Table', 'Orders Table'])('the statement ID "%s"', (sid) => {
    expectRefused(
      { sid, actions: ['dynamodb:GetItem'], resources: [TABLE_ARN] },
      `dev-test-api: policy statement ID = "${sid}": is not letters and digits only; ` +
        'allowed: letters and digits, unique in the policy',
    );
  });

  it('no actions or no resources', () => {
    expectRefused(
      { sid: 'Empty', actions: [], resources: [TABLE_ARN] },
      'dev-test-api: policy statement Empty, actions = []: is empty; allowed: at least one action',
    );
    expectRefused(
      { sid: 'Empty', actions: ['dynamodb:GetItem'], resources: [] },
      'dev-test-api: policy statement Empty, resources = []: is empty; allowed: at least one resource ARN',
    );
    expectRefused(
      { sid: 'Empty', actions: ['dynamodb:GetItem'] },
      'dev-test-api: policy statement Empty, resources = missing: a statement with no principal needs them; ' +
        'allowed: at least one resource ARN',
    );
  });

  it('a principal: an inline policy applies to its own role', () => {
    expectRefused(
      { sid: 'Other', principals: ['123456789012'], actions: ['dynamodb:GetItem'], resources: [TABLE_ARN] },
      'dev-test-api: policy statement Other names a principal; ' +
        'allowed: none, since an inline policy applies to the role that holds it',
    );
  });
});
