// A function placed in a platform network read from its parameters (Network.fromParameters): the stack of another
// repository, which knows the platform's environment and variant and nothing else of it.
import { LambdaFunction } from '@lambda-vpc/lambda';
import { awsEnvironment, Network, PublishedNetworkProps, SubnetType } from '@lambda-vpc/network';
import { bodiesOf, onlyResource, synthConstructs, TerraformJson } from '../../../test-support/terraform-json';
import { functionProps, makeCodeDirectory, removeDirectory } from './fixtures';

const DEV_PRIVATE_ONLY: PublishedNetworkProps = {
  environment: 'dev',
  variant: 'private-only',
  awsEnvironment: awsEnvironment('111111111111', 'eu-west-1'),
  subnetTypes: [SubnetType.PRIVATE_ISOLATED],
};

let codeDirectory: string;
beforeAll(() => {
  codeDirectory = makeCodeDirectory();
});
afterAll(() => removeDirectory(codeDirectory));

/** The data source reading the parameter `name`; fails unless exactly one does. */
function dataSourceReading(json: TerraformJson, name: string): string {
  const found = Object.entries(json.data?.aws_ssm_parameter ?? {}).filter(([, body]) => body.name === name);
  if (found.length !== 1) throw new Error(`expected one data source reading ${name}, found ${found.length}`);
  return found[0][0];
}

describe('LambdaFunction in a network read from parameters', () => {
  let json: TerraformJson;
  beforeAll(() => {
    json = synthConstructs((scope) => {
      const network = Network.fromParameters(scope, 'platform', DEV_PRIVATE_ONLY);
      new LambdaFunction(scope, 'fn', functionProps(codeDirectory, { vpc: { network } }));
    });
  });

  it('reads the VPC and the isolated subnets from their parameters, and nothing else', () => {
    expect(
      Object.values(json.data?.aws_ssm_parameter ?? {})
        .map((body) => body.name)
        .sort(),
    ).toEqual(['/lambda-vpc/dev/private-only/subnet-ids/isolated', '/lambda-vpc/dev/private-only/vpc-id']);
  });

  it("attaches to the subnets the parameter lists, with the function's own security group", () => {
    const subnets = dataSourceReading(json, '/lambda-vpc/dev/private-only/subnet-ids/isolated');
    expect(onlyResource(json, 'aws_lambda_function').vpc_config).toEqual({
      subnet_ids: `\${split(",", data.aws_ssm_parameter.${subnets}.insecure_value)}`,
      security_group_ids: [expect.stringMatching(/^\$\{aws_security_group\..*\.id\}$/)],
    });
  });

  it("creates its security group in the platform's VPC, by the parameter, and nothing of the network", () => {
    const vpc = dataSourceReading(json, '/lambda-vpc/dev/private-only/vpc-id');
    expect(onlyResource(json, 'aws_security_group').vpc_id).toBe(`\${data.aws_ssm_parameter.${vpc}.insecure_value}`);
    for (const type of ['aws_vpc', 'aws_subnet', 'aws_route_table', 'aws_ssm_parameter'])
      expect(bodiesOf(json, type)).toEqual([]);
  });

  it('refuses a tier the network does not list, naming the function, the network and the tier', () => {
    expect(() =>
      synthConstructs((scope) => {
        const network = Network.fromParameters(scope, 'platform', DEV_PRIVATE_ONLY);
        new LambdaFunction(
          scope,
          'fn',
          functionProps(codeDirectory, { vpc: { network, subnetType: SubnetType.PRIVATE_WITH_EGRESS } }),
        );
      }),
    ).toThrow('dev-test-api: network dev-private-only has no private subnets to attach the function to');
  });

  it('refuses the public tier, as in any network', () => {
    expect(() =>
      synthConstructs((scope) => {
        const network = Network.fromParameters(scope, 'platform', {
          ...DEV_PRIVATE_ONLY,
          variant: 'nat-egress',
          subnetTypes: [SubnetType.PUBLIC, SubnetType.PRIVATE_WITH_EGRESS],
        });
        new LambdaFunction(
          scope,
          'fn',
          functionProps(codeDirectory, { vpc: { network, subnetType: SubnetType.PUBLIC } }),
        );
      }),
    ).toThrow('dev-test-api: refusing to place a Lambda function in public subnets');
  });
});
