import { GuardrailRule } from '../rule';

type Statement = { Sid?: string; Effect?: string; Principal?: string | { AWS?: string | string[] } };

const principalsOf = (statement: Statement): string[] =>
  typeof statement.Principal === 'string' ? [statement.Principal] : [statement.Principal?.AWS ?? []].flat();

/** An endpoint policy says who may use the endpoint; full access is an explicit, visible choice. */
export const ENDPOINT_POLICIES_NAME_PRINCIPALS: GuardrailRule = {
  id: 'LVB-EP-1',
  title: 'Endpoint policies name their principals and are not full access unless opted in',
  severity: 'error',
  scannerEquivalents: [],
  fix:
    'build the policy with EndpointPolicy.of(...) and principals; full access only through ' +
    'EndpointPolicy.fullAccess(reason)',
  check: (stack) =>
    stack.resources('aws_vpc_endpoint').flatMap((endpoint) => {
      if (!endpoint.body.policy) return [{ resource: endpoint, message: 'no policy: AWS applies full access' }];
      let statements: Statement[];
      try {
        statements = [JSON.parse(endpoint.body.policy).Statement ?? []].flat();
      } catch {
        return [{ resource: endpoint, message: 'the policy is not a JSON document the rule can read' }];
      }
      return statements
        .filter((s) => s.Effect !== 'Deny')
        .flatMap((statement) => {
          const principals = principalsOf(statement);
          if (principals.length > 0 && !principals.some((p) => p.includes('*'))) return [];
          // EndpointPolicy.fullAccess is the only way to render this Sid with an open principal.
          return statement.Sid === 'FullAccessOptIn'
            ? [{ resource: endpoint, message: 'full access, by explicit opt-in', severity: 'warning' as const }]
            : [
                {
                  resource: endpoint,
                  message: `statement ${statement.Sid ?? '(no Sid)'} does not name its principals`,
                },
              ];
        });
    }),
};

/** Private DNS answers for the service's name only when the VPC resolves names and gives hostnames. */
export const PRIVATE_DNS_NEEDS_DNS_ATTRIBUTES: GuardrailRule = {
  id: 'LVB-EP-2',
  title: 'Endpoints with private DNS sit in VPCs with DNS support and DNS hostnames on',
  severity: 'error',
  scannerEquivalents: [],
  fix: 'turn on enable_dns_support and enable_dns_hostnames on the VPC (the Network default), or set privateDns: false',
  check: (stack) =>
    stack
      .resources('aws_vpc_endpoint')
      .filter((endpoint) => endpoint.body.private_dns_enabled === true)
      .flatMap((endpoint) => {
        const vpc = stack.resolve(endpoint.body.vpc_id);
        if (!vpc) return [];
        // Unset, DNS support is on and DNS hostnames are off (the aws_vpc defaults).
        const off = [
          ...(vpc.body.enable_dns_support === false ? ['enable_dns_support'] : []),
          ...(vpc.body.enable_dns_hostnames === false || vpc.body.enable_dns_hostnames === undefined
            ? ['enable_dns_hostnames']
            : []),
        ];
        return off.length > 0
          ? [{ resource: endpoint, message: `private DNS in a VPC with ${off.join(' and ')} off` }]
          : [];
      }),
};
