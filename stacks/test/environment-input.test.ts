// An environment file is typed for the editor only: every mistake below compiles (the typecheck task fails if one
// stops compiling), so it reaches the schema, which reports them all together with the environment's name.
import { ConfigError, EnvironmentInput, loadEnvironments } from '@lambda-vpc/stacks';

const mistaken: EnvironmentInput = {
  name: 'dev',
  region: 'eu-west-9',
  accountId: 111111111111,
  availabilityZones: 'eu-west-1a',
  natStrategy: 'instance',
  function: { memorySize: '512', timeoutSeconds: 1.5 },
  variants: {
    natEgress: { cidr: '10.10.0.0/16', nat: { strategy: 'nat-box' } },
  },
};

describe('EnvironmentInput', () => {
  it('lets wrong values, unknown fields and left-out variants compile, and the schema reports each one', () => {
    let problems: string[] = [];
    try {
      loadEnvironments([mistaken]);
    } catch (error) {
      problems = (error as ConfigError).problems.map((problem) => problem.field);
    }
    expect(problems.sort()).toEqual([
      'accountId',
      'availabilityZones',
      'function.memorySize',
      'function.timeoutSeconds',
      'natStrategy',
      'region',
      'variants.natEgress.nat.strategy',
    ]);
  });

  it('still completes the fields and choices: a valid file is the same object literal', () => {
    const valid: EnvironmentInput = {
      name: 'dev',
      region: 'eu-west-1',
      accountId: '111111111111',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      variants: { privateOnly: { cidr: '10.11.0.0/16' } },
    };
    expect(loadEnvironments([valid]).map((config) => config.variants)).toEqual([
      {
        privateOnly: {
          cidr: '10.11.0.0/16',
          isolatedSubnetPrefixLength: 20,
          interfaceEndpoints: [],
          demoFunctions: true,
          functions: {},
        },
      },
    ]);
  });
});
