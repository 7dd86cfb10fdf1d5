/**
 * The named destinations every VPC-attached function is checked against: `internet` is the IPv4 internet (through
 * NAT in the blueprints), `internet-ipv6` the IPv6 internet (through an egress-only internet gateway, no NAT).
 */
export type DestinationName = 'internet' | 'internet-ipv6' | 'dynamodb' | 's3' | 'lambda-api';

/** Every named destination, in report order. */
export const DESTINATION_NAMES: readonly DestinationName[] = [
  'internet',
  'internet-ipv6',
  'dynamodb',
  's3',
  'lambda-api',
];

/**
 * How a path leaves the function's subnet: the kind of the route target that carries it, upgraded to
 * `nat-instance` when a network-interface route leads to an EC2 instance and to `interface-endpoint` when a
 * local route leads to an interface endpoint's ENI.
 */
export type Via =
  | 'local'
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'nat-gateway'
  | 'nat-instance'
  | 'gateway-endpoint'
  | 'interface-endpoint'
  | 'transit-gateway'
  | 'vpn-gateway'
  | 'vpc-peering'
  | 'vpc-endpoint'
  | 'network-interface'
  | 'other';

/** One hop of a path: a Terraform address (`aws_route_table.network_route-table_private_eu-west-1a`). */
export type Hop = string;

/**
 * What the analysis concluded about a path: `yes` (every check lets it through), `no` (a check blocks it), or
 * `unknown` (nothing blocks it as far as the stack's JSON goes, but the path leaves what the JSON describes, e.g. a
 * route to a transit gateway, or hangs on a value that is not literal). An unknown is never a no.
 */
export type Verdict = 'yes' | 'no' | 'unknown';

/** Where the route chosen in the function's subnet sends a flow: the first thing past the subnet's route table. */
export interface NextHop {
  /**
   * The route target's address, or its literal ID when it is not in the stack (a NAT, an internet gateway, a gateway
   * endpoint, a transit gateway; the VPC, for a local route); for an interface endpoint, the endpoint.
   */
  readonly address: string;
  /** For an interface endpoint: the subnet of the ENI the flow reaches. */
  readonly subnet?: string;
}

/** Whether one of a function's subnets reaches a destination, and how. */
export interface SubnetReach {
  /** The subnet's address. */
  readonly subnet: string;
  /** Its availability zone, when the subnet states one. */
  readonly availabilityZone?: string;
  /**
   * `yes` when every check along the path (security groups, network ACLs, routes, public addressing) allows it; `no`
   * when one blocks it; `unknown` when none blocks it but the analysis cannot follow the path to the end.
   */
  readonly verdict: Verdict;
  /** For `unknown`: the hop where the analysis stops (the transit gateway, the NAT outside the stack, ...). */
  readonly stoppedAt?: Hop;
  /** The hops in order, starting at the function; as far as routing got when not `yes`. */
  readonly path: Hop[];
  /** The kind of route that carries the traffic out of the function's subnet, if any matched. */
  readonly via?: Via;
  /**
   * Why not: every blocking check joined by `; ` for `no`; why the analysis stops for `unknown`; absent for `yes`.
   */
  readonly reason?: string;
  /**
   * Through a gateway or interface endpoint: whether the endpoint policy allows the function's role (as a named
   * principal, or because the policy is open to `*`). The network path is reachable either way.
   */
  readonly policyAllows?: boolean;
  /** Whether that endpoint policy allows `*` rather than named principals. */
  readonly policyOpen?: boolean;
  /** Facts worth knowing that do not block: cross-AZ NAT, what lies beyond the VPC, what was not modeled. */
  readonly notes?: string[];
  /**
   * Whether the function's own security groups let the flow out (absent when no flow could be built). True on a path
   * that is not `yes`: the function's rules mean it to get through, and something past them blocks it.
   */
  readonly egressAllowed?: boolean;
  /** Where the route chosen in the function's subnet sends the flow; absent when no route matched. */
  readonly nextHop?: NextHop;
}

/**
 * A destination for one function over all of its subnets (Lambda may place the function's ENI in any of them):
 * `verdict` is `yes` only when every subnet's is, `no` when any subnet's is, else `unknown`; `stoppedAt`, `path`, `via`
 * and `reason` from the first subnet that says no (else the first that is unknown, else the first subnet). Each
 * subnet's verdict is in `paths`; for the internet from any AZ, see `internetVerdictFromAnyAz` (internet-exposure.ts).
 */
export interface Reach extends Pick<
  SubnetReach,
  'verdict' | 'stoppedAt' | 'path' | 'via' | 'reason' | 'policyAllows' | 'policyOpen'
> {
  /** Per subnet (one per AZ in the blueprints), since a per-AZ NAT gives each AZ its own path. */
  readonly paths: SubnetReach[];
  /**
   * The protocol of the flow traced (TCP for the named destinations and interface endpoints); absent when none could be
   * built.
   */
  readonly protocol?: 'tcp' | 'udp';
  /** Its port (443 for the named destinations and interface endpoints). */
  readonly port?: number;
}

/** One of a function's subnets, with the route table that governs it. */
export interface FunctionSubnet {
  readonly subnet: string;
  readonly availabilityZone?: string;
  readonly cidr?: string;
  /** The route table address, or a description of the implicit main table when no association is modeled. */
  readonly routeTable?: string;
}

/** The analysis of one VPC-attached function. */
export interface FunctionReachability {
  /** `aws_lambda_function.<name>`. */
  readonly function: string;
  readonly constructPath: string;
  /** Its VPC, from its subnets. */
  readonly vpc?: string;
  /** Its security groups' addresses. */
  readonly securityGroups: string[];
  /** Its execution role's address, when the role is in the stack. */
  readonly role?: string;
  readonly subnets: FunctionSubnet[];
  readonly destinations: Record<DestinationName, Reach>;
  /**
   * Each interface endpoint of the function's VPC, whatever its service and private DNS, reached at its ENI (the one
   * in the subnet's AZ where there is one) on TCP 443; keyed by the endpoint's address.
   */
  readonly interfaceEndpoints: Record<string, Reach>;
  /** Answers to {@link AnalyzeOptions.queries}, keyed `cidr:port` (e.g. `172.16.0.0/16:443`). */
  readonly queries?: Record<string, Reach>;
}

/** A route to every address (`0.0.0.0/0` or `::/0`), and what it targets. */
export interface InternetRoute {
  /** The aws_route's address, or the route table's for an inline route. */
  readonly route: string;
  readonly routeTable: string;
  readonly destination: string;
  /** The target's address (or literal ID when it is not in the stack). */
  readonly target: string;
  readonly targetKind: string;
  /** Subnets explicitly associated with the route table. */
  readonly subnets: string[];
}

/** One ingress rule of an interface endpoint's security groups. */
export interface AdmitRule {
  readonly rule: string;
  /** A CIDR, a security group address, or a prefix list. */
  readonly source: string;
  /** `tcp`, `udp`, `icmp` or `all`. */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
}

/** One Allow statement of an endpoint policy, references turned into addresses. */
export interface PolicyGrant {
  readonly sid?: string;
  readonly principals: string[];
  readonly actions: string[];
  readonly resources: string[];
  /** The statement has a Condition, which the analyzer does not evaluate. */
  readonly conditional: boolean;
}

/** Who may invoke which functions through a Lambda interface endpoint. */
export interface Invoker {
  /** A role address, an ARN, an account, or `*`. */
  readonly principal: string;
  /** The stack's functions whose execution role is that principal. */
  readonly principalFunctions: string[];
  /** The functions (addresses or ARNs, `*` for any) it may invoke. */
  readonly functions: string[];
}

/** What an interface endpoint admits and allows. */
export interface InterfaceEndpointReport {
  readonly endpoint: string;
  readonly service: string;
  readonly privateDns: boolean;
  readonly subnets: string[];
  readonly securityGroups: string[];
  /** Sources its security groups (and subnets' network ACLs, for CIDRs) admit on TCP 443. */
  readonly admits: { securityGroups: string[]; cidrs: string[]; port: 443; rules: AdmitRule[] };
  /** VPC-attached functions of the stack with a subnet whose path reaches this endpoint's ENI on TCP 443. */
  readonly reachedBy: string[];
  /** `default-full-access` when the endpoint has no policy (AWS then allows everything). */
  readonly policy: 'document' | 'default-full-access' | 'unreadable';
  /** An Allow statement names principal `*`. */
  readonly open: boolean;
  readonly principals: string[];
  readonly resources: string[];
  readonly grants: PolicyGrant[];
  /** For a Lambda endpoint: principals allowed `lambda:InvokeFunction`, and on what. */
  readonly invokers: Invoker[];
  readonly notes: string[];
}

/** What a Route 53 Resolver endpoint admits: DNS, on TCP and UDP 53. */
export interface ResolverEndpointReport {
  readonly endpoint: string;
  /** `INBOUND` (queries from outside the VPC) or `OUTBOUND`, as written. */
  readonly direction: string;
  readonly subnets: string[];
  readonly securityGroups: string[];
  /**
   * CIDRs its security groups (and at least one of its subnets' network ACLs) admit on port 53, per protocol; and every
   * ingress rule.
   */
  readonly admits: { tcp: string[]; udp: string[]; port: 53; rules: AdmitRule[] };
  readonly notes: string[];
}

/** A gateway endpoint: which route tables carry its prefix list, and its policy. */
export interface GatewayEndpointReport {
  readonly endpoint: string;
  readonly service: string;
  readonly routeTables: string[];
  readonly policy: 'document' | 'default-full-access' | 'unreadable';
  readonly open: boolean;
  readonly principals: string[];
  readonly resources: string[];
  readonly grants: PolicyGrant[];
}

/** The analysis of one stack. */
export interface ReachabilityResult {
  readonly stack: string;
  readonly variant?: string;
  readonly region: string;
  readonly functions: FunctionReachability[];
  /** Functions without vpc_config: they run in the Lambda service's network, outside any VPC of the stack. */
  readonly unattachedFunctions: string[];
  readonly endpoints: InterfaceEndpointReport[];
  readonly gatewayEndpoints: GatewayEndpointReport[];
  readonly resolverEndpoints: ResolverEndpointReport[];
  readonly internetRoutes: InternetRoute[];
  /** Stack-wide facts and modeling limits (e.g. no network ACL declared). */
  readonly notes: string[];
}

/** A `cidr:port` question. */
export interface ReachQuery {
  /** A CIDR block or a single address. */
  readonly cidr: string;
  readonly port: number;
  /** @default 'tcp' */
  readonly protocol?: 'tcp' | 'udp';
}

/** Options of {@link analyzeReachability}. */
export interface AnalyzeOptions {
  /**
   * The public address that stands for "the internet" (and for public AWS endpoints) in route matching and
   * rule evaluation.
   * @default '203.0.113.10'
   */
  readonly internetAddress?: string;
  /** Extra `cidr:port` questions per function, reported under `queries` keyed `cidr:port`. */
  readonly queries?: readonly ReachQuery[];
}
