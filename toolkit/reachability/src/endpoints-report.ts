import { StackResource } from '@lambda-vpc/stack-model';
import { admittedCidrs, admitRules } from './admissions';
import { grantsOf, isOpen, principalMatches, principalsAndResources, readEndpointPolicy } from './endpoint-policy';
import { protocolAndPortMatch } from './security-groups';
import { HTTPS_PORT } from './targets';
import { AnalysisEnv } from './trace';
import { FunctionReachability, GatewayEndpointReport, InterfaceEndpointReport, Invoker } from './types';

function policyReport(env: AnalysisEnv, endpoint: StackResource) {
  const policy = readEndpointPolicy(env.model, endpoint);
  return {
    policy,
    kind: policy.kind,
    open: isOpen(policy),
    grants: grantsOf(policy),
    ...principalsAndResources(policy),
  };
}

/** Who may invoke what, for a Lambda endpoint: Allow statements that grant lambda:InvokeFunction. */
function invokersOf(env: AnalysisEnv, report: ReturnType<typeof policyReport>, functions: StackResource[]): Invoker[] {
  const invoking = report.policy.statements.filter(
    (s) =>
      s.allow &&
      !s.notAction &&
      s.actions.some((a) => /^(\*|lambda:\*|lambda:invoke\*|lambda:invokefunction)$/i.test(a)),
  );
  return invoking.flatMap((statement) =>
    statement.principals.map((principal) => ({
      principal,
      principalFunctions: functions
        .filter((fn) => principalMatches(env.model, principal, env.model.resolve(fn.body.role)))
        .map((fn) => fn.address),
      functions: statement.resources,
    })),
  );
}

/**
 * What each interface endpoint admits (security group sources and CIDRs on TCP 443, CIDRs filtered through the
 * subnets' ACLs), which functions reach it, and who its policy lets do what.
 */
export function interfaceEndpointReports(
  env: AnalysisEnv,
  analyzed: readonly FunctionReachability[],
): InterfaceEndpointReport[] {
  const { model, rules } = env;
  const functions = model.all('aws_lambda_function');
  return model
    .all('aws_vpc_endpoint')
    .filter((endpoint) => model.endpointType(endpoint) === 'Interface')
    .map((endpoint) => {
      const vpc = model.vpcOf(endpoint);
      const subnets = model.endpointSubnets(endpoint);
      const groups = model.securityGroupsOf(endpoint);
      const effectiveGroups =
        groups.length > 0 || !vpc ? groups : [model.securityGroupKey(`\${${vpc.address}.default_security_group_id}`)];
      const ingress = rules.filter((rule) => rule.direction === 'ingress' && effectiveGroups.includes(rule.group));
      const on443 = ingress.filter((rule) => protocolAndPortMatch(rule, 'tcp', HTTPS_PORT));
      const { cidrs: admitted, notes } = admittedCidrs(env, ingress, subnets, vpc, {
        protocol: 'tcp',
        port: HTTPS_PORT,
        denied: 'by the network ACL of every endpoint subnet',
      });
      const policy = policyReport(env, endpoint);
      const service = model.serviceOf(endpoint);
      return {
        endpoint: endpoint.address,
        service,
        privateDns: endpoint.body.private_dns_enabled === true,
        subnets: subnets.map((s) => s.address),
        securityGroups: effectiveGroups,
        admits: {
          securityGroups: [...new Set(on443.flatMap((rule) => (rule.peer.kind === 'group' ? [rule.peer.group] : [])))],
          cidrs: [...new Set(admitted.map((cidr) => cidr.toString()))],
          port: HTTPS_PORT,
          rules: admitRules(ingress),
        },
        // Its ENI reached on 443 from a subnet of the function, whatever the service (sqs, ssm, ...), or a named
        // destination's path through it (lambda-api, s3 by private DNS).
        reachedBy: analyzed
          .filter((fn) =>
            [fn.interfaceEndpoints[endpoint.address], ...Object.values(fn.destinations)].some((reach) =>
              reach?.paths.some((p) => p.verdict === 'yes' && p.path.includes(endpoint.address)),
            ),
          )
          .map((fn) => fn.function),
        policy: policy.kind,
        open: policy.open,
        principals: policy.principals,
        resources: policy.resources,
        grants: policy.grants,
        invokers: service === 'lambda' ? invokersOf(env, policy, functions) : [],
        notes,
      };
    });
}

/** Each gateway endpoint: the route tables that carry its prefix list, and its policy. */
export function gatewayEndpointReports(env: AnalysisEnv): GatewayEndpointReport[] {
  const { model } = env;
  return model
    .all('aws_vpc_endpoint')
    .filter((endpoint) => model.endpointType(endpoint) === 'Gateway')
    .map((endpoint) => {
      const routes = model.routeTables.routes.filter(
        (route) => route.origin === 'gateway-endpoint' && route.target?.resource === endpoint,
      );
      const policy = policyReport(env, endpoint);
      return {
        endpoint: endpoint.address,
        service: model.serviceOf(endpoint),
        routeTables: routes.map((route) => route.table),
        policy: policy.kind,
        open: policy.open,
        principals: policy.principals,
        resources: policy.resources,
        grants: policy.grants,
      };
    });
}
