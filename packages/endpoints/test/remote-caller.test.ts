// Callers outside an interface endpoint's VPC: the endpoint admitting them (InterfaceEndpoint.admitRemoteCaller), and
// private DNS for their VPCs (EndpointPrivateZone).
import { Construct } from 'constructs';
import {
  allowInvokeFunction,
  EndpointPolicy,
  EndpointPrivateZone,
  InterfaceEndpoint,
  InterfaceEndpointService,
} from '@lambda-vpc/endpoints';
import { Peer, PolicyStatement } from '@lambda-vpc/network';
import { bodiesOf, onlyResource, policyOf, resourcesOf, synthConstructs } from '../../../test-support/terraform-json';
import { ISOLATED_ONLY, testNetwork } from '../../../test-support/test-network';

const TARGET = 'arn:aws:lambda:eu-west-1:123456789012:function:target';
const invoke = (sid: string, principals: string[]) => allowInvokeFunction({ sid, principals, functionArns: [TARGET] });

function lambdaEndpoint(scope: Construct): InterfaceEndpoint {
  return new InterfaceEndpoint(scope, 'lambda-endpoint', {
    network: testNetwork(scope, { subnetTiers: ISOLATED_ONLY }),
    service: InterfaceEndpointService.LAMBDA,
    policy: EndpointPolicy.closed(),
  });
}

describe('InterfaceEndpoint.admitRemoteCaller', () => {
  it("admits the caller VPC's CIDR on 443 and puts its statements, naming its principals, in the policy", () => {
    const json = synthConstructs((scope) => {
      lambdaEndpoint(scope).admitRemoteCaller({
        source: Peer.ipv4('10.20.0.0/16', 'caller-vpc'),
        statements: [invoke('OtherAccountInvokes', ['210987654321'])],
      });
    });
    expect(
      bodiesOf(json, 'aws_vpc_security_group_ingress_rule').map((rule) => [
        rule.cidr_ipv4,
        rule.ip_protocol,
        rule.from_port,
        rule.to_port,
        rule.description,
      ]),
    ).toEqual([['10.20.0.0/16', 'tcp', 443, 443, 'HTTPS from remote caller caller-vpc']]);
    expect(policyOf(onlyResource(json, 'aws_vpc_endpoint')).Statement).toEqual([
      {
        Sid: 'OtherAccountInvokes',
        Effect: 'Allow',
        Principal: { AWS: ['210987654321'] },
        Action: ['lambda:InvokeFunction'],
        Resource: [TARGET],
      },
    ]);
  });

  it("admits the caller's security group over same-region peering", () => {
    const json = synthConstructs((scope) => {
      lambdaEndpoint(scope).admitRemoteCaller({
        source: Peer.securityGroupId('sg-0123456789abcdef0', 'orders-invoker'),
        statements: [invoke('OrdersInvokes', ['arn:aws:iam::123456789012:role/orders-invoker'])],
        description: 'HTTPS from orders-invoker over peering',
      });
    });
    expect(onlyResource(json, 'aws_vpc_security_group_ingress_rule')).toMatchObject({
      referenced_security_group_id: 'sg-0123456789abcdef0',
      description: 'HTTPS from orders-invoker over peering',
    });
  });

  it.each([
    [
      Peer.ipv4('10.10.0.0/24', 'inside'),
      'dev-test-lambda-endpoint: remote caller source = "10.10.0.0/24" overlaps the endpoint\'s VPC 10.10.0.0/16; ' +
        "allowed: the caller VPC's own CIDR, outside the endpoint's VPC (callers inside it are admitted by their " +
        'security group)',
    ],
    [Peer.anyIpv4(), 'endpoint source internet = "0.0.0.0/0": is every address'],
  ])('refuses %s', (source, message) => {
    expect(() =>
      synthConstructs((scope) => {
        lambdaEndpoint(scope).admitRemoteCaller({ source, statements: [invoke('Anyone', ['210987654321'])] });
      }),
    ).toThrow(message);
  });

  it('refuses a principal that is not an account ID or IAM principal ARN', () => {
    expect(() =>
      synthConstructs((scope) => {
        lambdaEndpoint(scope).admitRemoteCaller({
          source: Peer.ipv4('10.20.0.0/16'),
          statements: [
            new PolicyStatement({
              sid: 'Partner',
              principals: ['partner-account'],
              actions: ['lambda:InvokeFunction'],
              resources: [TARGET],
            }),
          ],
        });
      }),
    ).toThrow(
      'dev-test-lambda-endpoint: remote caller statement Partner principal "partner-account" is not an account ID or ' +
        'IAM principal ARN; allowed: 123456789012 or ' +
        'arn:<partition>:iam::<12-digit account>:root|role/<name>|user/<name>',
    );
  });

  it('refuses a statement that names no principal', () => {
    expect(() =>
      synthConstructs((scope) => {
        lambdaEndpoint(scope).admitRemoteCaller({
          source: Peer.ipv4('10.20.0.0/16'),
          statements: [invoke('Nobody', [])],
        });
      }),
    ).toThrow('allowInvokeFunction Nobody: name at least one principal (an account ID or IAM role ARN)');
  });
});

describe('EndpointPrivateZone: private DNS for callers outside the endpoint VPC', () => {
  const build = (more: (zone: EndpointPrivateZone) => void = () => undefined) =>
    synthConstructs((scope) => {
      const endpoint = lambdaEndpoint(scope);
      endpoint.admitRemoteCaller({
        source: Peer.ipv4('10.20.0.0/16'),
        statements: [invoke('Caller', ['210987654321'])],
      });
      more(new EndpointPrivateZone(scope, 'lambda-zone', { name: 'callers', endpoint, vpc: { vpcId: 'vpc-caller' } }));
    });

  it('is a zone for the regional name in the caller VPC, its apex an alias to the endpoint', () => {
    const json = build();
    expect(onlyResource(json, 'aws_route53_zone')).toMatchObject({
      name: 'lambda.eu-west-1.amazonaws.com',
      vpc: [{ vpc_id: 'vpc-caller' }],
      lifecycle: { ignore_changes: ['vpc'] },
    });
    const [[endpoint]] = resourcesOf(json, 'aws_vpc_endpoint');
    const [[zone]] = resourcesOf(json, 'aws_route53_zone');
    expect(onlyResource(json, 'aws_route53_record')).toEqual({
      zone_id: `\${aws_route53_zone.${zone}.zone_id}`,
      name: 'lambda.eu-west-1.amazonaws.com',
      type: 'A',
      alias: {
        name: `\${aws_vpc_endpoint.${endpoint}.dns_entry[0].dns_name}`,
        zone_id: `\${aws_vpc_endpoint.${endpoint}.dns_entry[0].hosted_zone_id}`,
        evaluate_target_health: false,
      },
    });
  });

  it('associates more VPCs of this account, and authorizes those of another account', () => {
    const json = build((zone) => {
      zone.associateVpc('billing', { vpcId: 'vpc-billing' });
      zone.authorizeVpc('partner', { vpcId: 'vpc-partner', region: 'eu-west-1' });
    });
    expect(bodiesOf(json, 'aws_route53_zone_association').map((body) => body.vpc_id)).toEqual(['vpc-billing']);
    expect(onlyResource(json, 'aws_route53_vpc_association_authorization')).toMatchObject({
      vpc_id: 'vpc-partner',
      vpc_region: 'eu-west-1',
    });
  });

  it('the other account associates its VPC with the zone it was authorized for', () => {
    const json = synthConstructs((scope) => {
      EndpointPrivateZone.associateFromOtherAccount(scope, 'lambda-zone', { zoneId: 'Z123', vpcId: 'vpc-partner' });
    });
    expect(onlyResource(json, 'aws_route53_zone_association')).toEqual({ zone_id: 'Z123', vpc_id: 'vpc-partner' });
  });

  it("refuses the endpoint's own VPC, where its private DNS already answers for the name", () => {
    expect(() =>
      synthConstructs((scope) => {
        const endpoint = lambdaEndpoint(scope);
        new EndpointPrivateZone(scope, 'lambda-zone', { name: 'callers', endpoint, vpc: { vpcId: endpoint.vpcId } });
      }),
    ).toThrow(/lambda-zone: vpc = the endpoint's own VPC; its private DNS already answers for lambda\.eu-west-1/);
  });
});
