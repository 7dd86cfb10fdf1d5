import { Ipv4Cidr, StackResource } from '@lambda-vpc/stack-model';
import { grantsOf, isOpen, principalMatches, principalsAndResources, readEndpointPolicy } from './endpoint-policy';
import { aclDecision, networkAclFor } from './network-acls';
import { routesOf, routeTableFor } from './route-tables';
import { selectRoute } from './routing';
import { describePeer, protocolAndPortMatch } from './security-groups';
import { EPHEMERAL_PORT, HTTPS_PORT, Target } from './targets';
import { AnalysisEnv } from './trace';
import { AdmitRule, FunctionReachability, GatewayEndpointReport, InterfaceEndpointReport, Invoker } from './types';

function policyReport(env: AnalysisEnv, endpoint: StackResource) {
  const policy = readEndpointPolicy(env.model, endpoint);
  return { policy, kind: policy.kind, open: isOpen(policy), grants: grantsOf(policy), ...principalsAndResources(policy) };
}

/** Whether at least one of the endpoint's subnets lets `cidr` in on 443 and the reply out (stateless ACLs). */
function aclAdmits(env: AnalysisEnv, subnets: StackResource[], cidr: Ipv4Cidr): boolean {
  const remote: Target = { kind: 'address', cidr, label: cidr.toString() };
  return subnets.some((subnet) => {
    const acl = networkAclFor(env.model, subnet);
    return !acl || (aclDecision(acl, false, remote, 'tcp', HTTPS_PORT).allowed && aclDecision(acl, true, remote, 'tcp', EPHEMERAL_PORT).allowed);
  });
}

/** Who may invoke what, for a Lambda endpoint: Allow statements that grant lambda:InvokeFunction. */
function invokersOf(env: AnalysisEnv, report: ReturnType<typeof policyReport>, functions: StackResource[]): Invoker[] {
  const invoking = report.policy.statements.filter((s) => s.allow && !s.notAction && s.actions.some((a) => /^(\*|lambda:\*|lambda:invoke\*|lambda:invokefunction)$/i.test(a)));
  return invoking.flatMap((statement) => statement.principals.map((principal) => ({
    principal,
    principalFunctions: functions.filter((fn) => principalMatches(env.model, principal, env.model.resolve(fn.body.role))).map((fn) => fn.address),
    functions: statement.resources,
  })));
}

/**
 * What each interface endpoint admits (security group sources and CIDRs on TCP 443, CIDRs filtered through the
 * subnets' ACLs), which functions reach it, and who its policy lets do what.
 */
export function interfaceEndpointReports(env: AnalysisEnv, analyzed: readonly FunctionReachability[]): InterfaceEndpointReport[] {
  const { model, rules } = env;
  const functions = model.all('aws_lambda_function');
  return model.all('aws_vpc_endpoint').filter((endpoint) => model.endpointType(endpoint) === 'Interface').map((endpoint) => {
    const vpc = model.vpcOf(endpoint);
    const subnets = model.subnetsOf(endpoint.body.subnet_ids);
    const groups = model.securityGroupsOf(endpoint);
    const effectiveGroups = groups.length > 0 || !vpc ? groups : [model.securityGroupKey(`\${${vpc.address}.default_security_group_id}`)];
    const ingress = rules.filter((rule) => rule.direction === 'ingress' && effectiveGroups.includes(rule.group));
    const admitRules: AdmitRule[] = ingress.map((rule) => ({
      rule: rule.address, source: describePeer(rule.peer), protocol: rule.protocol,
      ...(rule.fromPort !== undefined ? { fromPort: rule.fromPort, toPort: rule.toPort ?? rule.fromPort } : {}),
    }));
    const on443 = ingress.filter((rule) => protocolAndPortMatch(rule, 'tcp', HTTPS_PORT));
    const notes: string[] = [];
    const cidrs: Ipv4Cidr[] = on443.flatMap((rule) => (rule.peer.kind === 'cidr' ? [rule.peer.cidr] : rule.peer.kind === 'prefix-list' ? rule.peer.list.cidrs ?? [] : []));
    const admitted = cidrs.filter((cidr) => {
      if (aclAdmits(env, subnets, cidr)) return true;
      notes.push(`${cidr} is admitted by the security group but denied by the network ACL of every endpoint subnet`);
      return false;
    });
    for (const cidr of admitted) {
      if (vpc && model.vpcCidrs(vpc).some((block) => block.contains(cidr))) continue;
      // Replies to a network outside the VPC need a route over a private connection; a default route to NAT
      // or an internet gateway does not carry private addresses.
      const missing = subnets.map((subnet) => routeTableFor(model, subnet)).filter((choice) => {
        const back = selectRoute(routesOf(model, choice), { kind: 'address', cidr, label: cidr.toString() });
        return !back || ['local', 'internet-gateway', 'nat-gateway', 'gateway-endpoint', 'egress-only-internet-gateway'].includes(back.targetKind);
      }).map((choice) => choice.key);
      if (missing.length > 0) {
        notes.push(`no private route back to ${cidr} in ${[...new Set(missing)].join(', ')}: replies need the private connection (virtual private gateway, transit gateway, peering), which is not in this stack`);
      }
    }
    const policy = policyReport(env, endpoint);
    const service = model.serviceOf(endpoint);
    return {
      endpoint: endpoint.address, service, privateDns: endpoint.body.private_dns_enabled === true,
      subnets: subnets.map((s) => s.address), securityGroups: effectiveGroups,
      admits: {
        securityGroups: [...new Set(on443.flatMap((rule) => (rule.peer.kind === 'group' ? [rule.peer.group] : [])))],
        cidrs: [...new Set(admitted.map((cidr) => cidr.toString()))], port: HTTPS_PORT, rules: admitRules,
      },
      reachedBy: analyzed.filter((fn) => Object.values(fn.destinations)
        .some((reach) => reach.paths.some((p) => p.reachable && p.path.includes(endpoint.address)))).map((fn) => fn.function),
      policy: policy.kind, open: policy.open, principals: policy.principals, resources: policy.resources, grants: policy.grants,
      invokers: service === 'lambda' ? invokersOf(env, policy, functions) : [],
      notes,
    };
  });
}

/** Each gateway endpoint: the route tables that carry its prefix list, and its policy. */
export function gatewayEndpointReports(env: AnalysisEnv): GatewayEndpointReport[] {
  const { model } = env;
  return model.all('aws_vpc_endpoint').filter((endpoint) => model.endpointType(endpoint) === 'Gateway').map((endpoint) => {
    const routes = model.routeTables.routes.filter((route) => route.origin === 'gateway-endpoint' && route.target?.resource === endpoint);
    const policy = policyReport(env, endpoint);
    return {
      endpoint: endpoint.address, service: model.serviceOf(endpoint),
      routeTables: routes.map((route) => route.table),
      policy: policy.kind, open: policy.open, principals: policy.principals, resources: policy.resources, grants: policy.grants,
    };
  });
}
