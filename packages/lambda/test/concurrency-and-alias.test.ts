import { TerraformOutput } from 'cdktf';
import { LambdaFunction, LambdaFunctionProps, reservedConcurrencyProblem } from '@lambda-vpc/lambda';
import { bodiesOf, onlyResource, referenceTo, synthConstructs } from '../../../test-support/terraform-json';
import { functionProps, makeCodeDirectory, removeDirectory, synthFunction } from './fixtures';

let codeDirectory: string;
beforeAll(() => {
  codeDirectory = makeCodeDirectory();
});
afterAll(() => removeDirectory(codeDirectory));

const build = (overrides: Partial<LambdaFunctionProps>) => () => synthFunction(codeDirectory, () => overrides);

describe('reserved concurrency', () => {
  it.each([0, 10])('writes reserved_concurrent_executions = %d (0 stops every invocation, and is allowed)', (n) => {
    const fn = onlyResource(build({ reservedConcurrency: n })(), 'aws_lambda_function');
    expect(fn.reserved_concurrent_executions).toBe(n);
  });

  it('is left unset by default: the function shares the unreserved pool', () => {
    expect(onlyResource(synthFunction(codeDirectory), 'aws_lambda_function')).not.toHaveProperty(
      'reserved_concurrent_executions',
    );
  });

  it.each([-1, 2.5, '10'])('refuses %j: a whole number, 0 or more', (value) => {
    expect(reservedConcurrencyProblem(value)).toBe('must be a whole number of concurrent executions, 0 or more');
  });

  it('names the function, the field and the value', () => {
    expect(build({ reservedConcurrency: -1 })).toThrow(
      new Error('dev-test-api: reservedConcurrency = -1: must be a whole number of concurrent executions, 0 or more'),
    );
  });
});

describe('alias', () => {
  it('publishes versions and points the alias at the latest one', () => {
    const json = build({ alias: { name: 'live' } })();
    const fn = onlyResource(json, 'aws_lambda_function');
    const alias = onlyResource(json, 'aws_lambda_alias');
    expect(fn.publish).toBe(true);
    expect(alias).toEqual({
      name: 'live',
      description: 'Invoke target: the latest published version',
      function_name: referenceTo(json, 'aws_lambda_function', fn, 'function_name'),
      function_version: referenceTo(json, 'aws_lambda_function', fn, 'version'),
    });
    expect(bodiesOf(json, 'aws_lambda_provisioned_concurrency_config')).toEqual([]);
  });

  it('configures provisioned concurrency on the alias (qualifier = the alias name)', () => {
    const json = build({ reservedConcurrency: 10, alias: { name: 'live', provisionedConcurrency: 10 } })();
    const alias = onlyResource(json, 'aws_lambda_alias');
    expect(onlyResource(json, 'aws_lambda_provisioned_concurrency_config')).toEqual({
      function_name: referenceTo(json, 'aws_lambda_alias', alias, 'function_name'),
      qualifier: referenceTo(json, 'aws_lambda_alias', alias, 'name'),
      provisioned_concurrent_executions: 10,
    });
  });

  it('neither publishes nor creates an alias by default', () => {
    const json = synthFunction(codeDirectory);
    expect(onlyResource(json, 'aws_lambda_function')).not.toHaveProperty('publish');
    expect(bodiesOf(json, 'aws_lambda_alias')).toEqual([]);
  });

  it('is what callers invoke: invokeTarget is the alias ARN with one, the function ARN without', () => {
    const json = synthConstructs((scope) => {
      const withAlias = new LambdaFunction(scope, 'fn', functionProps(codeDirectory, { alias: { name: 'live' } }));
      const without = new LambdaFunction(scope, 'plain', functionProps(codeDirectory, { functionName: 'dev-plain' }));
      new TerraformOutput(scope, 'alias_target', { value: withAlias.invokeTarget });
      new TerraformOutput(scope, 'alias_arn', { value: withAlias.aliasArn });
      new TerraformOutput(scope, 'plain_target', { value: without.invokeTarget });
      expect(() => without.aliasArn).toThrow(new Error('dev-plain: aliasArn needs an alias (set alias)'));
    });
    const aliasArn = referenceTo(json, 'aws_lambda_alias', onlyResource(json, 'aws_lambda_alias'), 'arn');
    const plain = bodiesOf(json, 'aws_lambda_function').find((fn) => fn.function_name === 'dev-plain')!;
    expect(json.output).toEqual({
      alias_target: { value: aliasArn },
      alias_arn: { value: aliasArn },
      plain_target: { value: referenceTo(json, 'aws_lambda_function', plain, 'arn') },
    });
  });
});

describe('alias: what is refused', () => {
  const NAME_RULE = 'is not an alias name Lambda accepts; allowed: 1 to 128 letters, digits, - and _, not all digits';

  it.each(['123', '', 'live.v2', 'a'.repeat(129)])('the name %j', (name) => {
    expect(build({ alias: { name } })).toThrow(new Error(`dev-test-api: alias.name = "${name}": ${NAME_RULE}`));
  });

  it('provisioned concurrency over the reserved concurrency', () => {
    expect(
      build({
        functionName: 'dev-private-only-orders',
        reservedConcurrency: 10,
        alias: { name: 'live', provisionedConcurrency: 20 },
      }),
    ).toThrow(
      new Error('dev-private-only-orders: alias.provisionedConcurrency = 20: must not exceed reservedConcurrency (10)'),
    );
  });

  it.each([0, 1.5])('provisioned concurrency %j: a whole number, 1 or more', (value) => {
    expect(build({ alias: { name: 'live', provisionedConcurrency: value } })).toThrow(
      new Error(
        `dev-test-api: alias.provisionedConcurrency = ${value}: must be a whole number of execution environments, 1 ` +
          'or more',
      ),
    );
  });
});
