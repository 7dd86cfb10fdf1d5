import { LambdaFunction } from '@lambda-vpc/lambda';
import { DualStack, Network, SubnetType } from '@lambda-vpc/network';
import { onlyResource, synthConstructs } from '../../../test-support/terraform-json';
import { environment, functionProps, makeCodeDirectory, removeDirectory, testNetwork } from './fixtures';

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

describe('IPv6 for a function in a VPC owned elsewhere (Network.fromExisting)', () => {
  /** The `vpc_config` of a function in an imported network whose private subnets carry `ipv6CidrBlock` or not. */
  function importedVpcConfig(ipv6CidrBlocks: (string | undefined)[]) {
    const json = synthConstructs((scope) => {
      const network = Network.fromExisting(scope, 'shared', {
        name: 'payments-dev',
        environment,
        vpcId: 'vpc-0a1b2c3d',
        cidrBlock: '10.60.0.0/16',
        subnets: ipv6CidrBlocks.map((ipv6CidrBlock, i) => ({
          type: SubnetType.PRIVATE_WITH_EGRESS,
          availabilityZone: `eu-west-1${'ab'[i]}`,
          cidrBlock: `10.60.${i * 16}.0/20`,
          subnetId: `subnet-0${i}`,
          routeTableId: `rtb-0${i}`,
          ...(ipv6CidrBlock && { ipv6CidrBlock }),
        })),
      });
      new LambdaFunction(scope, 'fn', functionProps(codeDirectory, { vpc: { network } }));
    });
    return onlyResource(json, 'aws_lambda_function').vpc_config;
  }

  it('sets the flag when the import names every subnet with its IPv6 block', () => {
    expect(importedVpcConfig(['2001:db8:0:4::/64', '2001:db8:0:5::/64']).ipv6_allowed_for_dual_stack).toBe(true);
  });

  it('leaves it out when one subnet has none: Lambda may place the ENI in either', () => {
    expect(importedVpcConfig(['2001:db8:0:4::/64', undefined])).not.toHaveProperty('ipv6_allowed_for_dual_stack');
  });
});
