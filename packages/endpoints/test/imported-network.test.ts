// Endpoints in a VPC this stack does not create (Network.fromExisting): placed by the IDs given, nothing of the VPC
// made.
import {
  EndpointPolicy,
  GatewayEndpoint,
  GatewayEndpointService,
  InterfaceEndpoint,
  InterfaceEndpointService,
} from '@lambda-vpc/endpoints';
import { Network, Peer, Port, SubnetType } from '@lambda-vpc/network';
import { bodiesOf, onlyResource, synthConstructs } from '../../../test-support/terraform-json';
import { TEST_ENVIRONMENT } from '../../../test-support/test-network';

const OWNED = {
  name: 'payments-dev',
  environment: TEST_ENVIRONMENT,
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  cidrBlock: '10.60.0.0/16',
  subnets: [
    {
      type: SubnetType.PRIVATE_ISOLATED,
      availabilityZone: 'eu-west-1a',
      cidrBlock: '10.60.0.0/20',
      subnetId: 'subnet-0aaa',
      routeTableId: 'rtb-0a',
    },
    {
      type: SubnetType.PRIVATE_ISOLATED,
      availabilityZone: 'eu-west-1b',
      cidrBlock: '10.60.16.0/20',
      subnetId: 'subnet-0bbb',
      routeTableId: 'rtb-0b',
    },
  ],
};

describe('endpoints in an imported network', () => {
  // The full-access policies below print their warning; it is tested in endpoint-policy.test.ts.
  beforeEach(() => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('a gateway endpoint goes on the private route tables given', () => {
    const json = synthConstructs((scope) => {
      new GatewayEndpoint(scope, 's3', {
        network: Network.fromExisting(scope, 'owned', OWNED),
        service: GatewayEndpointService.S3,
        policy: EndpointPolicy.fullAccess('public datasets for the test'),
      });
    });
    expect(onlyResource(json, 'aws_vpc_endpoint')).toMatchObject({
      vpc_id: 'vpc-0a1b2c3d4e5f60718',
      route_table_ids: ['rtb-0a', 'rtb-0b'],
    });
    expect(bodiesOf(json, 'aws_vpc')).toEqual([]);
  });

  it('an interface endpoint goes in the subnets given, its security group in the VPC given', () => {
    const json = synthConstructs((scope) => {
      new InterfaceEndpoint(scope, 'sts', {
        network: Network.fromExisting(scope, 'owned', OWNED),
        service: InterfaceEndpointService.STS,
        policy: EndpointPolicy.fullAccess('callers assume many roles in this test'),
      }).connections.allowFrom(Peer.ipv4('10.60.0.0/16', 'vpc'), Port.https(), 'HTTPS from the VPC');
    });
    expect(onlyResource(json, 'aws_vpc_endpoint')).toMatchObject({
      vpc_id: 'vpc-0a1b2c3d4e5f60718',
      subnet_ids: ['subnet-0aaa', 'subnet-0bbb'],
    });
    expect(onlyResource(json, 'aws_security_group').vpc_id).toBe('vpc-0a1b2c3d4e5f60718');
  });
});
