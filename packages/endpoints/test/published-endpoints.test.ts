// The endpoints a platform stack published, read back by their parameters in a workload's stack: the rules that
// admit its function are all the workload writes of them.
import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import {
  EndpointPolicy,
  GatewayEndpoint,
  GatewayEndpointService,
  InterfaceEndpoint,
  InterfaceEndpointService,
} from '@lambda-vpc/endpoints';
import {
  awsEnvironment,
  Connections,
  Network,
  Peer,
  PolicyStatement,
  Port,
  PublishedNetwork,
  SubnetType,
} from '@lambda-vpc/network';
import { bodiesOf, onlyResource, synthConstructs, TerraformJson } from '../../../test-support/terraform-json';

/** A platform network read from the parameters of dev-privatelink. */
function devPrivatelink(scope: Construct): PublishedNetwork {
  return Network.fromParameters(scope, 'platform', {
    environment: 'dev',
    variant: 'privatelink',
    awsEnvironment: awsEnvironment('111111111111', 'eu-west-1'),
    subnetTypes: [SubnetType.PRIVATE_ISOLATED],
  });
}

/** A workload's own security group, as a function has one. */
function workload(scope: Construct): Connections {
  const group = new SecurityGroup(scope, 'workload', { name: 'orders-api', vpcId: 'vpc-0a' });
  return Connections.ofSecurityGroup(group, group.id, { label: 'orders-api' });
}

/** `${data.aws_ssm_parameter.<name>.insecure_value}` of the one data source reading `parameter`. */
function readOf(json: TerraformJson, parameter: string): string {
  const found = Object.entries(json.data?.aws_ssm_parameter ?? {}).filter(([, body]) => body.name === parameter);
  if (found.length !== 1) throw new Error(`expected one data source reading ${parameter}, found ${found.length}`);
  return `\${data.aws_ssm_parameter.${found[0][0]}.insecure_value}`;
}

const parametersRead = (json: TerraformJson): string[] =>
  Object.values(json.data?.aws_ssm_parameter ?? {})
    .map((body) => body.name)
    .sort();

describe('GatewayEndpoint.fromParameters: the prefix list a workload egress rule names', () => {
  it("writes only the workload's egress rule, naming the prefix list read from its parameter", () => {
    const json = synthConstructs((scope) => {
      const network = devPrivatelink(scope);
      const dynamoDb = GatewayEndpoint.fromParameters(scope, 'dynamodb', {
        network,
        service: GatewayEndpointService.DYNAMODB,
      });
      workload(scope).allowTo(dynamoDb, Port.https(), 'HTTPS to DynamoDB through the gateway endpoint');
    });
    expect(onlyResource(json, 'aws_vpc_security_group_egress_rule')).toEqual({
      security_group_id: '${aws_security_group.workload.id}',
      description: 'HTTPS to DynamoDB through the gateway endpoint',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      prefix_list_id: readOf(json, '/lambda-vpc/dev/privatelink/endpoints/dynamodb/prefix-list-id'),
    });
    expect(bodiesOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
    expect(bodiesOf(json, 'aws_vpc_endpoint')).toEqual([]);
  });

  it("reads the endpoint's ID from endpoints/<service>/id only when asked for it", () => {
    const json = synthConstructs((scope) => {
      const s3 = GatewayEndpoint.fromParameters(scope, 's3', {
        network: devPrivatelink(scope),
        service: GatewayEndpointService.S3,
      });
      expect([s3.service, s3.connections.label]).toEqual(['s3', 's3']);
      expect(s3.endpointId).toEqual(expect.any(String));
    });
    expect(parametersRead(json)).toEqual([
      '/lambda-vpc/dev/privatelink/endpoints/s3/id',
      '/lambda-vpc/dev/privatelink/endpoints/s3/prefix-list-id',
      '/lambda-vpc/dev/privatelink/vpc-id',
    ]);
  });
});

describe("InterfaceEndpoint.fromParameters: the endpoint's security group admits the workload", () => {
  const admitted = (): TerraformJson =>
    synthConstructs((scope) => {
      const lambdaApi = InterfaceEndpoint.fromParameters(scope, 'lambda-api', {
        network: devPrivatelink(scope),
        service: InterfaceEndpointService.LAMBDA,
      });
      workload(scope).allowTo(
        lambdaApi,
        Port.https(),
        'HTTPS to the Lambda API',
        'HTTPS from orders-api (team orders)',
      );
    });

  it("writes the workload's egress and the ingress on the published group, each naming the other group", () => {
    const json = admitted();
    const endpointGroup = readOf(json, '/lambda-vpc/dev/privatelink/endpoints/lambda/security-group-id');
    expect(onlyResource(json, 'aws_vpc_security_group_egress_rule')).toEqual({
      security_group_id: '${aws_security_group.workload.id}',
      description: 'HTTPS to the Lambda API',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      referenced_security_group_id: endpointGroup,
    });
    expect(onlyResource(json, 'aws_vpc_security_group_ingress_rule')).toEqual({
      security_group_id: endpointGroup,
      description: 'HTTPS from orders-api (team orders)',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      referenced_security_group_id: '${aws_security_group.workload.id}',
    });
  });

  it('creates nothing of the endpoint: no endpoint, no security group of its own', () => {
    const json = admitted();
    expect(bodiesOf(json, 'aws_vpc_endpoint')).toEqual([]);
    expect(bodiesOf(json, 'aws_security_group').map((group) => group.name)).toEqual(['orders-api']);
  });

  it('holds the published group to what an endpoint group may hold: HTTPS in, from a named source, no egress', () => {
    const refusals =
      (rule: (endpoint: Connections, source: Connections) => void): (() => void) =>
      () =>
        synthConstructs((scope) => {
          const endpoint = InterfaceEndpoint.fromParameters(scope, 'lambda-api', {
            network: devPrivatelink(scope),
            service: InterfaceEndpointService.LAMBDA,
          });
          rule(endpoint.connections, workload(scope));
        });
    expect(refusals((endpoint, source) => source.allowTo(endpoint, Port.tcp(5432), 'PostgreSQL'))).toThrow(
      'dev-privatelink-lambda-endpoint: an interface endpoint serves HTTPS only; admit orders-api on TCP 443, ' +
        'not TCP 5432',
    );
    expect(refusals((endpoint, source) => endpoint.allowTo(source, Port.https(), 'out'))).toThrow(
      'dev-privatelink-lambda-endpoint: an interface endpoint only answers, so its security group has no egress',
    );
    expect(refusals((endpoint) => endpoint.allowFrom(Peer.anyIpv4(), Port.https(), 'everyone'))).toThrow(
      'endpoint source internet = "0.0.0.0/0": is every address',
    );
  });
});

describe('InterfaceEndpoint in a network read from parameters', () => {
  it("places a workload's own endpoint in the subnets the parameter lists", () => {
    const json = synthConstructs((scope) => {
      const sqs = new InterfaceEndpoint(scope, 'sqs-endpoint', {
        network: devPrivatelink(scope),
        service: InterfaceEndpointService.of('sqs'),
        policy: EndpointPolicy.of([
          new PolicyStatement({
            sid: 'OrdersSendOnly',
            principals: ['arn:aws:iam::111111111111:role/orders-api'],
            actions: ['sqs:SendMessage'],
            resources: ['arn:aws:sqs:eu-west-1:111111111111:orders'],
          }),
        ]),
      });
      sqs.connections.allowFrom(Peer.ipv4('10.12.0.0/16'), Port.https(), 'HTTPS from the VPC');
    });
    expect(onlyResource(json, 'aws_vpc_endpoint')).toMatchObject({
      vpc_id: readOf(json, '/lambda-vpc/dev/privatelink/vpc-id'),
      subnet_ids: expect.stringMatching(
        /^\$\{split\(",", data\.aws_ssm_parameter\.platform_subnet-ids_isolated_[0-9A-F]{8}\.insecure_value\)\}$/,
      ),
    });
  });
});
