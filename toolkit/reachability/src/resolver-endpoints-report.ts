import { asList } from '@lambda-vpc/stack-model';
import { admittedCidrs, admitRules } from './admissions';
import { AnalysisEnv } from './trace';
import { ResolverEndpointReport } from './types';

/** DNS: what a Resolver endpoint answers on (inbound) or forwards to (outbound). */
const DNS_PORT = 53;

/**
 * What each Route 53 Resolver endpoint admits: the blocks its security groups (and at least one of its subnets'
 * network ACLs) let in for DNS over TCP and over UDP, each on port 53, and every ingress rule.
 */
export function resolverEndpointReports(env: AnalysisEnv): ResolverEndpointReport[] {
  const { model, rules } = env;
  return model.all('aws_route53_resolver_endpoint').map((endpoint) => {
    const subnets = model.subnetsOf(
      asList(endpoint.body.ip_address).map((ip) => (ip as Record<string, unknown>).subnet_id),
    );
    const vpc = model.vpcOf(subnets[0]);
    const groups = model.securityGroupsOf(endpoint);
    const ingress = rules.filter((rule) => rule.direction === 'ingress' && groups.includes(rule.group));
    const notes = new Set<string>();
    const [tcp, udp] = (['tcp', 'udp'] as const).map((protocol) => {
      const admission = admittedCidrs(env, ingress, subnets, vpc, {
        protocol,
        port: DNS_PORT,
        denied: `on ${protocol}/${DNS_PORT} by the network ACL of every resolver subnet`,
      });
      admission.notes.forEach((note) => notes.add(note));
      return [...new Set(admission.cidrs.map((cidr) => cidr.toString()))];
    });
    return {
      endpoint: endpoint.address,
      direction: String(endpoint.body.direction ?? ''),
      subnets: subnets.map((subnet) => subnet.address),
      securityGroups: groups,
      admits: { tcp: tcp!, udp: udp!, port: DNS_PORT, rules: admitRules(ingress) },
      notes: [...notes],
    };
  });
}
