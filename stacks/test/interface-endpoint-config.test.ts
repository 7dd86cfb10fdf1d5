import { ENDPOINT_SERVICES_AS_OF } from '@lambda-vpc/endpoints';
import { loadEnvironments } from '@lambda-vpc/stacks';
import { configProblemsOf, environmentValues, variantsWith } from './fixtures';

const LIST = `AWS PrivateLink list as of ${ENDPOINT_SERVICES_AS_OF}`;

/** The config's problems with private-only's interface endpoints set to `interfaceEndpoints`. */
const problemsWith = (interfaceEndpoints: unknown[], functions?: Record<string, unknown>) =>
  configProblemsOf([environmentValues({ variants: variantsWith({ privateOnly: { interfaceEndpoints, functions } }) })]);

describe('an interface endpoint service is one of the listed endpoint services', () => {
  it('refuses a misspelt service in one line naming the field, the value and the nearest listed names', () => {
    expect(problemsWith([{ service: 'lamda', actions: ['lambda:InvokeFunction'] }])).toEqual([
      'environment "test", field variants.privateOnly.interfaceEndpoints.0.service = "lamda": is not an interface ' +
        `endpoint service (${LIST}); nearest: lambda`,
    ]);
  });

  it('names the endpoint of a service given by its IAM prefix or by the start of its endpoint name', () => {
    expect(problemsWith([{ service: 'cloudwatch', actions: ['cloudwatch:PutMetricData'] }])).toEqual([
      'environment "test", field variants.privateOnly.interfaceEndpoints.0.service = "cloudwatch": is not an ' +
        `interface endpoint service (${LIST}); nearest: monitoring`,
    ]);
    expect(problemsWith([{ service: 'ecr', actions: ['ecr:GetAuthorizationToken'] }])[0]).toMatch(
      /nearest: ecr\.api, ecr\.dkr, /,
    );
  });

  it('reports an unknown service once, not also each of its actions', () => {
    expect(problemsWith([{ service: 'nosuch', actions: ['sts:AssumeRole', 's3:GetObject'] }])).toHaveLength(1);
  });

  it.each(['s3', 'dynamodb'])('refuses %s, which the variant reaches through its gateway endpoint', (service) => {
    expect(problemsWith([{ service, actions: [`${service}:GetItem`] }])).toEqual([
      `environment "test", field variants.privateOnly.interfaceEndpoints.0.service = "${service}": is reached ` +
        `through private-only's ${service} gateway endpoint, which an interface endpoint would duplicate; allowed: ` +
        'any other listed service',
    ]);
  });

  it('refuses a service listed twice, whose two endpoints would clash at synth, on the second', () => {
    const twice = [
      { service: 'sts', actions: ['sts:AssumeRole'] },
      { service: 'sts', actions: ['sts:GetCallerIdentity'] },
    ];
    expect(problemsWith(twice)).toEqual([
      'environment "test", field variants.privateOnly.interfaceEndpoints.1.service = "sts": is listed twice; ' +
        'allowed: one endpoint per service, naming all the actions called through it',
    ]);
  });

  it('accepts listed services whose API has another prefix', () => {
    const interfaceEndpoints = [
      { service: 'monitoring', actions: ['cloudwatch:PutMetricData'] },
      { service: 'kinesis-streams', actions: ['kinesis:PutRecord'] },
      { service: 'bedrock-runtime', actions: ['bedrock:InvokeModel'] },
      { service: 'ecr.api', actions: ['ecr:GetAuthorizationToken'] },
    ];
    const variants = variantsWith({ privateOnly: { interfaceEndpoints } });
    expect(loadEnvironments([environmentValues({ variants })])).toHaveLength(1);
  });
});

describe("each action through an interface endpoint is of the endpoint's service", () => {
  it("refuses an action of another service in one line on the action, naming the service's prefix", () => {
    expect(problemsWith([{ service: 'sts', actions: ['sts:AssumeRole', 's3:GetObject'] }])).toEqual([
      'environment "test", field variants.privateOnly.interfaceEndpoints.0.actions.1 = "s3:GetObject": is an action ' +
        'of s3, which the sts endpoint does not serve; allowed: sts:<Action>',
    ]);
  });

  it('names the prefix of a service whose endpoint name differs from it', () => {
    expect(problemsWith([{ service: 'monitoring', actions: ['monitoring:PutMetricData'] }])).toEqual([
      'environment "test", field variants.privateOnly.interfaceEndpoints.0.actions.0 = "monitoring:PutMetricData": ' +
        'is an action of monitoring, which the monitoring endpoint does not serve; allowed: cloudwatch:<Action>',
    ]);
  });

  it('reports a wildcard action once, by the action rule, not also by the prefix rule', () => {
    expect(problemsWith([{ service: 'sts', actions: ['s3:*'] }])).toEqual([
      'environment "test", field variants.privateOnly.interfaceEndpoints.0.actions.0 = "s3:*": is a wildcard; ' +
        'allowed: a fully named action (service:Action) such as dynamodb:GetItem',
    ]);
  });
});

describe("a declared function's endpoints are listed endpoint services", () => {
  it('refuses a misspelt service in endpoints in one line on the list entry', () => {
    const orders = { entry: 'workloads/orders/src/handler.ts', endpoints: ['secretmanager'] };
    expect(problemsWith([], { orders })).toEqual([
      'environment "test", field variants.privateOnly.functions.orders.endpoints.0 = "secretmanager": is not an ' +
        `interface endpoint service (${LIST}); nearest: secretsmanager`,
    ]);
  });
});
