import { Construct } from 'constructs';
import { EndpointPrivateZone } from '@lambda-vpc/endpoints';
import { LambdaFunction } from '@lambda-vpc/lambda';
import {
  Network,
  NetworkJoin,
  NetworkRoutesToPeer,
  Peer,
  PolicyStatement,
  Port,
  SubnetType,
} from '@lambda-vpc/network';
import { CrossVpcStack, CrossVpcStackProps } from './example-stack';
import { TargetStack } from './target-stack';

/** Options of {@link CallerStack}. */
export interface CallerStackProps extends CrossVpcStackProps {
  /** The target side; its Transit Gateway, endpoint and function become cross-stack references. */
  readonly target: TargetStack;
}

/**
 * The caller side: its own VPC (isolated tier, no way to the internet), attached to the target's Transit Gateway with
 * a route to the target VPC, a private hosted zone that resolves `lambda.<region>.amazonaws.com` to the target's
 * interface endpoint, and a function that invokes the target with the SDK's default endpoint, its security group
 * letting HTTPS out to the target VPC only.
 */
export class CallerStack extends CrossVpcStack {
  /** The caller VPC. */
  public readonly network: Network;
  /** This VPC's attachment and its routes to the target VPC. */
  public readonly targetRoutes: NetworkRoutesToPeer;
  /** The private hosted zone for the Lambda API's name, associated with this VPC. */
  public readonly lambdaZone: EndpointPrivateZone;
  /** The function that invokes the target. */
  public readonly caller: LambdaFunction;

  constructor(scope: Construct, id: string, props: CallerStackProps) {
    super(scope, id, props, 'caller');
    const { target } = props;
    this.network = new Network(this, 'network', {
      ...this.networkProps(),
      subnetTiers: [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: 20 }],
    });
    this.targetRoutes = new NetworkRoutesToPeer(this, 'target-routes', {
      network: this.network,
      join: NetworkJoin.transitGateway({ transitGatewayId: target.transitGateway.id }),
      peerCidr: target.network.cidrBlock,
      subnetTypes: [SubnetType.PRIVATE_ISOLATED],
    });
    this.lambdaZone = new EndpointPrivateZone(this, 'lambda-zone', {
      name: `${props.name}-lambda-endpoint`,
      endpoint: target.lambdaEndpoint,
      vpc: { vpcId: this.network.vpcId },
    });

    this.caller = this.exampleFunction('caller', {
      description: "Invokes the target through the target VPC's Lambda interface endpoint, over the Transit Gateway",
      environmentVariables: { TARGET_FUNCTION_ARN: target.target.functionArn },
      vpc: { network: this.network, subnetType: SubnetType.PRIVATE_ISOLATED },
    });
    this.caller.addToRolePolicy(
      new PolicyStatement({
        sid: 'InvokeTarget',
        actions: ['lambda:InvokeFunction'],
        resources: [target.target.functionArn],
      }),
    );
    this.caller.connections.allowTo(
      Peer.ipv4(target.network.cidrBlock, 'target-vpc'),
      Port.https(),
      'HTTPS to the Lambda interface endpoint in the target VPC, over the Transit Gateway',
    );
  }
}
