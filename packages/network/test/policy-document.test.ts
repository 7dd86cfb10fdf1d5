import { actionProblem, PolicyDocument, PolicyStatement, PolicyStatementProps } from '@lambda-vpc/network';

const OWNER = 'dev-test-api';
const TABLE_ARN = 'arn:aws:dynamodb:eu-west-1:123456789012:table/dev-test-orders';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/dev-test-caller';
const ALLOWED_ACTION = 'allowed: a fully named action (service:Action) such as dynamodb:GetItem';

/** The JSON of a policy of `statements` owned by OWNER. */
const render = (...statements: PolicyStatementProps[]) =>
  new PolicyDocument({
    owner: OWNER,
    statements: statements.map((statement) => new PolicyStatement(statement)),
  }).toJson();

/** Expects a policy of `statements` to be refused with exactly `message`. */
function expectRefused(statements: PolicyStatementProps[], message: string): void {
  expect(() => render(...statements)).toThrow(new Error(message));
}

describe('toJson: an identity policy statement', () => {
  it('renders Version, then Sid, Effect, Action, Resource in that order, lists as lists', () => {
    expect(render({ sid: 'ReadOrders', actions: ['dynamodb:GetItem'], resources: [TABLE_ARN] })).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"ReadOrders","Effect":"Allow","Action":["dynamodb:GetItem"],' +
        `"Resource":["${TABLE_ARN}"]}]}`,
    );
  });

  it('leaves Sid out when none is given, and passes effect and condition through', () => {
    expect(
      render({
        effect: 'Deny',
        actions: ['dynamodb:PutItem'],
        resources: [TABLE_ARN],
        condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-0123456789abcdef0' } },
      }),
    ).toBe(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["dynamodb:PutItem"],' +
        `"Resource":["${TABLE_ARN}"],"Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-0123456789abcdef0"}}}]}`,
    );
  });
});

describe('toJson: principals', () => {
  it('renders AWS principals as Principal.AWS, a string as a string and a list as a list', () => {
    expect(
      render(
        { sid: 'One', principals: ROLE_ARN, actions: 'kms:Decrypt', resources: '*' },
        { sid: 'Many', principals: [ROLE_ARN], actions: ['lambda:InvokeFunction'], resources: ['*'] },
      ),
    ).toBe(
      '{"Version":"2012-10-17","Statement":[' +
        `{"Sid":"One","Effect":"Allow","Principal":{"AWS":"${ROLE_ARN}"},"Action":"kms:Decrypt","Resource":"*"},` +
        `{"Sid":"Many","Effect":"Allow","Principal":{"AWS":["${ROLE_ARN}"]},"Action":["lambda:InvokeFunction"],` +
        '"Resource":["*"]}]}',
    );
  });

  it('renders everyone ("*" or ["*"]) as Principal "*"', () => {
    expect(render({ sid: 'DenyAll', effect: 'Deny', principals: ['*'], actions: ['*'], resources: ['*'] })).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"DenyAll","Effect":"Deny","Principal":"*","Action":["*"],' +
        '"Resource":["*"]}]}',
    );
  });

  it('renders a federated principal as Principal.Federated', () => {
    const provider = 'arn:aws:iam::123456789012:oidc-provider/app.terraform.io';
    expect(render({ federatedPrincipal: provider, actions: 'sts:AssumeRoleWithWebIdentity' })).toBe(
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"${provider}"},` +
        '"Action":"sts:AssumeRoleWithWebIdentity"}]}',
    );
  });
});

describe('PolicyDocument.serviceTrust', () => {
  it('lets the service assume the role, with no Sid and no Resource', () => {
    expect(PolicyDocument.serviceTrust({ owner: OWNER, service: 'lambda.amazonaws.com' }).toJson()).toBe(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},' +
        '"Action":"sts:AssumeRole"}]}',
    );
  });

  it('adds the condition last', () => {
    const condition = { StringEquals: { 'aws:SourceAccount': '123456789012' } };
    const service = 'vpc-flow-logs.amazonaws.com';
    expect(PolicyDocument.serviceTrust({ owner: OWNER, service, condition }).toJson()).toBe(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"vpc-flow-logs.amazonaws.com"},' +
        '"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}',
    );
  });
});

describe('wildcard actions', () => {
  it.each(['*', 'dynamodb:*', 'dynamodb:Get*'])('are refused in an Allow: %s, named', (action) => {
    expectRefused(
      [{ sid: 'Wide', actions: ['dynamodb:GetItem', action], resources: [TABLE_ARN] }],
      `${OWNER}: policy statement Wide, action = "${action}": is a wildcard; ${ALLOWED_ACTION}`,
    );
  });

  it('are refused in a statement without a Sid, naming it by position', () => {
    expectRefused(
      [
        { actions: ['logs:PutLogEvents'], resources: ['*'] },
        { actions: ['logs:*'], resources: ['*'] },
      ],
      `${OWNER}: policy statement #2, action = "logs:*": is a wildcard; ${ALLOWED_ACTION}`,
    );
  });

  it('are allowed in a Deny, which only takes permissions away', () => {
    const json = render({ effect: 'Deny', actions: ['dynamodb:Delete*'], resources: [TABLE_ARN] });
    expect(JSON.parse(json).Statement[0].Action).toEqual(['dynamodb:Delete*']);
  });

  it('are allowed in an Allow that says why, and rendered as written', () => {
    expect(
      render({
        sid: 'Admin',
        principals: ROLE_ARN,
        actions: 'kms:*',
        resources: '*',
        wildcardActionsJustification: 'key administration',
      }),
    ).toBe(
      `{"Version":"2012-10-17","Statement":[{"Sid":"Admin","Effect":"Allow","Principal":{"AWS":"${ROLE_ARN}"},` +
        '"Action":"kms:*","Resource":"*"}]}',
    );
  });

  it('need a justification that says something', () => {
    expectRefused(
      [{ sid: 'Admin', actions: 'kms:*', resources: '*', wildcardActionsJustification: ' ' }],
      `${OWNER}: policy statement Admin, wildcardActionsJustification = " ": is blank; allowed: why the Allow needs ` +
        'wildcard actions',
    );
  });
});

describe('actionProblem', () => {
  it('is the text the configuration reports too', () => {
    expect(actionProblem('sts:GetCallerIdentity')).toBeUndefined();
    expect(actionProblem('sts:*')).toBe(`is a wildcard; ${ALLOWED_ACTION}`);
    expect(actionProblem('sts:*', true)).toBeUndefined();
    expect(actionProblem('GetCallerIdentity')).toBe(`is not of the form service:Action; ${ALLOWED_ACTION}`);
    expect(actionProblem('sts:Get Caller', true)).toBe(`is not of the form service:Action; ${ALLOWED_ACTION}`);
  });
});

describe('statements are checked as they are added', () => {
  it('refuses a Sid that is not letters and digits, or is already in the policy', () => {
    const statement = { sid: 'Orders', actions: ['dynamodb:GetItem'], resources: [TABLE_ARN] };
    expectRefused(
      [{ ...statement, sid: 'Orders-Table' }],
      `${OWNER}: policy statement ID = "Orders-Table": is not letters and digits only; allowed: letters and digits, ` +
        'unique in the policy',
    );
    expectRefused(
      [statement, statement],
      `${OWNER}: policy statement ID = "Orders": is already in the policy; allowed: letters and digits, ` +
        'unique in the policy',
    );
  });

  it('refuses empty actions, empty resources, and missing resources without a principal', () => {
    expectRefused(
      [{ sid: 'Empty', actions: [], resources: [TABLE_ARN] }],
      `${OWNER}: policy statement Empty, actions = []: is empty; allowed: at least one action`,
    );
    expectRefused(
      [{ sid: 'Empty', actions: ['dynamodb:GetItem'], resources: [] }],
      `${OWNER}: policy statement Empty, resources = []: is empty; allowed: at least one resource ARN`,
    );
    expectRefused(
      [{ sid: 'Empty', actions: ['dynamodb:GetItem'] }],
      `${OWNER}: policy statement Empty, resources = missing: a statement with no principal needs them; ` +
        'allowed: at least one resource ARN',
    );
  });

  it('refuses two kinds of principal in one statement', () => {
    const both = { principals: ROLE_ARN, servicePrincipal: 'logs.amazonaws.com' };
    expectRefused(
      [{ sid: 'Both', ...both, actions: 'kms:Decrypt', resources: '*' }],
      `${OWNER}: policy statement Both: names more than one kind of principal; ` +
        'allowed: principals, servicePrincipal or federatedPrincipal',
    );
  });

  it('adds none of a refused batch, and renders no policy without statements', () => {
    const document = new PolicyDocument({ owner: OWNER });
    expect(() => document.toJson()).toThrow(new Error(`${OWNER}: the policy has no statements; allowed: at least one`));
    const good = new PolicyStatement({ sid: 'Good', actions: ['dynamodb:GetItem'], resources: [TABLE_ARN] });
    const bad = new PolicyStatement({ sid: 'Bad', actions: ['dynamodb:*'], resources: [TABLE_ARN] });
    expect(() => document.addStatements(good, bad)).toThrow('action = "dynamodb:*": is a wildcard');
    expect(document.statementCount).toBe(0);
    document.addStatements(good);
    expect(document.statementCount).toBe(1);
  });

  it('keeps what it was given, even if the caller changes its array afterwards', () => {
    const actions = ['dynamodb:GetItem'];
    const statement = new PolicyStatement({ actions, resources: [TABLE_ARN] });
    const document = new PolicyDocument({ owner: OWNER, statements: [statement] });
    actions.push('dynamodb:*');
    expect(JSON.parse(document.toJson()).Statement[0].Action).toEqual(['dynamodb:GetItem']);
  });
});
