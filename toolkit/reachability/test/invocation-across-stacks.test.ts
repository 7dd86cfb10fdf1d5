import {
  analyzeInvocationAcrossStacks,
  formatInvocationAcrossStacks,
  INVOCATION_HOPS,
  InvocationAcrossStacks,
  InvocationHopName,
} from '@lambda-vpc/reachability';
import { StackDocument, StackJson } from '@lambda-vpc/stack-model';
import { CALLER_STACK, CrossStackOptions, synthCrossStacks, TARGET_STACK } from './cross-stack-fixtures';

// Addresses as the report writes them: `<stack>:<address>` (cdktf's names, with their hashes, are stable per path).
const C = (address: string) => `${CALLER_STACK}:${address}`;
const T = (address: string) => `${TARGET_STACK}:${address}`;
const CALLER_VPC = C('aws_vpc.network_vpc_4E8F0223');
const TARGET_VPC = T('aws_vpc.network_vpc_4E8F0223');
const CALLER_SUBNETS = [
  `${C('aws_subnet.network_subnet_isolated_eu-west-1a_49FB5B39')} (10.1.0.0/20)`,
  `${C('aws_subnet.network_subnet_isolated_eu-west-1b_B7DF6BFF')} (10.1.16.0/20)`,
];
const TARGET_SUBNETS = [
  `${T('aws_subnet.network_subnet_isolated_eu-west-1a_49FB5B39')} (10.2.0.0/20)`,
  `${T('aws_subnet.network_subnet_isolated_eu-west-1b_B7DF6BFF')} (10.2.16.0/20)`,
];
// How a route finding names a destination subnet: its block first.
const byBlock = (subnet: string) => subnet.replace(/^(\S+) \((.+)\)$/, '$2 ($1)');
const CALLER_TABLES = [
  C('aws_route_table.network_route-table_isolated_eu-west-1a_D5EE336D'),
  C('aws_route_table.network_route-table_isolated_eu-west-1b_E7DE2F0E'),
];
const TARGET_TABLES = [
  T('aws_route_table.network_route-table_isolated_eu-west-1a_D5EE336D'),
  T('aws_route_table.network_route-table_isolated_eu-west-1b_E7DE2F0E'),
];
/** The finding of tables (one per subnet of `from`) with no route to any subnet of `to`. */
const noRoutes = (tables: string[], from: string[], to: string[]) =>
  tables
    .map((table, i) => `${table} (of ${from[i]!.split(' ')[0]}) has no route to ${to.map(byBlock).join(', ')}`)
    .join('; ');
const ENDPOINT = T('aws_vpc_endpoint.lambda-endpoint');
const PEERING = T('aws_vpc_peering_connection.peering');
const CALLER_ROLE = C('aws_iam_role.caller_role_B6D36B5B');

function analyze(options: CrossStackOptions = {}): InvocationAcrossStacks {
  const { caller, target } = synthCrossStacks(options);
  return analyzeInvocationAcrossStacks(caller, target);
}

const verdicts = (result: InvocationAcrossStacks): Partial<Record<InvocationHopName, string>> =>
  Object.fromEntries(result.hops.map((h) => [h.hop, h.verdict]));

const detail = (result: InvocationAcrossStacks, hop: InvocationHopName): string | undefined =>
  result.hops.find((h) => h.hop === hop)?.detail;

/** The verdict and the hops it names. */
const outcome = ({ verdict, blockedAt }: InvocationAcrossStacks) => ({ verdict, blockedAt });

/** A `no` verdict naming `hops`. */
const blockedAt = (...hops: InvocationHopName[]) => ({ verdict: 'no', blockedAt: hops });

const allYes = Object.fromEntries(INVOCATION_HOPS.map((hop) => [hop, 'yes']));

describe('the whole path over a VPC peering connection', () => {
  const result = analyze();

  it('says yes, every hop yes', () => {
    expect({ verdict: result.verdict, blockedAt: result.blockedAt, hops: verdicts(result) }).toEqual({
      verdict: 'yes',
      blockedAt: [],
      hops: allYes,
    });
  });

  it('follows the cross-stack references to the peering connection, both ways', () => {
    expect(detail(result, 'route-from-caller')).toBe(
      CALLER_TABLES.map(
        (table, i) => `${table}: ${T(`aws_route.caller-to-target-${i}`)} (10.2.0.0/16) to ${PEERING}`,
      ).join('; '),
    );
    expect(detail(result, 'join')).toBe(
      `${T('aws_vpc_peering_connection.peering')} joins ${CALLER_VPC} and ${TARGET_VPC}`,
    );
    expect(detail(result, 'route-back')).toBe(
      TARGET_TABLES.map(
        (table, i) => `${table}: ${T(`aws_route.target-to-caller-${i}`)} (10.1.0.0/16) to ${PEERING}`,
      ).join('; '),
    );
  });

  it("admits the caller's security group by reference, which peering in one region carries", () => {
    expect(detail(result, 'endpoint-ingress')).toBe(
      `${T('aws_vpc_security_group_ingress_rule.lambda-endpoint_ingress_caller_tcp443_652BE2EF')} ` +
        `(${C('aws_security_group.caller_security-group_631F424C')}) admits tcp/443 from ${CALLER_SUBNETS.join(', ')}`,
    );
  });

  it("resolves lambda.eu-west-1.amazonaws.com through the zone associated with the caller's VPC", () => {
    expect(detail(result, 'dns')).toBe(
      `${T('aws_route53_zone.lambda-zone')} (lambda.eu-west-1.amazonaws.com) is associated with ${CALLER_VPC} by ` +
        `its vpc block; ${T('aws_route53_record.lambda-alias')} aliases ${ENDPOINT}`,
    );
  });

  it("finds the caller's role, named through a remote state, in the endpoint policy", () => {
    expect(detail(result, 'endpoint-policy')).toBe(
      `${ENDPOINT} allows ${CALLER_ROLE} (role xvpc-caller) lambda:InvokeFunction (CallerInvokes)`,
    );
  });

  it('prints one line per hop, then the verdict', () => {
    const lines = formatInvocationAcrossStacks(result).split('\n');
    expect(lines).toHaveLength(INVOCATION_HOPS.length + 1);
    expect(lines[3]).toMatch(/^yes {6}join {23}xvpc-target:aws_vpc_peering_connection.peering joins /);
    expect(lines.at(-1)).toBe(`verdict: yes: ${C('aws_lambda_function.caller')} invokes Lambda through ${ENDPOINT}`);
  });
});

describe('the whole path over a transit gateway', () => {
  const result = analyze({ join: 'transit-gateway' });

  it('says yes, with both VPCs attached in every AZ of the path', () => {
    expect({ verdict: result.verdict, hops: verdicts(result) }).toEqual({ verdict: 'yes', hops: allYes });
    const tgw = T('aws_ec2_transit_gateway.transit-gateway');
    expect(detail(result, 'join')).toBe(
      `${T('aws_ec2_transit_gateway_vpc_attachment.caller-attachment')} attaches ${CALLER_VPC} to ${tgw}; ` +
        `${T('aws_ec2_transit_gateway_vpc_attachment.target-attachment')} attaches ${TARGET_VPC} to ${tgw}`,
    );
  });

  it('blocks at the join when the target attachment has no subnet in one AZ of the endpoint', () => {
    const result = analyze({ join: 'transit-gateway', targetAttachmentZones: 1 });
    expect(outcome(result)).toEqual(blockedAt('join'));
    expect(detail(result, 'join')).toBe(
      `${T('aws_ec2_transit_gateway_vpc_attachment.target-attachment')} has no subnet in the AZ of ` +
        `${TARGET_SUBNETS[1]!.split(' ')[0]}: a transit gateway reaches only the AZs its attachment has a subnet in`,
    );
  });

  it("refuses a rule naming the caller's group: the transit gateway does not enable security group referencing", () => {
    const byGroup = analyze({ join: 'transit-gateway', endpointAdmits: 'caller-group' });
    expect(outcome(byGroup)).toEqual(blockedAt('endpoint-ingress'));
    expect(detail(byGroup, 'endpoint-ingress')).toBe(
      `${T('aws_vpc_security_group_ingress_rule.lambda-endpoint_ingress_caller_tcp443_652BE2EF')} names the other ` +
        `side's security group, which cannot match: ${T('aws_ec2_transit_gateway.transit-gateway')} does not enable ` +
        'security_group_referencing_support',
    );
  });
});

describe('the whole path with the join, routes and zone in the caller stack', () => {
  it("says yes, reading the target's VPC, route tables and endpoint, and the caller's account in the policy", () => {
    const result = analyze({ joinedIn: 'caller' });
    expect({ verdict: result.verdict, hops: verdicts(result) }).toEqual({ verdict: 'yes', hops: allYes });
    expect(detail(result, 'join')).toBe(
      `${C('aws_vpc_peering_connection.peering')} joins ${CALLER_VPC} and ${TARGET_VPC}`,
    );
    expect(detail(result, 'endpoint-policy')).toBe(
      `${ENDPOINT} allows ${CALLER_ROLE} (role xvpc-caller) lambda:InvokeFunction (CallerInvokes)`,
    );
  });
});

describe('a missing piece gives no, naming the hop that blocks', () => {
  it('no route from the caller', () => {
    const result = analyze({ callerRoute: false });
    expect(outcome(result)).toEqual(blockedAt('route-from-caller'));
    expect(detail(result, 'route-from-caller')).toBe(noRoutes(CALLER_TABLES, CALLER_SUBNETS, TARGET_SUBNETS));
  });

  it('no route back', () => {
    const result = analyze({ routeBack: false });
    expect(outcome(result)).toEqual(blockedAt('route-back'));
    expect(detail(result, 'route-back')).toBe(noRoutes(TARGET_TABLES, TARGET_SUBNETS, CALLER_SUBNETS));
    expect(formatInvocationAcrossStacks(result).split('\n').at(-1)).toBe('verdict: no: blocked at route back');
  });

  it('the join not joining these VPCs', () => {
    const result = analyze({ peeringJoins: 'target-and-third' });
    expect(outcome(result)).toEqual(blockedAt('join'));
    expect(detail(result, 'join')).toBe(
      `${T('aws_vpc_peering_connection.peering')} joins ${T('aws_vpc.third-vpc')} and ${TARGET_VPC}, not ` +
        `${CALLER_VPC} and ${TARGET_VPC}`,
    );
  });

  it('the endpoint security group not admitting the caller', () => {
    const result = analyze({ endpointAdmits: 'another-cidr' });
    expect(outcome(result)).toEqual(blockedAt('endpoint-ingress'));
    const owner = `${ENDPOINT} (${T('aws_security_group.lambda-endpoint_security-group_61943444')})`;
    expect(detail(result, 'endpoint-ingress')).toBe(
      CALLER_SUBNETS.map((subnet) => `no rule of ${owner} admits tcp/443 from ${subnet}`).join('; '),
    );
  });

  it('the caller security group not letting it out', () => {
    const result = analyze({ callerEgress: false });
    expect(outcome(result)).toEqual(blockedAt('caller-egress'));
    const owner = C('aws_security_group.caller_security-group_631F424C');
    expect(detail(result, 'caller-egress')).toBe(
      TARGET_SUBNETS.map((subnet) => `no rule of ${owner} lets tcp/443 out to ${subnet}`).join('; '),
    );
  });

  it("DNS not associated with the caller's VPC", () => {
    const result = analyze({ zoneAssociation: 'target-only' });
    expect(outcome(result)).toEqual(blockedAt('dns'));
    expect(detail(result, 'dns')).toBe(
      `${T('aws_route53_zone.lambda-zone')} (lambda.eu-west-1.amazonaws.com) is not associated with ${CALLER_VPC}`,
    );
  });

  it('the principal not in the policy', () => {
    const result = analyze({ principal: 'another-role' });
    expect(outcome(result)).toEqual(blockedAt('endpoint-policy'));
    expect(detail(result, 'endpoint-policy')).toBe(
      `the policy of ${ENDPOINT} does not allow ${CALLER_ROLE} (role xvpc-caller) lambda:InvokeFunction; it allows ` +
        'arn:aws:iam::123456789012:role/someone-else',
    );
  });
});

describe('an association made by aws_route53_zone_association', () => {
  it('counts like a vpc block of the zone', () => {
    const result = analyze({ zoneAssociation: 'caller-by-association' });
    expect(result.verdict).toBe('yes');
    expect(detail(result, 'dns')).toBe(
      `${T('aws_route53_zone.lambda-zone')} (lambda.eu-west-1.amazonaws.com) is associated with ${CALLER_VPC} by ` +
        `${T('aws_route53_zone_association.lambda-zone-caller')}; ${T('aws_route53_record.lambda-alias')} aliases ` +
        ENDPOINT,
    );
  });
});

describe('a reference that does not resolve gives unknown, never no', () => {
  it("stops at the policy when the caller stack no longer outputs its role's ARN", () => {
    const { caller, target } = synthCrossStacks();
    const outputs = { ...caller.json.output };
    const roleOutput = Object.keys(outputs).find((name) => name.startsWith('cross-stack-output-aws_iam_role'))!;
    delete outputs[roleOutput];
    const stale = new StackDocument(CALLER_STACK, { ...caller.json, output: outputs } as StackJson);
    const result = analyzeInvocationAcrossStacks(stale, target);
    expect(outcome(result)).toEqual({ verdict: 'unknown', blockedAt: ['endpoint-policy'] });
    const reference = `data.terraform_remote_state.cross-stack-reference-input-${CALLER_STACK}.outputs.${roleOutput}`;
    expect(detail(result, 'endpoint-policy')).toBe(
      `the policy of ${ENDPOINT} does not name ${CALLER_ROLE} (role xvpc-caller), and its principals ` +
        `\${${reference}} do not resolve`,
    );
    expect(result.notes[0]).toBe(
      `${TARGET_STACK}:aws_vpc_endpoint.lambda-endpoint reads ${reference}: stack ${CALLER_STACK} has no output ` +
        `${roleOutput} with a string value`,
    );
  });
});

describe('the caller function', () => {
  const { caller, target } = synthCrossStacks();

  it('is named by --function, and a name not in the stack is one error line listing the functions', () => {
    expect(analyzeInvocationAcrossStacks(caller, target, { callerFunction: 'caller' }).verdict).toBe('yes');
    expect(() => analyzeInvocationAcrossStacks(caller, target, { callerFunction: 'missing' })).toThrow(
      `function "missing" is not an aws_lambda_function of stack ${CALLER_STACK}; allowed: aws_lambda_function.caller`,
    );
  });

  it('is refused when not an aws_lambda_function of either stack, in one error line', () => {
    expect(() => analyzeInvocationAcrossStacks(caller, target, { targetFunction: 'nothing' })).toThrow(
      `target function "nothing" is not an aws_lambda_function of stack ${TARGET_STACK} or ${CALLER_STACK}`,
    );
  });
});

describe('a named target function', () => {
  const { caller, target } = synthCrossStacks();

  it('passes when an allowing statement names its ARN', () => {
    const result = analyzeInvocationAcrossStacks(caller, target, { targetFunction: 'target' });
    expect(detail(result, 'endpoint-policy')).toBe(
      `${ENDPOINT} allows ${CALLER_ROLE} (role xvpc-caller) lambda:InvokeFunction on ` +
        `${T('aws_lambda_function.target')} (CallerInvokes)`,
    );
  });

  it('blocks at the policy when the statement names another function', () => {
    const result = analyzeInvocationAcrossStacks(caller, target, { targetFunction: 'other' });
    expect(outcome(result)).toEqual(blockedAt('endpoint-policy'));
    expect(detail(result, 'endpoint-policy')).toBe(
      `the policy of ${ENDPOINT} allows ${CALLER_ROLE} (role xvpc-caller) lambda:InvokeFunction on ` +
        `arn:aws:lambda:eu-west-1:123456789012:function:xvpc-target, not on ${T('aws_lambda_function.other')}`,
    );
  });
});
