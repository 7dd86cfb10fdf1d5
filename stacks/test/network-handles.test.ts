// Every variant stack publishes its network's handles as SSM parameters under /lambda-vpc/<env>/<variant>/, and a
// stack elsewhere reads back exactly those names.
import { Construct } from 'constructs';
import {
  GatewayEndpoint,
  GatewayEndpointService,
  InterfaceEndpoint,
  InterfaceEndpointService,
} from '@lambda-vpc/endpoints';
import { awsEnvironment, Network, PublishedNetwork, SubnetType } from '@lambda-vpc/network';
import { resourcesOf, synthConstructs, TerraformBody, TerraformJson } from '../../test-support/terraform-json';
import { environmentValues, synthToTemp, variantsAt, variantsWith } from './fixtures';

const { stacks } = synthToTemp([
  environmentValues({ name: 'plain', variants: variantsAt(90) }),
  environmentValues({
    name: 'apis',
    variants: variantsWith(
      { privateOnly: { interfaceEndpoints: [{ service: 'ecr.api', actions: ['ecr:GetAuthorizationToken'] }] } },
      93,
    ),
  }),
]);

/** The stack's parameters by Terraform address, each as name, type and value. */
function handlesOf(json: TerraformJson): Record<string, Pick<TerraformBody, 'name' | 'type' | 'insecure_value'>> {
  return Object.fromEntries(
    resourcesOf(json, 'aws_ssm_parameter').map(([address, body]) => [
      address,
      { name: body.name, type: body.type, insecure_value: body.insecure_value },
    ]),
  );
}

const vpcHandles = (stack: string, cidr: string) => ({
  'handles_vpc-id': {
    name: `/lambda-vpc/${stack}/vpc-id`,
    type: 'String',
    insecure_value: '${aws_vpc.network_vpc.id}',
  },
  'handles_vpc-cidr-block': { name: `/lambda-vpc/${stack}/vpc-cidr-block`, type: 'String', insecure_value: cidr },
});
const subnetHandle = (stack: string, tier: string) => ({
  [`handles_subnet-ids_${tier}`]: {
    name: `/lambda-vpc/${stack}/subnet-ids/${tier}`,
    type: 'StringList',
    insecure_value:
      `\${join(",", [aws_subnet.network_subnet_${tier}_eu-west-1a.id, ` +
      `aws_subnet.network_subnet_${tier}_eu-west-1b.id])}`,
  },
});
const gatewayHandles = (stack: string, service: string) => ({
  [`handles_endpoints_${service}_id`]: {
    name: `/lambda-vpc/${stack}/endpoints/${service}/id`,
    type: 'String',
    insecure_value: `\${aws_vpc_endpoint.${service}-endpoint.id}`,
  },
  [`handles_endpoints_${service}_prefix-list-id`]: {
    name: `/lambda-vpc/${stack}/endpoints/${service}/prefix-list-id`,
    type: 'String',
    insecure_value: `\${aws_vpc_endpoint.${service}-endpoint.prefix_list_id}`,
  },
});
const interfaceHandles = (stack: string, service: string, construct: string) => ({
  [`handles_endpoints_${construct}_id`]: {
    name: `/lambda-vpc/${stack}/endpoints/${service}/id`,
    type: 'String',
    insecure_value: `\${aws_vpc_endpoint.${construct}-endpoint.id}`,
  },
  [`handles_endpoints_${construct}_security-group-id`]: {
    name: `/lambda-vpc/${stack}/endpoints/${service}/security-group-id`,
    type: 'String',
    insecure_value: `\${aws_security_group.${construct}-endpoint_security-group.id}`,
  },
});

describe('the handles each variant publishes', () => {
  it('private-only: the VPC, its isolated subnets, the DynamoDB and S3 gateway endpoints and prefix lists', () => {
    expect(handlesOf(stacks['plain-private-only'])).toEqual({
      ...vpcHandles('plain/private-only', '10.90.0.0/16'),
      ...subnetHandle('plain/private-only', 'isolated'),
      ...gatewayHandles('plain/private-only', 'dynamodb'),
      ...gatewayHandles('plain/private-only', 's3'),
    });
  });

  it('private-only: every interface endpoint the environment lists, with its security group', () => {
    expect(handlesOf(stacks['apis-private-only'])).toMatchObject(
      interfaceHandles('apis/private-only', 'ecr.api', 'ecr-api'),
    );
  });

  it('nat-egress: the VPC, both tiers (the public one for NAT only), and the DynamoDB and S3 gateway endpoints', () => {
    expect(handlesOf(stacks['plain-nat-egress'])).toEqual({
      ...vpcHandles('plain/nat-egress', '10.91.0.0/16'),
      ...subnetHandle('plain/nat-egress', 'public'),
      ...subnetHandle('plain/nat-egress', 'private'),
      ...gatewayHandles('plain/nat-egress', 'dynamodb'),
      ...gatewayHandles('plain/nat-egress', 's3'),
    });
  });

  it('privatelink: the VPC, its isolated subnets, and the Lambda interface endpoint with its security group', () => {
    expect(handlesOf(stacks['plain-privatelink'])).toEqual({
      ...vpcHandles('plain/privatelink', '10.92.0.0/16'),
      ...subnetHandle('plain/privatelink', 'isolated'),
      ...interfaceHandles('plain/privatelink', 'lambda', 'lambda'),
    });
  });

  it.each(Object.keys(stacks))(
    "%s: every parameter is free, plain text, described and tagged with the stack's name",
    (stack) => {
      for (const [, body] of resourcesOf(stacks[stack], 'aws_ssm_parameter')) {
        expect(body).toMatchObject({
          tier: 'Standard',
          description: expect.stringMatching(new RegExp(`^${stack}: `)),
          tags: { Name: expect.stringMatching(new RegExp(`^${stack}-handle-`)) },
        });
        expect(body.value).toBeUndefined();
      }
    },
  );
});

describe('what a stack elsewhere reads is what the platform publishes', () => {
  /** The parameter names a workload's stack reads of plain-<variant>: the VPC, its CIDR, its subnets, and `read`'s. */
  function namesRead(
    variant: string,
    subnetType: SubnetType,
    read: (scope: Construct, network: PublishedNetwork) => void,
  ) {
    const json = synthConstructs((scope) => {
      const network = Network.fromParameters(scope, 'platform', {
        environment: 'plain',
        variant,
        awsEnvironment: awsEnvironment('123456789012', 'eu-west-1'),
        subnetTypes: [subnetType],
      });
      network.selectSubnets();
      void network.cidrBlock;
      read(scope, network);
    });
    return Object.values(json.data?.aws_ssm_parameter ?? {}).map((body) => body.name);
  }
  const published = (stack: string) => resourcesOf(stacks[stack], 'aws_ssm_parameter').map(([, body]) => body.name);

  it('private-only: the VPC, its subnets and both gateway endpoints', () => {
    const read = namesRead('private-only', SubnetType.PRIVATE_ISOLATED, (scope, network) => {
      for (const service of [GatewayEndpointService.DYNAMODB, GatewayEndpointService.S3]) {
        void GatewayEndpoint.fromParameters(scope, service, { network, service }).endpointId;
      }
    });
    expect(read.sort()).toEqual(published('plain-private-only').sort());
  });

  it('privatelink: the VPC, its subnets and the Lambda interface endpoint', () => {
    const read = namesRead('privatelink', SubnetType.PRIVATE_ISOLATED, (scope, network) => {
      void InterfaceEndpoint.fromParameters(scope, 'lambda', { network, service: InterfaceEndpointService.LAMBDA })
        .endpointId;
    });
    expect(read.sort()).toEqual(published('plain-privatelink').sort());
  });
});
