import { FailureQueue, LambdaFunctionProps } from '@lambda-vpc/lambda';
import { bodiesOf, onlyResource, policyOf, referenceTo, TerraformJson } from '../../../test-support/terraform-json';
import { addressOf, makeCodeDirectory, removeDirectory, STACK_KEY_ARN, synthFunction } from './fixtures';

let codeDirectory: string;
beforeAll(() => {
  codeDirectory = makeCodeDirectory();
});
afterAll(() => removeDirectory(codeDirectory));

const build = (overrides: Partial<LambdaFunctionProps>) => () => synthFunction(codeDirectory, () => overrides);

/** The statements the failure queue adds to the role: send to the queue, and use the key only through SQS. */
function expectQueueGrants(json: TerraformJson): void {
  const queueArn = referenceTo(json, 'aws_sqs_queue', onlyResource(json, 'aws_sqs_queue'), 'arn');
  expect(policyOf(onlyResource(json, 'aws_iam_role_policy')).Statement).toEqual([
    { Sid: 'SendFailedEvents', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [queueArn] },
    {
      Sid: 'EncryptFailedEventsViaSqs',
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: [STACK_KEY_ARN],
      Condition: { StringEquals: { 'kms:ViaService': 'sqs.eu-west-1.amazonaws.com' } },
    },
  ]);
}

describe.each([
  ['onFailureDestination', FailureQueue.onFailureDestination({ kmsKeyArn: STACK_KEY_ARN })],
  ['deadLetterQueue', FailureQueue.deadLetterQueue({ kmsKeyArn: STACK_KEY_ARN })],
])('FailureQueue.%s: the queue', (_, failureQueue) => {
  it('is <function>-failures, encrypted with the given key, keeping messages 14 days', () => {
    expect(onlyResource(build({ failureQueue })(), 'aws_sqs_queue')).toEqual({
      name: 'dev-test-api-failures',
      kms_master_key_id: STACK_KEY_ARN,
      message_retention_seconds: 1209600,
      tags: { Name: 'dev-test-api-failures' },
    });
  });

  it('is the only thing the role may send to, with the key used only through SQS', () => {
    expectQueueGrants(build({ failureQueue })());
  });

  it('is granted before the function is created: the function waits for the policy that lets it send', () => {
    const json = build({ failureQueue })();
    const policy = addressOf(json, 'aws_iam_role_policy', onlyResource(json, 'aws_iam_role_policy'));
    expect(onlyResource(json, 'aws_lambda_function').depends_on).toContain(policy);
  });
});

describe('FailureQueue.onFailureDestination', () => {
  it("is the function's on-failure destination, and leaves dead_letter_config unset", () => {
    const json = build({ failureQueue: FailureQueue.onFailureDestination({ kmsKeyArn: STACK_KEY_ARN }) })();
    const fn = onlyResource(json, 'aws_lambda_function');
    expect(onlyResource(json, 'aws_lambda_function_event_invoke_config')).toEqual({
      function_name: referenceTo(json, 'aws_lambda_function', fn, 'function_name'),
      destination_config: {
        on_failure: { destination: referenceTo(json, 'aws_sqs_queue', onlyResource(json, 'aws_sqs_queue'), 'arn') },
      },
    });
    expect(fn).not.toHaveProperty('dead_letter_config');
  });

  it('applies to the alias when there is one (qualifier = the alias name)', () => {
    const json = build({
      alias: { name: 'live' },
      failureQueue: FailureQueue.onFailureDestination({ kmsKeyArn: STACK_KEY_ARN }),
    })();
    const alias = onlyResource(json, 'aws_lambda_alias');
    expect(onlyResource(json, 'aws_lambda_function_event_invoke_config').qualifier).toBe(
      referenceTo(json, 'aws_lambda_alias', alias, 'name'),
    );
  });
});

describe('FailureQueue.deadLetterQueue', () => {
  it("is the function's dead_letter_config target, with no event invoke configuration", () => {
    const json = build({ failureQueue: FailureQueue.deadLetterQueue({ kmsKeyArn: STACK_KEY_ARN }) })();
    expect(onlyResource(json, 'aws_lambda_function').dead_letter_config).toEqual({
      target_arn: referenceTo(json, 'aws_sqs_queue', onlyResource(json, 'aws_sqs_queue'), 'arn'),
    });
    expect(bodiesOf(json, 'aws_lambda_function_event_invoke_config')).toEqual([]);
  });
});

describe('failure queue: defaults and what is refused', () => {
  it('creates no queue, destination or dead-letter configuration by default', () => {
    const json = synthFunction(codeDirectory);
    expect(bodiesOf(json, 'aws_sqs_queue')).toEqual([]);
    expect(bodiesOf(json, 'aws_lambda_function_event_invoke_config')).toEqual([]);
    expect(onlyResource(json, 'aws_lambda_function')).not.toHaveProperty('dead_letter_config');
  });

  it('refuses a key that is not a KMS key ARN (an alias)', () => {
    const alias = 'arn:aws:kms:eu-west-1:123456789012:alias/dev-test-key';
    expect(build({ failureQueue: FailureQueue.deadLetterQueue({ kmsKeyArn: alias }) })).toThrow(
      new Error(
        `dev-test-api: failureQueue.kmsKeyArn = ${alias}: is not a KMS key ARN; allowed: ` +
          'arn:<partition>:kms:<region>:<12-digit account>:key/<key ID>',
      ),
    );
  });
});
