import { Construct } from 'constructs';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { allowInvokeFunction, InterfaceEndpoint } from '@lambda-vpc/endpoints';
import { suppressGuardrail } from '@lambda-vpc/guardrails';
import { LambdaFunction } from '@lambda-vpc/lambda';
import { Network, NetworkJoin, NetworkRoutesToPeer, Peer, SubnetType } from '@lambda-vpc/network';
import { PrivateLinkPattern } from '@lambda-vpc/stacks';
import { CrossVpcStack, CrossVpcStackProps } from './example-stack';

/** Options of {@link TargetStack}. */
export interface TargetStackProps extends CrossVpcStackProps {
  /** The caller VPC's CIDR block, admitted by the endpoint and routed back through the Transit Gateway. */
  readonly callerCidr: string;
  /**
   * Who in the caller VPC may invoke the target through the endpoint: the caller function's role ARN (known before
   * the caller stack exists, as the role is named after the function), or its account's ID for another account.
   */
  readonly callerPrincipals: readonly string[];
}

/**
 * The target side: the privatelink variant's network and Lambda interface endpoint (`PrivateLinkPattern`), the
 * target function, and the Transit Gateway callers attach to. The endpoint admits HTTPS from the caller VPC's CIDR,
 * its policy lets the caller's principals invoke only the target, and the isolated tier routes the caller's CIDR back
 * through the Transit Gateway. Nothing here refers to the caller stack, so it is applied first and destroyed last.
 */
export class TargetStack extends CrossVpcStack {
  /** The target VPC, isolated tier only. */
  public readonly network: Network;
  /** The Lambda API's interface endpoint, with private DNS in this VPC. */
  public readonly lambdaEndpoint: InterfaceEndpoint;
  /** The function invoked through the endpoint; it needs no VPC to be invoked. */
  public readonly target: LambdaFunction;
  /** The hub both VPCs attach to. */
  public readonly transitGateway: Ec2TransitGateway;
  /** This VPC's attachment and its routes to the caller VPC. */
  public readonly callerRoutes: NetworkRoutesToPeer;

  constructor(scope: Construct, id: string, props: TargetStackProps) {
    super(scope, id, props, 'target');
    const pattern = new PrivateLinkPattern(this, this.networkProps());
    this.network = pattern.network;
    this.lambdaEndpoint = pattern.lambdaEndpoint;
    this.target = this.exampleFunction('target', {
      description: 'Invoked from the caller VPC through the Lambda interface endpoint; runs outside the VPC',
    });
    suppressGuardrail(
      this.target.resource,
      'LVB-FN-3',
      'The target runs outside the VPC by design: callers reach it through the Lambda interface endpoint',
    );

    // Every attachment is associated with and propagated to the default route table, so the two VPCs reach each
    // other with no TGW routes of their own. Attachments from accounts it is shared with wait for acceptance
    // (CKV_AWS_331): an account the hub is shared with cannot join itself to every VPC on it.
    this.transitGateway = new Ec2TransitGateway(this, 'transit-gateway', {
      description: `${props.name}: joins caller VPCs to the Lambda interface endpoint`,
      autoAcceptSharedAttachments: 'disable',
      defaultRouteTableAssociation: 'enable',
      defaultRouteTablePropagation: 'enable',
      dnsSupport: 'enable',
      tags: { Name: `${props.name}-tgw` },
    });
    this.callerRoutes = new NetworkRoutesToPeer(this, 'caller-routes', {
      network: this.network,
      join: NetworkJoin.transitGateway({ transitGatewayId: this.transitGateway.id }),
      peerCidr: props.callerCidr,
      subnetTypes: [SubnetType.PRIVATE_ISOLATED],
    });
    this.lambdaEndpoint.admitRemoteCaller({
      source: Peer.ipv4(props.callerCidr, 'caller-vpc'),
      statements: [
        allowInvokeFunction({
          sid: 'RemoteCallerInvokesTarget',
          principals: props.callerPrincipals,
          functionArns: [this.target.functionArn],
        }),
      ],
    });
  }
}
