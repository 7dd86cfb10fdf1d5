// A caller and an interface endpoint connected through their connections: both rules from one call, each written
// under its group's owner, with the checks the endpoint makes before either is written.
import { EndpointPolicy, InterfaceEndpoint, InterfaceEndpointService } from '@lambda-vpc/endpoints';
import { ExistingSecurityGroup, PolicyStatement, Port } from '@lambda-vpc/network';
import { bodiesOf, resourcesOf, synthConstructs } from '../../../test-support/terraform-json';
import { testNetwork } from '../../../test-support/test-network';

const policy = EndpointPolicy.of([
  new PolicyStatement({
    sid: 'Caller',
    principals: ['arn:aws:iam::123456789012:role/caller'],
    actions: ['sts:GetCallerIdentity'],
    resources: ['*'],
  }),
]);

describe('a caller connected to an interface endpoint', () => {
  it('writes the egress rule on the caller and the ingress rule on the endpoint, each naming the other group', () => {
    const json = synthConstructs((scope) => {
      const endpoint = new InterfaceEndpoint(scope, 'sts-endpoint', {
        network: testNetwork(scope),
        service: InterfaceEndpointService.STS,
        policy,
      });
      const caller = new ExistingSecurityGroup(scope, 'caller', { securityGroupId: 'sg-caller' });
      caller.connections.allowTo(endpoint, Port.https(), 'HTTPS to STS');
    });
    expect(
      bodiesOf(json, 'aws_vpc_security_group_egress_rule').map((rule) => [
        rule.security_group_id,
        rule.description,
        rule.from_port,
      ]),
    ).toEqual([['sg-caller', 'HTTPS to STS', 443]]);
    expect(
      bodiesOf(json, 'aws_vpc_security_group_ingress_rule').map((rule) => [
        rule.description,
        rule.ip_protocol,
        rule.from_port,
        rule.referenced_security_group_id,
      ]),
    ).toEqual([['HTTPS from caller', 'tcp', 443, 'sg-caller']]);
    expect(
      resourcesOf(json, 'aws_vpc_security_group_ingress_rule').map(([name]) => name.split('_').slice(0, 4).join('_')),
    ).toEqual(['sts-endpoint_ingress_caller_tcp443']);
  });

  it('leaves neither rule behind when the endpoint refuses the port', () => {
    const json = synthConstructs((scope) => {
      const endpoint = new InterfaceEndpoint(scope, 'sts-endpoint', {
        network: testNetwork(scope),
        service: InterfaceEndpointService.STS,
        policy,
      });
      const caller = new ExistingSecurityGroup(scope, 'caller', { securityGroupId: 'sg-caller' });
      expect(() => caller.connections.allowTo(endpoint, Port.tcp(22), 'SSH')).toThrow(
        'dev-test-sts-endpoint: an interface endpoint serves HTTPS only; admit caller on TCP 443, not TCP 22',
      );
    });
    expect(bodiesOf(json, 'aws_vpc_security_group_egress_rule')).toEqual([]);
    expect(bodiesOf(json, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
  });
});
