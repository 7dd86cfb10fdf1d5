import {
  ENDPOINT_SERVICE_ACTION_PREFIXES,
  ENDPOINT_SERVICES_AS_OF,
  InterfaceEndpointService,
} from '@lambda-vpc/endpoints';

const NOT_LISTED = `is not an interface endpoint service (AWS PrivateLink list as of ${ENDPOINT_SERVICES_AS_OF})`;

describe('InterfaceEndpointService names', () => {
  it.each([
    [InterfaceEndpointService.LAMBDA, 'lambda'],
    [InterfaceEndpointService.STS, 'sts'],
    [InterfaceEndpointService.SECRETS_MANAGER, 'secretsmanager'],
    [InterfaceEndpointService.KMS, 'kms'],
    [InterfaceEndpointService.SSM, 'ssm'],
  ])('names %s as %s', (service, name) => {
    expect(service.name).toBe(name);
    expect(service.serviceName('eu-west-1')).toBe(`com.amazonaws.eu-west-1.${name}`);
    expect(service.privateDnsName('eu-west-1')).toBe(`${name}.eu-west-1.amazonaws.com`);
  });

  it('takes any other listed service by its endpoint name', () => {
    expect(InterfaceEndpointService.of('ecr.api').serviceName('us-east-1')).toBe('com.amazonaws.us-east-1.ecr.api');
  });
});

describe('the list of endpoint services', () => {
  it('is dated', () => {
    expect(ENDPOINT_SERVICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    ['ecr.api', ['ecr']],
    ['ecr.dkr', ['ecr']],
    ['execute-api', ['execute-api']],
    ['monitoring', ['cloudwatch']],
    ['ssmmessages', ['ssmmessages']],
    ['kinesis-streams', ['kinesis']],
    ['kinesis-firehose', ['firehose']],
    ['bedrock-runtime', ['bedrock']],
    ['ecs-agent', ['ecs']],
    ['ecs-telemetry', ['ecs']],
    ['logs', ['logs']],
  ])('serves %s actions with the prefixes %j', (name, prefixes) => {
    expect(InterfaceEndpointService.of(name).actionPrefixes).toEqual(prefixes);
  });

  it('holds only endpoint names and IAM prefixes as AWS spells them', () => {
    for (const [name, prefixes] of Object.entries(ENDPOINT_SERVICE_ACTION_PREFIXES)) {
      expect(name).toMatch(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/);
      expect(prefixes.length).toBeGreaterThan(0);
      prefixes.forEach((prefix) => expect(prefix).toMatch(/^[a-z0-9-]+$/));
    }
  });
});

describe('a service name not in the list', () => {
  it.each([
    ['lamda', 'lambda'],
    ['Lambda', 'lambda'],
    ['secrets manager', 'secretsmanager'],
    ['cloudwatch', 'monitoring'],
    ['kinesis', 'kinesis-streams, kinesis-firehose'],
    ['ecr', 'ecr.api, ecr.dkr, ec2'],
    ['ecr_api', 'ecr.api'],
    ['', 'es, s3'],
  ])('refuses "%s", naming the nearest: %s', (name, nearest) => {
    const problem = `${NOT_LISTED}; nearest: ${nearest}`;
    expect(InterfaceEndpointService.problem(name)).toBe(problem);
    expect(() => InterfaceEndpointService.of(name)).toThrow(
      new Error(`interface endpoint service "${name}": ${problem}`),
    );
  });

  it('refuses a value that is not a string', () => {
    expect(InterfaceEndpointService.problem(42)).toMatch(/^is not a service name; allowed: an endpoint name/);
  });

  it.each(['lambda', 'ecr.api', 'execute-api', 'bedrock-runtime', 's3', 'dynamodb'])('accepts "%s"', (name) => {
    expect(InterfaceEndpointService.problem(name)).toBeUndefined();
  });
});

describe("an action through the endpoint is of the endpoint's service", () => {
  it.each([
    ['sts', 'sts:AssumeRole'],
    ['monitoring', 'cloudwatch:PutMetricData'],
    ['kinesis-streams', 'kinesis:PutRecord'],
    ['bedrock-runtime', 'bedrock:InvokeModel'],
  ])('accepts through %s: %s', (name, action) => {
    expect(InterfaceEndpointService.of(name).actionProblem(action)).toBeUndefined();
  });

  it.each([
    ['sts', 's3:GetObject', 'is an action of s3, which the sts endpoint does not serve; allowed: sts:<Action>'],
    [
      'monitoring',
      'monitoring:PutMetricData',
      'is an action of monitoring, which the monitoring endpoint does not serve; allowed: cloudwatch:<Action>',
    ],
  ])('refuses through %s: %s', (name, action, problem) => {
    expect(InterfaceEndpointService.of(name).actionProblem(action)).toBe(problem);
  });

  it('leaves an action without a prefix to the policy form check', () => {
    expect(InterfaceEndpointService.STS.actionProblem('AssumeRole')).toBeUndefined();
  });
});
