import {
  addResource,
  baseline,
  Body,
  errorsOf,
  evaluate,
  expected,
  Fixture,
  GATEWAY_ENDPOINT,
  INTERFACE_ENDPOINT,
  policy,
  reported,
  resourceOf,
  ROLE_POLICY,
  VPC,
} from './fixtures';

const ROLE_POLICY_ADDRESS = `aws_iam_role_policy.${ROLE_POLICY}`;
const ROLE_POLICY_PATH = 'test-stack/fn/inline-policy';
const setRolePolicy = (json: Fixture, ...statements: Body[]) => {
  resourceOf(json, 'aws_iam_role_policy', ROLE_POLICY).policy = policy(...statements);
};

describe('LVB-IAM-1 no wildcard actions', () => {
  it('fires once per wildcard action of an Allow, naming the action', () => {
    const json = baseline();
    setRolePolicy(
      json,
      { Sid: 'Table', Effect: 'Allow', Action: ['dynamodb:*', 'dynamodb:GetItem'], Resource: '*' },
      { Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'Reads', Action: ['s3:Get*'], Resource: '*' },
    );
    expect(errorsOf(json)).toEqual([
      expected('LVB-IAM-1', ROLE_POLICY_ADDRESS, ROLE_POLICY_PATH, 'allows "dynamodb:*"'),
      expected('LVB-IAM-1', ROLE_POLICY_ADDRESS, ROLE_POLICY_PATH, 'allows "*"'),
      expected('LVB-IAM-1', ROLE_POLICY_ADDRESS, ROLE_POLICY_PATH, 'allows "s3:Get*"'),
    ]);
  });

  it('reads a single Statement object as well as a list', () => {
    const json = baseline();
    resourceOf(json, 'aws_iam_role_policy', ROLE_POLICY).policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 'sqs:*', Resource: '*' },
    });
    expect(errorsOf(json)).toEqual([expected('LVB-IAM-1', ROLE_POLICY_ADDRESS, ROLE_POLICY_PATH, 'allows "sqs:*"')]);
  });

  it('checks managed aws_iam_policy documents too', () => {
    const json = baseline();
    addResource(
      json,
      'aws_iam_policy',
      'managed',
      { policy: policy({ Effect: 'Allow', Action: 'logs:*', Resource: '*' }) },
      'managed/policy',
    );
    expect(errorsOf(json)).toEqual([
      expected('LVB-IAM-1', 'aws_iam_policy.managed', 'test-stack/managed/policy', 'allows "logs:*"'),
    ]);
  });

  it('passes named actions and a Deny of "*", and fires only on the Allow beside them', () => {
    const json = baseline();
    setRolePolicy(
      json,
      { Sid: 'Named', Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: '*' },
      {
        Sid: 'DenyAllOutsideTheVpc',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } },
      },
      { Sid: 'DenyS3', Effect: 'Deny', Action: ['s3:*'], Resource: '*' },
      { Sid: 'Wide', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:*'], Resource: '*' },
    );
    expect(errorsOf(json)).toEqual([expected('LVB-IAM-1', ROLE_POLICY_ADDRESS, ROLE_POLICY_PATH, 'allows "kms:*"')]);
  });

  it('fires on an Allow with NotAction, and passes a Deny with NotAction', () => {
    const json = baseline();
    setRolePolicy(
      json,
      { Sid: 'DenyButReads', Effect: 'Deny', NotAction: ['dynamodb:GetItem'], Resource: '*' },
      { Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
    );
    expect(errorsOf(json)).toEqual([
      expected('LVB-IAM-1', ROLE_POLICY_ADDRESS, ROLE_POLICY_PATH, 'an Allow with NotAction grants everything else'),
    ]);
  });

  it.each([
    ['a token', '${data.aws_iam_policy_document.fn.json}'],
    ['truncated JSON', '{"Version":"2012-10-17","Statement":['],
  ])('reports a policy it cannot parse (%s)', (_what, document) => {
    const json = baseline();
    resourceOf(json, 'aws_iam_role_policy', ROLE_POLICY).policy = document;
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-IAM-1',
        ROLE_POLICY_ADDRESS,
        ROLE_POLICY_PATH,
        'the policy is not a JSON document the rule can read',
      ),
    ]);
  });
});

const GATEWAY = `aws_vpc_endpoint.${GATEWAY_ENDPOINT}`;
const GATEWAY_PATH = 'test-stack/dynamodb-endpoint/Default';
const setEndpointPolicy = (json: Fixture, ...statements: Body[]) => {
  resourceOf(json, 'aws_vpc_endpoint', GATEWAY_ENDPOINT).policy = policy(...statements);
};
const ROLE_ARN = 'arn:aws:iam::123456789012:role/fn';

describe('LVB-EP-1 endpoint policies name their principals', () => {
  it('fires on an endpoint without a policy', () => {
    const json = baseline();
    delete resourceOf(json, 'aws_vpc_endpoint', GATEWAY_ENDPOINT).policy;
    expect(errorsOf(json)).toEqual([expected('LVB-EP-1', GATEWAY, GATEWAY_PATH, 'no policy: AWS applies full access')]);
  });

  it.each([
    ['Principal "*"', '*'],
    ['Principal {"AWS": "*"}', { AWS: '*' }],
    ['Principal {"AWS": ["*"]}', { AWS: ['*'] }],
    ['a wildcard among named principals', { AWS: [ROLE_ARN, 'arn:aws:iam::123456789012:*'] }],
  ])('fires on an Allow with %s', (_what, principal) => {
    const json = baseline();
    setEndpointPolicy(json, {
      Sid: 'OpenRead',
      Effect: 'Allow',
      Principal: principal,
      Action: 'dynamodb:GetItem',
      Resource: '*',
    });
    expect(errorsOf(json)).toEqual([
      expected('LVB-EP-1', GATEWAY, GATEWAY_PATH, 'statement OpenRead does not name its principals'),
    ]);
  });

  it('fires on an Allow without a Principal, saying it has no Sid', () => {
    const json = baseline();
    setEndpointPolicy(json, { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' });
    expect(errorsOf(json)).toEqual([
      expected('LVB-EP-1', GATEWAY, GATEWAY_PATH, 'statement (no Sid) does not name its principals'),
    ]);
  });

  it('gives a warning, not an error, for full access by explicit opt-in (Sid FullAccessOptIn)', () => {
    const json = baseline();
    setEndpointPolicy(json, { Sid: 'FullAccessOptIn', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' });
    const report = evaluate(json);
    expect(report.errors).toEqual([]);
    expect(reported(report.warnings)).toEqual([
      expected('LVB-EP-1', GATEWAY, GATEWAY_PATH, 'full access, by explicit opt-in'),
    ]);
    expect(report.warnings[0].severity).toBe('warning');
  });

  it('passes a Deny with Principal "*", and reports only the open Allow beside it', () => {
    const json = baseline();
    setEndpointPolicy(
      json,
      {
        Sid: 'DenyOutsideOrg',
        Effect: 'Deny',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-1' } },
      },
      { Sid: 'Named', Effect: 'Allow', Principal: { AWS: [ROLE_ARN] }, Action: 'dynamodb:GetItem', Resource: '*' },
      { Sid: 'Open', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'dynamodb:Query', Resource: '*' },
    );
    const report = evaluate(json);
    expect(reported(report.errors)).toEqual([
      expected('LVB-EP-1', GATEWAY, GATEWAY_PATH, 'statement Open does not name its principals'),
    ]);
    expect(report.warnings).toEqual([]);
  });

  it('reports a policy it cannot parse instead of throwing', () => {
    const json = baseline();
    resourceOf(json, 'aws_vpc_endpoint', GATEWAY_ENDPOINT).policy = '${data.aws_iam_policy_document.endpoint.json}';
    expect(errorsOf(json)).toEqual([
      expected('LVB-EP-1', GATEWAY, GATEWAY_PATH, 'the policy is not a JSON document the rule can read'),
    ]);
  });
});

const INTERFACE = `aws_vpc_endpoint.${INTERFACE_ENDPOINT}`;
const INTERFACE_PATH = 'test-stack/sqs-endpoint/Default';

describe('LVB-EP-2 private DNS needs the VPC DNS attributes', () => {
  it('fires on private DNS in a VPC with enable_dns_hostnames false', () => {
    const json = baseline();
    resourceOf(json, 'aws_vpc', VPC).enable_dns_hostnames = false;
    expect(errorsOf(json)).toEqual([
      expected('LVB-EP-2', INTERFACE, INTERFACE_PATH, 'private DNS in a VPC with enable_dns_hostnames off'),
    ]);
  });

  it('fires on private DNS in a VPC with enable_dns_support false', () => {
    const json = baseline();
    resourceOf(json, 'aws_vpc', VPC).enable_dns_support = false;
    expect(errorsOf(json)).toEqual([
      expected('LVB-EP-2', INTERFACE, INTERFACE_PATH, 'private DNS in a VPC with enable_dns_support off'),
    ]);
  });

  it('names both attributes when both are off', () => {
    const json = baseline();
    Object.assign(resourceOf(json, 'aws_vpc', VPC), { enable_dns_support: false, enable_dns_hostnames: false });
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-EP-2',
        INTERFACE,
        INTERFACE_PATH,
        'private DNS in a VPC with enable_dns_support and enable_dns_hostnames off',
      ),
    ]);
  });

  it('treats unset attributes as the aws_vpc defaults: DNS support on, DNS hostnames off', () => {
    const json = baseline();
    const vpc = resourceOf(json, 'aws_vpc', VPC);
    delete vpc.enable_dns_support;
    expect(errorsOf(json)).toEqual([]);
    delete vpc.enable_dns_hostnames;
    expect(errorsOf(json)).toEqual([
      expected('LVB-EP-2', INTERFACE, INTERFACE_PATH, 'private DNS in a VPC with enable_dns_hostnames off'),
    ]);
  });

  it('passes an endpoint with private DNS off in the same VPC, while one with it on fires', () => {
    const json = baseline();
    resourceOf(json, 'aws_vpc', VPC).enable_dns_hostnames = false;
    resourceOf(json, 'aws_vpc_endpoint', INTERFACE_ENDPOINT).private_dns_enabled = false;
    const endpoint = resourceOf(json, 'aws_vpc_endpoint', INTERFACE_ENDPOINT);
    addResource(
      json,
      'aws_vpc_endpoint',
      'kms-endpoint',
      { ...endpoint, private_dns_enabled: true, service_name: 'com.amazonaws.eu-west-1.kms' },
      'kms-endpoint/Default',
    );
    expect(errorsOf(json)).toEqual([
      expected(
        'LVB-EP-2',
        'aws_vpc_endpoint.kms-endpoint',
        'test-stack/kms-endpoint/Default',
        'private DNS in a VPC with enable_dns_hostnames off',
      ),
    ]);
  });
});

describe('policies without statements', () => {
  it(
    'are read as empty, not as a crash: no wildcard to report, and an endpoint policy that names nobody allows ' +
      'nobody',
    () => {
      const json = baseline();
      resourceOf(json, 'aws_iam_role_policy', ROLE_POLICY).policy = '{}';
      resourceOf(json, 'aws_vpc_endpoint', GATEWAY_ENDPOINT).policy = '{}';
      expect(errorsOf(json)).toEqual([]);
    },
  );
});
