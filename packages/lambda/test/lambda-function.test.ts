import { FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';
import { SubnetType } from '@lambda-vpc/network';
import { bodiesOf, onlyResource, policyOf, referenceTo, synthConstructs } from '../../../test-support/terraform-json';
import {
  addressOf,
  FUNCTION_NAME,
  functionProps,
  ISOLATED_ONLY,
  LOGS_KEY_ARN,
  makeCodeDirectory,
  removeDirectory,
  testNetwork,
  managedPolicyAttachment,
  tierReferences,
} from './fixtures';

let codeDirectory: string;
beforeAll(() => {
  codeDirectory = makeCodeDirectory();
});
afterAll(() => removeDirectory(codeDirectory));

/** A function attached to the default tier of a public + private network. */
function attachedFunction() {
  return synthConstructs((scope) => {
    new LambdaFunction(scope, 'fn', functionProps(codeDirectory, { vpc: { network: testNetwork(scope) } }));
  });
}

describe('function defaults', () => {
  it('runs Node.js 22 on arm64 with 256 MB, a 10 s timeout and the index.handler entry point', () => {
    const fn = onlyResource(attachedFunction(), 'aws_lambda_function');
    expect(fn.function_name).toBe(FUNCTION_NAME);
    expect(fn.description).toBe('Orders API');
    expect(fn.runtime).toBe('nodejs22.x');
    expect(fn.architectures).toEqual(['arm64']);
    expect(fn.memory_size).toBe(256);
    expect(fn.timeout).toBe(10);
    expect(fn.handler).toBe('index.handler');
    expect(fn.environment).toBeUndefined();
  });

  it('logs JSON to its own log group', () => {
    const json = attachedFunction();
    const fn = onlyResource(json, 'aws_lambda_function');
    const logGroup = onlyResource(json, 'aws_cloudwatch_log_group');
    expect(fn.logging_config).toEqual({
      log_format: 'JSON',
      log_group: referenceTo(json, 'aws_cloudwatch_log_group', logGroup, 'name'),
    });
  });

  it('ships the code as a zip in the stack folder, named and hashed by its SHA-256', () => {
    const fn = onlyResource(attachedFunction(), 'aws_lambda_function');
    const match = /^assets\/fn_code_[0-9A-F]+\/([0-9a-f]{64})\/archive\.zip$/.exec(fn.filename);
    expect(match).not.toBeNull();
    expect(Buffer.from(fn.source_code_hash, 'base64').toString('hex')).toBe(match![1]);
  });

  it('uses the execution role it creates', () => {
    const json = attachedFunction();
    const fn = onlyResource(json, 'aws_lambda_function');
    expect(fn.role).toBe(referenceTo(json, 'aws_iam_role', onlyResource(json, 'aws_iam_role'), 'arn'));
  });

  it('takes runtime, architecture, memory, timeout and environment variables as given', () => {
    const json = synthConstructs((scope) => {
      new LambdaFunction(
        scope,
        'fn',
        functionProps(codeDirectory, {
          runtime: 'nodejs20.x',
          architecture: 'x86_64',
          memorySize: 1024,
          timeout: 30,
          environmentVariables: { TABLE_NAME: 'dev-test-orders' },
        }),
      );
    });
    const fn = onlyResource(json, 'aws_lambda_function');
    expect(fn.runtime).toBe('nodejs20.x');
    expect(fn.architectures).toEqual(['x86_64']);
    expect(fn.memory_size).toBe(1024);
    expect(fn.timeout).toBe(30);
    expect(fn.environment).toEqual({ variables: { TABLE_NAME: 'dev-test-orders' } });
  });
});

describe('function code', () => {
  it('refuses a handler that is not file.export', () => {
    expect(() =>
      synthConstructs((scope) => {
        new LambdaFunction(
          scope,
          'fn',
          functionProps(codeDirectory, { code: FunctionCode.fromDirectory(codeDirectory, 'handler') }),
        );
      }),
    ).toThrow('dev-test-api: handler "handler" must be file.export, e.g. index.handler');
  });

  it('refuses a directory without the handler file, asking for a build', () => {
    expect(() =>
      synthConstructs((scope) => {
        new LambdaFunction(
          scope,
          'fn',
          functionProps(codeDirectory, { code: FunctionCode.fromDirectory(codeDirectory, 'main.handler') }),
        );
      }),
    ).toThrow(`dev-test-api: no main.js in ${codeDirectory}; build the function code first (npm run build)`);
  });
});

describe('VPC placement', () => {
  it('puts the ENIs in the private-with-egress subnet of every AZ, behind its own security group', () => {
    const json = attachedFunction();
    const fn = onlyResource(json, 'aws_lambda_function');
    expect(fn.vpc_config.subnet_ids).toEqual(tierReferences(json, 'aws_subnet', SubnetType.PRIVATE_WITH_EGRESS));
    expect(fn.vpc_config.subnet_ids).toHaveLength(2);
    expect(fn.vpc_config.security_group_ids).toEqual([
      referenceTo(json, 'aws_security_group', onlyResource(json, 'aws_security_group')),
    ]);
  });

  it('falls back to the isolated subnets when the network has only those', () => {
    const json = synthConstructs((scope) => {
      new LambdaFunction(
        scope,
        'fn',
        functionProps(codeDirectory, { vpc: { network: testNetwork(scope, { subnetTiers: ISOLATED_ONLY }) } }),
      );
    });
    const fn = onlyResource(json, 'aws_lambda_function');
    expect(fn.vpc_config.subnet_ids).toEqual(tierReferences(json, 'aws_subnet', SubnetType.PRIVATE_ISOLATED));
    expect(fn.vpc_config.subnet_ids).toHaveLength(2);
  });

  it('refuses public subnets: Lambda ENIs get no public IP there', () => {
    expect(() =>
      synthConstructs((scope) => {
        new LambdaFunction(
          scope,
          'fn',
          functionProps(codeDirectory, {
            vpc: { network: testNetwork(scope), subnetType: SubnetType.PUBLIC },
          }),
        );
      }),
    ).toThrow('its ENIs never receive a public IP');
  });

  it('accepts public subnets only when allowPublicSubnet says so', () => {
    const json = synthConstructs((scope) => {
      new LambdaFunction(
        scope,
        'fn',
        functionProps(codeDirectory, {
          vpc: { network: testNetwork(scope), subnetType: SubnetType.PUBLIC, allowPublicSubnet: true },
        }),
      );
    });
    expect(onlyResource(json, 'aws_lambda_function').vpc_config.subnet_ids).toEqual(
      tierReferences(json, 'aws_subnet', SubnetType.PUBLIC),
    );
  });

  it('refuses a tier the network does not have', () => {
    expect(() =>
      synthConstructs((scope) => {
        new LambdaFunction(
          scope,
          'fn',
          functionProps(codeDirectory, {
            vpc: {
              network: testNetwork(scope, { subnetTiers: ISOLATED_ONLY }),
              subnetType: SubnetType.PRIVATE_WITH_EGRESS,
            },
          }),
        );
      }),
    ).toThrow('dev-test-api: network dev-test has no private subnets to attach the function to');
  });

  it('without vpc: no vpc_config, no security group, and the basic execution role', () => {
    const json = synthConstructs((scope) => {
      new LambdaFunction(scope, 'fn', functionProps(codeDirectory));
    });
    expect(onlyResource(json, 'aws_lambda_function').vpc_config).toBeUndefined();
    expect(bodiesOf(json, 'aws_security_group')).toHaveLength(0);
    expect(
      bodiesOf(json, 'aws_iam_role_policy_attachment')
        .map((a) => a.policy_arn)
        .sort(),
    ).toEqual([
      'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ]);
  });
});

describe('execution role', () => {
  it('trusts only the Lambda service', () => {
    const json = attachedFunction();
    const role = onlyResource(json, 'aws_iam_role');
    expect(role.name).toBe(FUNCTION_NAME);
    expect(policyOf(role, 'assume_role_policy').Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });

  it(
    "carries AWSLambdaVPCAccessExecutionRole when attached to a VPC, and no managed policy but X-Ray's " + 'besides',
    () => {
      const json = attachedFunction();
      const attachment = managedPolicyAttachment(json, 'service-role/AWSLambdaVPCAccessExecutionRole');
      expect(attachment.role).toBe(referenceTo(json, 'aws_iam_role', onlyResource(json, 'aws_iam_role'), 'name'));
      expect(
        bodiesOf(json, 'aws_iam_role_policy_attachment')
          .map((a) => a.policy_arn)
          .sort(),
      ).toEqual([
        'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess',
        'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
      ]);
    },
  );
});

describe('security group', () => {
  it('starts with no rules, inline or separate', () => {
    const json = attachedFunction();
    const sg = onlyResource(json, 'aws_security_group');
    expect(sg).not.toHaveProperty('ingress');
    expect(sg).not.toHaveProperty('egress');
    expect(bodiesOf(json, 'aws_vpc_security_group_egress_rule')).toHaveLength(0);
    expect(bodiesOf(json, 'aws_vpc_security_group_ingress_rule')).toHaveLength(0);
  });

  it('is described, lives in the network VPC, revokes its rules on delete and waits 45 minutes for ENIs', () => {
    const json = attachedFunction();
    const sg = onlyResource(json, 'aws_security_group');
    expect(sg.name).toBe(FUNCTION_NAME);
    expect(sg.description).toBe('Lambda function dev-test-api: egress only as the rules below allow');
    expect(sg.vpc_id).toBe(referenceTo(json, 'aws_vpc', onlyResource(json, 'aws_vpc')));
    expect(sg.revoke_rules_on_delete).toBe(true);
    expect(sg.timeouts).toEqual({ delete: '45m' });
  });
});

describe('teardown order', () => {
  it('the function depends on the ENI permissions and its log group', () => {
    const json = attachedFunction();
    expect(onlyResource(json, 'aws_lambda_function').depends_on).toEqual([
      addressOf(
        json,
        'aws_iam_role_policy_attachment',
        managedPolicyAttachment(json, 'service-role/AWSLambdaVPCAccessExecutionRole'),
      ),
      addressOf(json, 'aws_cloudwatch_log_group', onlyResource(json, 'aws_cloudwatch_log_group')),
    ]);
  });

  it('the security group depends on the ENI permissions, so it is destroyed before they are removed', () => {
    const json = attachedFunction();
    expect(onlyResource(json, 'aws_security_group').depends_on).toEqual([
      addressOf(
        json,
        'aws_iam_role_policy_attachment',
        managedPolicyAttachment(json, 'service-role/AWSLambdaVPCAccessExecutionRole'),
      ),
    ]);
  });
});

describe('log group', () => {
  it('is /aws/lambda/<functionName> with the given retention and KMS key', () => {
    const json = synthConstructs((scope) => {
      new LambdaFunction(scope, 'fn', functionProps(codeDirectory, { logRetentionInDays: 90 }));
    });
    const logGroup = onlyResource(json, 'aws_cloudwatch_log_group');
    expect(logGroup.name).toBe('/aws/lambda/dev-test-api');
    expect(logGroup.retention_in_days).toBe(90);
    expect(logGroup.kms_key_id).toBe(LOGS_KEY_ARN);
  });
});

describe('tracing', () => {
  it('is Active by default, with the X-Ray write policy on the role (CKV_AWS_50)', () => {
    const json = attachedFunction();
    expect(onlyResource(json, 'aws_lambda_function').tracing_config).toEqual({ mode: 'Active' });
    expect(bodiesOf(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toContain(
      'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess',
    );
  });

  it('PassThrough adds no X-Ray permissions', () => {
    const json = synthConstructs((scope) => {
      new LambdaFunction(
        scope,
        'fn',
        functionProps(codeDirectory, { vpc: { network: testNetwork(scope) }, tracing: 'PassThrough' }),
      );
    });
    expect(onlyResource(json, 'aws_lambda_function').tracing_config).toEqual({ mode: 'PassThrough' });
    expect(bodiesOf(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).not.toContain(
      'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess',
    );
  });
});

describe('environment variable encryption', () => {
  const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/env';

  it('uses the given key when the function has variables (CKV_AWS_173)', () => {
    const json = synthConstructs((scope) => {
      new LambdaFunction(
        scope,
        'fn',
        functionProps(codeDirectory, { environmentVariables: { STAGE: 'dev' }, environmentKmsKeyArn: KEY }),
      );
    });
    expect(onlyResource(json, 'aws_lambda_function').kms_key_arn).toBe(KEY);
  });

  it('sets no key without variables: Lambda would not store it, and every plan would show it again', () => {
    const json = synthConstructs((scope) => {
      new LambdaFunction(scope, 'fn', functionProps(codeDirectory, { environmentKmsKeyArn: KEY }));
    });
    expect(onlyResource(json, 'aws_lambda_function').kms_key_arn).toBeUndefined();
  });
});
