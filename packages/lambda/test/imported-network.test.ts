// A function placed in a VPC this stack does not create: the network another stack or team owns, by IDs.
import { LambdaFunction } from '@lambda-vpc/lambda';
import { Network, SubnetType } from '@lambda-vpc/network';
import { bodiesOf, onlyResource, synthConstructs } from '../../../test-support/terraform-json';
import { environment, functionProps, makeCodeDirectory, removeDirectory } from './fixtures';

const PLATFORM_VPC = {
  name: 'payments-dev',
  environment,
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  cidrBlock: '10.60.0.0/16',
  subnets: [
    {
      type: SubnetType.PUBLIC,
      availabilityZone: 'eu-west-1a',
      cidrBlock: '10.60.0.0/26',
      subnetId: 'subnet-0aaa',
      routeTableId: 'rtb-0pa',
    },
    {
      type: SubnetType.PRIVATE_WITH_EGRESS,
      availabilityZone: 'eu-west-1a',
      cidrBlock: '10.60.64.0/20',
      subnetId: 'subnet-0bbb',
      routeTableId: 'rtb-0a',
    },
    {
      type: SubnetType.PRIVATE_WITH_EGRESS,
      availabilityZone: 'eu-west-1b',
      cidrBlock: '10.60.80.0/20',
      subnetId: 'subnet-0ccc',
      routeTableId: 'rtb-0b',
    },
  ],
};

describe('Network.fromExisting', () => {
  let codeDirectory: string;
  beforeAll(() => {
    codeDirectory = makeCodeDirectory();
  });
  afterAll(() => removeDirectory(codeDirectory));

  it("places a function in the owned VPC's private subnets, by their IDs, creating nothing of the VPC", () => {
    const json = synthConstructs((scope) => {
      const network = Network.fromExisting(scope, 'platform', PLATFORM_VPC);
      new LambdaFunction(
        scope,
        'fn',
        functionProps(codeDirectory, { vpc: { network, subnetType: SubnetType.PRIVATE_WITH_EGRESS } }),
      );
    });
    expect(onlyResource(json, 'aws_lambda_function').vpc_config).toEqual({
      subnet_ids: ['subnet-0bbb', 'subnet-0ccc'],
      security_group_ids: [expect.stringMatching(/^\$\{aws_security_group\..*\.id\}$/)],
    });
    expect(onlyResource(json, 'aws_security_group').vpc_id).toBe('vpc-0a1b2c3d4e5f60718');
    for (const type of ['aws_vpc', 'aws_subnet', 'aws_route_table', 'aws_internet_gateway', 'aws_flow_log'])
      expect(bodiesOf(json, type)).toEqual([]);
  });

  it('answers tiers and route tables from the subnets it was given', () => {
    synthConstructs((scope) => {
      const network = Network.fromExisting(scope, 'platform', PLATFORM_VPC);
      expect([
        network.availabilityZones,
        network.hasTier(SubnetType.PRIVATE_ISOLATED),
        network.privateRouteTableIds,
        network.internetGateway,
      ]).toEqual([['eu-west-1a', 'eu-west-1b'], false, ['rtb-0a', 'rtb-0b'], undefined]);
      expect(network.publicSubnets.map((subnet) => subnet.subnetId)).toEqual(['subnet-0aaa']);
    });
  });

  it('refuses a network without subnets, since nothing could be placed in it', () => {
    expect(() =>
      synthConstructs((scope) => {
        Network.fromExisting(scope, 'platform', { ...PLATFORM_VPC, subnets: [] });
      }),
    ).toThrow(
      'payments-dev: an imported network needs its subnets (IDs, tiers, AZs, route tables) to place anything in it',
    );
  });

  it('refuses a tier it does not have, naming the tiers it has', () => {
    expect(() =>
      synthConstructs((scope) => {
        const network = Network.fromExisting(scope, 'platform', PLATFORM_VPC);
        new LambdaFunction(
          scope,
          'fn',
          functionProps(codeDirectory, { vpc: { network, subnetType: SubnetType.PRIVATE_ISOLATED } }),
        );
      }),
    ).toThrow(/isolated/);
  });
});
