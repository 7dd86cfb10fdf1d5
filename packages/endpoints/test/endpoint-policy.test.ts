import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import {
  allowInvokeFunction,
  allowOwnAccountBuckets,
  denyUnlessSourceVpc,
  EndpointPolicy,
  GatewayEndpoint,
  principalProblem,
  GatewayEndpointService,
  InterfaceEndpoint,
  InterfaceEndpointService,
  S3_OBJECT_ACTIONS,
} from '@lambda-vpc/endpoints';
import { Peer, PolicyDocument, PolicyStatement, PolicyStatementProps, Port } from '@lambda-vpc/network';
import { onlyResource, policyOf, referenceTo, synthConstructs } from '../../../test-support/terraform-json';
import { testNetwork } from '../../../test-support/test-network';

const OWNER = 'dev-privatelink-lambda-endpoint';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/dev-test-caller';
const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:dev-test-api';
const FULL_ACCESS = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'FullAccessOptIn', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};
const ALLOWED_ACTION = 'allowed: a fully named action (service:Action) such as dynamodb:GetItem';
const invoke: PolicyStatementProps = {
  sid: 'Invoke',
  principals: [ROLE_ARN],
  actions: ['lambda:InvokeFunction'],
  resources: [FUNCTION_ARN],
};

/** The endpoint policy of `statements`, rendered for `owner`. */
const policy = (owner: string, statements: PolicyStatementProps[]) =>
  EndpointPolicy.of(statements.map((statement) => new PolicyStatement(statement))).render(owner);

/** The statements of a rendered policy. */
const statementsOf = (policy: string) => (JSON.parse(policy) as { Statement: Record<string, unknown>[] }).Statement;

describe('EndpointPolicy.of', () => {
  it('is not full access and renders what PolicyDocument renders', () => {
    const endpointPolicy = EndpointPolicy.of([new PolicyStatement(invoke)]);
    expect(endpointPolicy.isFullAccess).toBe(false);
    const document = new PolicyDocument({ owner: OWNER, statements: [new PolicyStatement(invoke)] });
    expect(endpointPolicy.render(OWNER)).toBe(document.toJson());
    expect(statementsOf(endpointPolicy.render(OWNER))).toEqual([
      {
        Sid: 'Invoke',
        Effect: 'Allow',
        Principal: { AWS: [ROLE_ARN] },
        Action: ['lambda:InvokeFunction'],
        Resource: [FUNCTION_ARN],
      },
    ]);
  });

  it('applies the same checks, naming the endpoint it renders for', () => {
    expect(() => EndpointPolicy.of([]).render(OWNER)).toThrow(
      `${OWNER}: an endpoint policy needs at least one statement; with none, nobody may use the endpoint`,
    );
    expect(() => policy(OWNER, [{ ...invoke, actions: ['lambda:*'] }])).toThrow(
      `${OWNER}: policy statement Invoke, action = "lambda:*": is a wildcard; ${ALLOWED_ACTION}`,
    );
  });
});

describe('EndpointPolicy.closed', () => {
  const workerReads = new PolicyStatement({ ...invoke, sid: 'WorkerInvokes' });

  it('with no statement yet, denies every action to everyone and allows nothing', () => {
    const closed = EndpointPolicy.closed();
    expect(closed.isFullAccess).toBe(false);
    expect(JSON.parse(closed.render(OWNER))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'NoUserYet', Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }],
    });
  });

  it('once statements are added, renders exactly those, as EndpointPolicy.of does, without the Deny', () => {
    const opened = EndpointPolicy.closed().withStatements([workerReads]);
    expect(opened.render(OWNER)).toBe(EndpointPolicy.of([workerReads]).render(OWNER));
    expect(statementsOf(opened.render(OWNER)).map((s) => [s.Sid, s.Effect])).toEqual([['WorkerInvokes', 'Allow']]);
  });

  it('stays closed when no statement is added', () => {
    const closed = EndpointPolicy.closed();
    expect(closed.withStatements([])).toBe(closed);
  });

  it("holds added statements to EndpointPolicy.of's rules", () => {
    const open = new PolicyStatement({ ...invoke, principals: '*' });
    expect(() => EndpointPolicy.closed().withStatements([open]).render(OWNER)).toThrow(
      `${OWNER}: endpoint policy statement Invoke must name its principals`,
    );
  });

  it('on an endpoint, renders the Deny until addToPolicy names a user, then only that user', () => {
    const closedJson = synthConstructs((scope) => {
      new GatewayEndpoint(scope, 'endpoint', {
        network: testNetwork(scope),
        service: GatewayEndpointService.DYNAMODB,
        policy: EndpointPolicy.closed(),
      });
    });
    expect(policyOf(onlyResource(closedJson, 'aws_vpc_endpoint')).Statement.map((s) => s.Sid)).toEqual(['NoUserYet']);
    const usedJson = synthConstructs((scope) => {
      new GatewayEndpoint(scope, 'endpoint', {
        network: testNetwork(scope),
        service: GatewayEndpointService.DYNAMODB,
        policy: EndpointPolicy.closed(),
      }).addToPolicy(workerReads);
    });
    expect(policyOf(onlyResource(usedJson, 'aws_vpc_endpoint')).Statement).toEqual([
      {
        Sid: 'WorkerInvokes',
        Effect: 'Allow',
        Principal: { AWS: [ROLE_ARN] },
        Action: ['lambda:InvokeFunction'],
        Resource: [FUNCTION_ARN],
      },
    ]);
  });
});

describe('EndpointPolicy.fullAccess', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  const warning = (owner: string, justification: string) =>
    `warning: ${owner}: endpoint policy is full access (${justification}); ` +
    'any principal that reaches the endpoint may call any action on any resource';

  it('is full access and renders the full-access statement explicitly', () => {
    const policy = EndpointPolicy.fullAccess('vendor agent calls unlisted APIs');
    expect(policy.isFullAccess).toBe(true);
    expect(JSON.parse(policy.render(OWNER))).toEqual(FULL_ACCESS);
  });

  it('prints one warning naming the endpoint and the justification', () => {
    EndpointPolicy.fullAccess('vendor agent calls unlisted APIs').render(OWNER);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(warning(OWNER, 'vendor agent calls unlisted APIs'));
  });

  it("warns once per endpoint it is used on, with the endpoint's name", () => {
    const json = synthConstructs((scope) => {
      const network = testNetwork(scope);
      new InterfaceEndpoint(scope, 'ssm', {
        network,
        service: InterfaceEndpointService.SSM,
        policy: EndpointPolicy.fullAccess('parameter paths vary'),
      }).connections.allowFrom(Peer.ipv4('10.10.0.0/16', 'vpc'), Port.https(), 'HTTPS from the VPC');
      new GatewayEndpoint(scope, 's3', {
        network,
        service: GatewayEndpointService.S3,
        policy: EndpointPolicy.fullAccess('public datasets'),
      });
    });
    expect(warn.mock.calls).toEqual([
      [warning('dev-test-ssm-endpoint', 'parameter paths vary')],
      [warning('dev-test-s3-gateway', 'public datasets')],
    ]);
    expect(policyOf(json.resource!.aws_vpc_endpoint.ssm)).toEqual(FULL_ACCESS);
    expect(policyOf(json.resource!.aws_vpc_endpoint.s3)).toEqual(FULL_ACCESS);
  });

  it.each(['', '   '])('refuses the justification "%s"', (justification) => {
    expect(() => EndpointPolicy.fullAccess(justification)).toThrow('EndpointPolicy.fullAccess needs a justification');
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('Deny statements', () => {
  const deny: PolicyStatementProps = {
    sid: 'DenyAll',
    effect: 'Deny',
    principals: ['*'],
    actions: ['*'],
    resources: ['*'],
  };

  it('may deny everyone everything, rendered as Principal "*"', () => {
    expect(statementsOf(policy(OWNER, [invoke, deny]))[1]).toEqual({
      Sid: 'DenyAll',
      Effect: 'Deny',
      Principal: '*',
      Action: ['*'],
      Resource: ['*'],
    });
  });

  it('may use wildcard actions for named principals, rendered as Principal.AWS', () => {
    const statement = { ...deny, principals: [ROLE_ARN], actions: ['lambda:Delete*'] };
    expect(statementsOf(policy(OWNER, [statement]))[0]).toEqual({
      Sid: 'DenyAll',
      Effect: 'Deny',
      Principal: { AWS: [ROLE_ARN] },
      Action: ['lambda:Delete*'],
      Resource: ['*'],
    });
  });

  it('still needs principals and actions', () => {
    expect(() => policy(OWNER, [{ ...deny, principals: [] }])).toThrow(
      `${OWNER}: endpoint policy statement DenyAll denies nobody; name its principals, or "*" for everyone`,
    );
    expect(() => policy(OWNER, [{ ...deny, actions: [] }])).toThrow(
      `${OWNER}: policy statement DenyAll, actions = []: is empty; allowed: at least one action`,
    );
  });

  it('does not lift the rules for Allow statements', () => {
    expect(() => policy(OWNER, [{ ...deny, effect: 'Allow', actions: ['lambda:InvokeFunction'] }])).toThrow(
      `${OWNER}: endpoint policy statement DenyAll must name its principals (IAM role or account ARNs), not "*" or ` +
        `none`,
    );
    expect(() => policy(OWNER, [{ ...deny, effect: undefined, principals: [ROLE_ARN] }])).toThrow(
      `${OWNER}: policy statement DenyAll, action = "*": is a wildcard; ${ALLOWED_ACTION}`,
    );
  });
});

describe('allowInvokeFunction', () => {
  it('allows lambda:InvokeFunction for the principals on the functions', () => {
    expect(allowInvokeFunction({ principals: [ROLE_ARN, '210987654321'], functionArns: [FUNCTION_ARN] })).toEqual({
      sid: 'AllowInvokeFunction',
      effect: 'Allow',
      principals: [ROLE_ARN, '210987654321'],
      actions: ['lambda:InvokeFunction'],
      resources: [FUNCTION_ARN],
    });
    expect(allowInvokeFunction({ principals: [ROLE_ARN], functionArns: [FUNCTION_ARN], sid: 'ApiInvokes' }).sid).toBe(
      'ApiInvokes',
    );
  });

  it.each([
    FUNCTION_ARN,
    `${FUNCTION_ARN}:7`,
    `${FUNCTION_ARN}:$LATEST`,
    `${FUNCTION_ARN}:live`,
    `${FUNCTION_ARN}:blue_green-2`,
    'arn:aws-cn:lambda:cn-north-1:123456789012:function:dev_test',
    'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f',
    `arn:aws:lambda:eu-west-1:123456789012:function:${'a'.repeat(64)}`,
  ])('accepts the function ARN %s', (arn) => {
    expect(allowInvokeFunction({ principals: [ROLE_ARN], functionArns: [arn] }).resources).toEqual([arn]);
  });

  it.each([
    'dev-test-api',
    'arn:aws:lambda:eu-west-1:12345678901:function:dev-test-api',
    'arn:aws:lambda:eu-west-1:123456789012:dev-test-api',
    'arn:aws:lambda:eu-west-1:123456789012:layer:dev-test-api',
    'arn:aws:s3:::dev-test-api',
    'arn:aws:lambda:eu-west-1:123456789012:function:*',
    'arn:aws:lambda:eu-west-1:123456789012:function:dev-test-api:*',
    `${FUNCTION_ARN}:`,
    `${FUNCTION_ARN}:v1.2`,
    `${FUNCTION_ARN}:live:extra`,
    `arn:aws:lambda:eu-west-1:123456789012:function:${'a'.repeat(65)}`,
  ])('refuses the function ARN %s, naming it and the expected form', (arn) => {
    expect(() => allowInvokeFunction({ principals: [ROLE_ARN], functionArns: [FUNCTION_ARN, arn] })).toThrow(
      `allowInvokeFunction AllowInvokeFunction: "${arn}" is not a Lambda function ARN; expected ` +
        'arn:<partition>:lambda:<region>:<12-digit account>:function:<name>[:<version or alias>]',
    );
  });

  it.each([
    '123456789012',
    'arn:aws:iam::123456789012:root',
    'arn:aws:iam::123456789012:role/service-role/dev-test-caller',
    'arn:aws:iam::123456789012:user/ci@example.com',
  ])('accepts the principal %s', (principal) => {
    expect(allowInvokeFunction({ principals: [principal], functionArns: [FUNCTION_ARN] }).principals).toEqual([
      principal,
    ]);
  });

  it.each([
    '*',
    '12345678901',
    'arn:aws:iam::*:root',
    'arn:aws:iam::123456789012:role/*',
    'arn:aws:iam::123456789012:group/admins',
    'arn:aws:sts::123456789012:assumed-role/dev-test-caller/session',
    'role/dev-test-caller',
  ])('refuses the principal %s, naming it and the expected form', (principal) => {
    const problem =
      'is not an account ID or IAM principal ARN; allowed: ' +
      '123456789012 or arn:<partition>:iam::<12-digit account>:root|role/<name>|user/<name>';
    expect(principalProblem(principal)).toBe(problem);
    expect(() => allowInvokeFunction({ principals: [principal], functionArns: [FUNCTION_ARN] })).toThrow(
      new Error(`allowInvokeFunction AllowInvokeFunction: principal "${principal}" ${problem}`),
    );
  });

  it('refuses empty principals or functions', () => {
    expect(() => allowInvokeFunction({ principals: [], functionArns: [FUNCTION_ARN] })).toThrow(
      'allowInvokeFunction AllowInvokeFunction: name at least one principal',
    );
    expect(() => allowInvokeFunction({ principals: [ROLE_ARN], functionArns: [] })).toThrow(
      'allowInvokeFunction AllowInvokeFunction: name at least one function ARN',
    );
  });

  it('accepts ARNs known only at apply time and renders them as references', () => {
    const json = synthConstructs((scope) => {
      const role = new IamRole(scope, 'caller', { name: 'dev-test-caller', assumeRolePolicy: '{}' });
      const fn = new LambdaFunction(scope, 'api', {
        functionName: 'dev-test-api',
        role: role.arn,
        runtime: 'nodejs22.x',
      });
      new GatewayEndpoint(scope, 'endpoint', {
        network: testNetwork(scope),
        service: GatewayEndpointService.S3,
        policy: EndpointPolicy.of([
          allowInvokeFunction({ principals: [role.arn], functionArns: [fn.arn, `${fn.arn}:live`] }),
        ]),
      });
    });
    const [statement] = policyOf(onlyResource(json, 'aws_vpc_endpoint')).Statement;
    const fnArn = referenceTo(json, 'aws_lambda_function', onlyResource(json, 'aws_lambda_function'), 'arn');
    expect(statement.Principal).toEqual({
      AWS: [referenceTo(json, 'aws_iam_role', onlyResource(json, 'aws_iam_role'), 'arn')],
    });
    expect(statement.Resource).toEqual([fnArn, `${fnArn}:live`]);
  });
});

describe('denyUnlessSourceVpc', () => {
  const VPC_ID = 'vpc-0123456789abcdef0';

  it('denies every action to everyone outside the VPC by default', () => {
    expect(statementsOf(policy(OWNER, [invoke, denyUnlessSourceVpc({ vpcId: VPC_ID })]))[1]).toEqual({
      Sid: 'DenyOutsideSourceVpc',
      Effect: 'Deny',
      Principal: '*',
      Action: ['*'],
      Resource: ['*'],
      Condition: { StringNotEquals: { 'aws:SourceVpc': VPC_ID } },
    });
  });

  it('denies only the actions and under the ID given', () => {
    expect(denyUnlessSourceVpc({ vpcId: 'vpc-0abc1234', actions: ['lambda:InvokeFunction'], sid: 'VpcOnly' })).toEqual({
      sid: 'VpcOnly',
      effect: 'Deny',
      principals: ['*'],
      actions: ['lambda:InvokeFunction'],
      resources: ['*'],
      condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-0abc1234' } },
    });
  });

  it("takes the network's VPC ID as a reference", () => {
    const json = synthConstructs((scope) => {
      const network = testNetwork(scope);
      new InterfaceEndpoint(scope, 'endpoint', {
        network,
        service: InterfaceEndpointService.LAMBDA,
        policy: EndpointPolicy.of([new PolicyStatement(invoke), denyUnlessSourceVpc({ vpcId: network.vpcId })]),
      }).connections.allowFrom(Peer.ipv4('10.10.0.0/16', 'vpc'), Port.https(), 'HTTPS from the VPC');
    });
    const [, deny] = policyOf(onlyResource(json, 'aws_vpc_endpoint')).Statement;
    expect(deny.Condition).toEqual({
      StringNotEquals: { 'aws:SourceVpc': referenceTo(json, 'aws_vpc', onlyResource(json, 'aws_vpc')) },
    });
  });

  it.each(['vpc-123', 'subnet-0123456789abcdef0', 'vpc-0123456789ABCDEF0', ''])('refuses the VPC ID "%s"', (vpcId) => {
    expect(() => denyUnlessSourceVpc({ vpcId })).toThrow(
      `denyUnlessSourceVpc DenyOutsideSourceVpc: "${vpcId}" is not a VPC ID; expected vpc-0123456789abcdef0`,
    );
  });

  it('refuses an empty action list', () => {
    expect(() => denyUnlessSourceVpc({ vpcId: VPC_ID, actions: [] })).toThrow(
      'denyUnlessSourceVpc DenyOutsideSourceVpc: actions is empty; leave it out to deny every action',
    );
  });
});

describe('allowOwnAccountBuckets', () => {
  it("allows the account's principals the object actions on buckets the account owns, nothing else", () => {
    const rendered = EndpointPolicy.of([allowOwnAccountBuckets({ accountId: '123456789012', partition: 'aws' })]);
    expect(statementsOf(rendered.render(OWNER))).toEqual([
      {
        Sid: 'OwnAccountPrincipalsOnOwnAccountBuckets',
        Effect: 'Allow',
        Principal: { AWS: ['123456789012'] },
        Action: [...S3_OBJECT_ACTIONS],
        Resource: ['arn:aws:s3:::*', 'arn:aws:s3:::*/*'],
        Condition: { StringEquals: { 's3:ResourceAccount': '123456789012' } },
      },
    ]);
  });

  it('names every action, none of them bucket administration', () => {
    expect(S3_OBJECT_ACTIONS.every((action) => /^s3:[A-Za-z]+$/.test(action))).toBe(true);
    expect(S3_OBJECT_ACTIONS.filter((action) => /^s3:(Put|Delete)Bucket/.test(action))).toEqual([]);
  });

  it("takes the partition's bucket ARNs, and fewer actions or another Sid when given", () => {
    const statement = allowOwnAccountBuckets({
      accountId: '123456789012',
      partition: 'aws-us-gov',
      actions: ['s3:GetObject'],
      sid: 'ReadOwnBuckets',
    });
    expect([statement.sid, statement.actions, statement.resources]).toEqual([
      'ReadOwnBuckets',
      ['s3:GetObject'],
      ['arn:aws-us-gov:s3:::*', 'arn:aws-us-gov:s3:::*/*'],
    ]);
  });

  it('refuses an account ID that is not 12 digits', () => {
    expect(() => allowOwnAccountBuckets({ accountId: '12345', partition: 'aws' })).toThrow(
      new Error(
        'allowOwnAccountBuckets OwnAccountPrincipalsOnOwnAccountBuckets: accountId "12345" is not a 12-digit ' +
          'account ID',
      ),
    );
  });
});
