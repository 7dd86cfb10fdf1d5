// connect(): both sides of a security group rule pair, each written by its owner, with the checks each owner makes.
import { EndpointPolicy, InterfaceEndpoint, InterfaceEndpointService } from '@lambda-vpc/endpoints';
import { connect, ConnectionSource, Peer, PolicyStatement, Port } from '@lambda-vpc/network';
import { bodiesOf, synthConstructs } from '../../../test-support/terraform-json';
import { testNetwork } from '../../../test-support/test-network';

// The full-access policies below print their warning at synth; it is tested in endpoint-policy.test.ts.
beforeEach(() => { jest.spyOn(console, 'log').mockImplementation(() => undefined); });
afterEach(() => jest.restoreAllMocks());

/** A stand-in for a function: a security group that records the egress rules asked of it. */
function source(label: string, egress: string[]): ConnectionSource {
  return { securityGroupId: `sg-${label}`, peerLabel: label, allowEgressTo: (peer, port, description) => egress.push(`${peer.label} ${port.id} ${description}`) };
}

describe('connect', () => {
  it('writes the egress rule on the source and the ingress rule on the target, each naming the other group', () => {
    const egress: string[] = [];
    const json = synthConstructs((scope) => {
      const endpoint = new InterfaceEndpoint(scope, 'sts-endpoint', {
        network: testNetwork(scope), service: InterfaceEndpointService.STS,
        policy: EndpointPolicy.of([new PolicyStatement({
          sid: 'Caller', principals: ['arn:aws:iam::123456789012:role/caller'], actions: ['sts:GetCallerIdentity'],
          resources: ['*'],
        })]),
      });
      connect(source('caller', egress), endpoint, Port.tcp(443), { egress: 'HTTPS to STS', ingress: 'HTTPS from caller' });
    });
    expect(egress).toEqual(['sts-endpoint tcp443 HTTPS to STS']);
    expect(bodiesOf(json, 'aws_vpc_security_group_ingress_rule').map((rule) => [rule.description, rule.ip_protocol, rule.from_port, rule.referenced_security_group_id]))
      .toEqual([['HTTPS from caller', 'tcp', 443, 'sg-caller']]);
  });

  it('leaves neither rule behind when a label is refused', () => {
    const egress: string[] = [];
    synthConstructs((scope) => {
      const endpoint = new InterfaceEndpoint(scope, 'sts-endpoint', { network: testNetwork(scope), service: InterfaceEndpointService.STS, allowFrom: [Peer.ipv4('10.0.0.0/8', 'corp')], policy: EndpointPolicy.fullAccess('not under test here at all') });
      expect(() => connect(source('Bad Label', egress), endpoint, Port.tcp(443), { egress: 'e', ingress: 'i' })).toThrow('peer label "Bad Label" must be lower-case');
    });
    expect(egress).toEqual([]);
  });
});

describe('what an interface endpoint admits', () => {
  const endpointWith = (admit: (endpoint: InterfaceEndpoint) => void) => () => synthConstructs((scope) => {
    const endpoint = new InterfaceEndpoint(scope, 'sts-endpoint', { network: testNetwork(scope), service: InterfaceEndpointService.STS, policy: EndpointPolicy.fullAccess('not under test here at all') });
    admit(endpoint);
  });

  it('HTTPS only', () => {
    expect(endpointWith((endpoint) => endpoint.allowIngressFrom(Peer.ipv4('10.0.0.0/8', 'corp'), Port.tcp(22), 'ssh')))
      .toThrow('dev-test-sts-endpoint: an interface endpoint serves HTTPS only; admit corp on TCP 443, not TCP 22');
  });

  it('never every address, however the peer was made', () => {
    expect(endpointWith((endpoint) => endpoint.allowFrom(Peer.ipv4('0.0.0.0/0', 'everyone')))).toThrow('endpoint source everyone: 0.0.0.0/0 is refused');
  });
});
