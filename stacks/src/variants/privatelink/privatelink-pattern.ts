import { Construct } from 'constructs';
import {
  allowInvokeFunction,
  EndpointPolicy,
  InterfaceEndpoint,
  InterfaceEndpointService,
} from '@lambda-vpc/endpoints';
import { suppressGuardrail } from '@lambda-vpc/guardrails';
import { LambdaFunction } from '@lambda-vpc/lambda';
import { Network, Peer, PolicyStatement, Port, SubnetTierSpec, SubnetType } from '@lambda-vpc/network';
import { PatternFunctionProps, PatternNetworkProps, patternNetwork } from '../pattern-props';
import { ResolverInboundEndpoint } from './resolver-inbound-endpoint';

/** Options of {@link PrivateLinkPattern}. */
export interface PrivateLinkPatternProps extends PatternNetworkProps {
  /**
   * Prefix length of each isolated subnet.
   * @default 20
   */
  readonly isolatedSubnetPrefixLength?: number;
  /**
   * The function invoked through the endpoint; it needs no VPC to be invoked, so it runs outside one. Given with
   * `caller` and `invokeSid`.
   * @default none: the pattern builds the network and the endpoint only, the endpoint's policy denying everything
   * until a function added later is named in it (`endpoint.addToPolicy`)
   */
  readonly target?: PatternFunctionProps;
  /**
   * The function in the VPC that invokes the target; `TARGET_FUNCTION_ARN` is added to its environment.
   * @default none, as `target`
   */
  readonly caller?: PatternFunctionProps;
  /**
   * The endpoint policy statement's ID, e.g. `CallerInvokesTarget`; needed with `target`.
   * @default none
   */
  readonly invokeSid?: string;
  /**
   * Principals that may invoke the target through the endpoint beside the caller's role, which is always allowed (the
   * caller exists to invoke the target there); only with `target`.
   * @default the caller's role alone
   */
  readonly allowedPrincipals?: readonly string[];
  /**
   * Networks outside the VPC (on-premises over Direct Connect or VPN, peered VPCs) the endpoint admits on 443.
   * @default none
   */
  readonly onPremisesCidrs?: readonly string[];
  /**
   * A Route 53 Resolver inbound endpoint, so on-premises resolvers resolve `lambda.<region>.amazonaws.com` to the
   * endpoint; needs 2 or more AZs and `onPremisesCidrs`.
   * @default false
   */
  readonly resolverInboundEndpoint?: boolean;
}

/**
 * The privatelink variant's network and functions: a caller function in isolated subnets invokes a target function
 * through a Lambda interface endpoint, with no internet gateway, no NAT and no public IP. Private DNS makes
 * `lambda.<region>.amazonaws.com` resolve to the endpoint's network interfaces inside the VPC, so the SDK needs no
 * endpoint override. The endpoint's security group admits HTTPS from the caller's group and the on-premises
 * networks given; its policy lets only the allowed principals invoke only the target.
 *
 * The environment stack and the privatelink example both build the variant from it. It composes into its scope
 * instead of adding a construct level, so its resources' addresses and paths are the scope's own.
 */
export class PrivateLinkPattern {
  /** The VPC, isolated tier only. */
  public readonly network: Network;
  /** The function invoked through the endpoint, not attached to the VPC, when the props give one. */
  public readonly target?: LambdaFunction;
  /** The function in the VPC that invokes the target, when the props give one. */
  public readonly caller?: LambdaFunction;
  /** The Lambda API's interface endpoint. */
  public readonly lambdaEndpoint: InterfaceEndpoint;
  /** Who may invoke the target through the endpoint; none without a target. */
  public readonly allowedPrincipals: readonly string[];
  /** The inbound resolver endpoint, when asked for. */
  public readonly resolver?: ResolverInboundEndpoint;

  /** The variant's subnet tiers: isolated only, one subnet (and one endpoint network interface) per AZ. */
  public static subnetTiers(props: Pick<PrivateLinkPatternProps, 'isolatedSubnetPrefixLength'>): SubnetTierSpec[] {
    return [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: props.isolatedSubnetPrefixLength ?? 20 }];
  }

  constructor(scope: Construct, props: PrivateLinkPatternProps) {
    // DNS support and hostnames are on by default: private DNS for the endpoint needs both.
    this.network = patternNetwork(scope, props, PrivateLinkPattern.subnetTiers(props));
    const functions = this.placeFunctions(scope, props);
    this.target = functions?.target;
    this.caller = functions?.caller;

    this.allowedPrincipals = functions ? [functions.caller.roleArn, ...(props.allowedPrincipals ?? [])] : [];
    this.lambdaEndpoint = new InterfaceEndpoint(scope, 'lambda-endpoint', {
      network: this.network,
      service: InterfaceEndpointService.LAMBDA,
      policy: functions
        ? EndpointPolicy.of([
            allowInvokeFunction({
              sid: functions.invokeSid,
              principals: this.allowedPrincipals,
              functionArns: [functions.target.functionArn],
            }),
          ])
        : EndpointPolicy.closed(),
    });
    // Both rules at once: egress on the caller's group, ingress on the endpoint's, each naming the other group.
    this.caller?.connections.allowTo(
      this.lambdaEndpoint,
      Port.https(),
      'HTTPS to the Lambda API through the interface endpoint',
    );
    const onPremisesCidrs = props.onPremisesCidrs ?? [];
    for (const cidr of onPremisesCidrs) {
      this.lambdaEndpoint.connections.allowFrom(
        Peer.ipv4(cidr),
        Port.https(),
        `HTTPS from on-premises network ${cidr}`,
      );
    }

    if (props.resolverInboundEndpoint) {
      this.resolver = new ResolverInboundEndpoint(scope, 'resolver-inbound', {
        name: `${props.name}-resolver-inbound`,
        vpcId: this.network.vpcId,
        subnets: this.network.isolatedSubnets,
        onPremisesCidrs,
      });
    }
  }

  /** The target outside the VPC and the caller in it, allowed to invoke it; none when the props give neither. */
  private placeFunctions(
    scope: Construct,
    { target, caller, invokeSid, allowedPrincipals }: PrivateLinkPatternProps,
  ): { target: LambdaFunction; caller: LambdaFunction; invokeSid: string } | undefined {
    if (!target && !caller && !allowedPrincipals) return undefined;
    if (!target || !caller || !invokeSid) {
      throw new Error(
        'PrivateLinkPattern: target, caller and invokeSid come together (allowedPrincipals may invoke the target); ' +
          `given: ${Object.entries({ target, caller, invokeSid, allowedPrincipals })
            .filter(([, value]) => value !== undefined)
            .map(([name]) => name)
            .join(', ')}`,
      );
    }
    const { id: targetId, ...targetProps } = target;
    const targetFunction = new LambdaFunction(scope, targetId, targetProps);
    suppressGuardrail(
      targetFunction.resource,
      'LVB-FN-3',
      'The PrivateLink target runs outside the VPC by design: callers reach it through the Lambda interface endpoint',
    );
    const { id: callerId, ...callerProps } = caller;
    const callerFunction = new LambdaFunction(scope, callerId, {
      ...callerProps,
      environmentVariables: { ...callerProps.environmentVariables, TARGET_FUNCTION_ARN: targetFunction.functionArn },
      vpc: { network: this.network, subnetType: SubnetType.PRIVATE_ISOLATED },
    });
    callerFunction.addToRolePolicy(
      new PolicyStatement({
        sid: 'InvokeTarget',
        actions: ['lambda:InvokeFunction'],
        resources: [targetFunction.functionArn],
      }),
    );
    return { target: targetFunction, caller: callerFunction, invokeSid };
  }
}
