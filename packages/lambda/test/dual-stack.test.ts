import { LambdaFunction } from '@lambda-vpc/lambda';
import { DualStack, SubnetType } from '@lambda-vpc/network';
import { onlyResource, synthConstructs } from '../../../test-support/terraform-json';
import { functionProps, makeCodeDirectory, removeDirectory, testNetwork } from './fixtures';

let codeDirectory: string;
beforeAll(() => {
  codeDirectory = makeCodeDirectory();
});
afterAll(() => removeDirectory(codeDirectory));

/** The `vpc_config` of a function placed in `subnetType` of a network with or without IPv6. */
function vpcConfigOf(ipv6: DualStack | undefined, subnetType?: SubnetType) {
  const json = synthConstructs((scope) => {
    const network = testNetwork(scope, { ipv6 });
    new LambdaFunction(scope, 'fn', functionProps(codeDirectory, { vpc: { network, subnetType } }));
  });
  return onlyResource(json, 'aws_lambda_function').vpc_config;
}

describe('IPv6 for a function in dual-stack subnets', () => {
  it('sets ipv6_allowed_for_dual_stack when every subnet of its placement is dual-stack', () => {
    expect(vpcConfigOf(DualStack.egressOnlyGateway()).ipv6_allowed_for_dual_stack).toBe(true);
  });

  it('leaves it out in IPv4-only subnets: the public tier of a dual-stack network, or a network without IPv6', () => {
    const inPublicTier = synthConstructs((scope) => {
      const network = testNetwork(scope, { ipv6: DualStack.egressOnlyGateway() });
      new LambdaFunction(
        scope,
        'fn',
        functionProps(codeDirectory, {
          vpc: { network, subnetType: SubnetType.PUBLIC, allowPublicSubnet: true },
        }),
      );
    });
    expect(onlyResource(inPublicTier, 'aws_lambda_function').vpc_config).not.toHaveProperty(
      'ipv6_allowed_for_dual_stack',
    );
    expect(vpcConfigOf(undefined)).not.toHaveProperty('ipv6_allowed_for_dual_stack');
  });
});
