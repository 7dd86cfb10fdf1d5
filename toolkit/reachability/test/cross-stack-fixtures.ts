// Two stacks of one cdktf App, synthesized: a caller stack (a VPC and a function in its isolated subnets) and a target
// stack (a PrivateLink VPC with the Lambda interface endpoint, the join and the hosted zone). The target stack refers
// to the caller's resources (VPC, route tables, role, security group), so cdktf writes real cross-stack references;
// each option removes or changes one piece, so a test changes one hop.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Fn, TerraformStack } from 'cdktf';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Route53ZoneAssociation } from '@cdktf/provider-aws/lib/route53-zone-association';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import {
  allowInvokeFunction,
  EndpointPolicy,
  InterfaceEndpoint,
  InterfaceEndpointService,
} from '@lambda-vpc/endpoints';
import { FunctionCode, LambdaFunction } from '@lambda-vpc/lambda';
import { awsEnvironment, Network, Peer, Port, SubnetType } from '@lambda-vpc/network';
import { StackDocument, StackJson } from '@lambda-vpc/stack-model';

export const CALLER_STACK = 'xvpc-caller';
export const TARGET_STACK = 'xvpc-target';
export const CALLER_CIDR = '10.1.0.0/16';
export const TARGET_CIDR = '10.2.0.0/16';
/** A network the endpoint may admit instead of the caller's (an on-premises range). */
export const OTHER_CIDR = '192.168.0.0/16';
const ENVIRONMENT = awsEnvironment('123456789012', 'eu-west-1');
const ZONES = ['eu-west-1a', 'eu-west-1b'];

/** What the two stacks hold; the defaults make the whole path work. */
export interface CrossStackOptions {
  /** How the VPCs are joined. @default 'peering' */
  readonly join?: 'peering' | 'transit-gateway';
  /** In how many of the target's AZs its transit gateway attachment has a subnet. @default every AZ */
  readonly targetAttachmentZones?: number;
  /** Which VPCs the peering connection joins. @default 'caller-and-target' */
  readonly peeringJoins?: 'caller-and-target' | 'target-and-third';
  /** The caller's route tables route the target's block over the join. @default true */
  readonly callerRoute?: boolean;
  /**
   * The stack that holds the join, the routes and the hosted zone, reading the other stack's resources. With `caller`,
   * the target stack reads nothing of the caller's (cdktf refuses references both ways), so its endpoint admits the
   * caller's block and its policy names the caller's account.
   * @default 'target'
   */
  readonly joinedIn?: 'target' | 'caller';
  /** The caller's security group lets HTTPS out to the target's block. @default true */
  readonly callerEgress?: boolean;
  /** The endpoint's route tables route the caller's block back over the join. @default true */
  readonly routeBack?: boolean;
  /** How the endpoint's security group admits the caller. @default 'caller-group' over peering, 'caller-cidr' else */
  readonly endpointAdmits?: 'caller-group' | 'caller-cidr' | 'another-cidr';
  /** Which VPC the hosted zone is associated with. @default 'caller' */
  readonly zoneAssociation?: 'caller' | 'caller-by-association' | 'target-only';
  /** Who the endpoint policy lets invoke. @default 'caller-role' */
  readonly principal?: 'caller-role' | 'another-role';
}

/** The two synthesized stacks, read back. */
export interface CrossStacks {
  readonly caller: StackDocument;
  readonly target: StackDocument;
}

function functionCode(): FunctionCode {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'xvpc-fn-'));
  fs.writeFileSync(path.join(directory, 'index.js'), 'exports.handler = async () => ({ ok: true });\n');
  return FunctionCode.fromDirectory(directory);
}

function isolatedNetwork(stack: TerraformStack, name: string, cidrBlock: string): Network {
  new AwsProvider(stack, 'aws', { region: ENVIRONMENT.region, allowedAccountIds: [ENVIRONMENT.accountId] });
  return new Network(stack, 'network', {
    name,
    environment: ENVIRONMENT,
    cidrBlock,
    availabilityZones: ZONES,
    subnetTiers: [{ type: SubnetType.PRIVATE_ISOLATED, prefixLength: 20 }],
  });
}

/** Synthesizes both stacks into a temporary folder and reads their cdk.tf.json. */
export function synthCrossStacks(options: CrossStackOptions = {}): CrossStacks {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'xvpc-synth-'));
  const app = new App({ outdir });
  const callerStack = new TerraformStack(app, CALLER_STACK);
  const callerNetwork = isolatedNetwork(callerStack, 'caller', CALLER_CIDR);
  const caller = new LambdaFunction(callerStack, 'caller', {
    functionName: 'xvpc-caller',
    description: 'Invokes a function through the Lambda interface endpoint of another VPC',
    environment: ENVIRONMENT,
    code: functionCode(),
    logRetentionInDays: 30,
    logsKmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/test',
    vpc: { network: callerNetwork, subnetType: SubnetType.PRIVATE_ISOLATED },
  });
  if (options.callerEgress ?? true)
    caller.connections.allowTo(Peer.ipv4(TARGET_CIDR), Port.https(), 'HTTPS to the Lambda endpoint of the target VPC');

  const targetStack = new TerraformStack(app, TARGET_STACK);
  const targetNetwork = isolatedNetwork(targetStack, 'target', TARGET_CIDR);
  // Invoked through the endpoint, so outside any VPC; the policy names the first only.
  for (const [id, functionName] of [
    ['target', 'xvpc-target'],
    ['other', 'xvpc-other'],
  ])
    new LambdaFunction(targetStack, id, {
      functionName,
      description: 'Invoked through the Lambda interface endpoint',
      environment: ENVIRONMENT,
      code: functionCode(),
      logRetentionInDays: 30,
      logsKmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/test',
    });
  const joinedInCaller = options.joinedIn === 'caller';
  const joinStack = joinedInCaller ? callerStack : targetStack;
  const endpoint = new InterfaceEndpoint(targetStack, 'lambda-endpoint', {
    network: targetNetwork,
    service: InterfaceEndpointService.LAMBDA,
    policy: EndpointPolicy.of([
      allowInvokeFunction({
        sid: 'CallerInvokes',
        principals: [
          options.principal === 'another-role'
            ? 'arn:aws:iam::123456789012:role/someone-else'
            : joinedInCaller
              ? ENVIRONMENT.accountId
              : caller.role.arn,
        ],
        functionArns: ['arn:aws:lambda:eu-west-1:123456789012:function:xvpc-target'],
      }),
    ]),
  });
  const join = options.join ?? 'peering';
  const admits = options.endpointAdmits ?? (join === 'peering' && !joinedInCaller ? 'caller-group' : 'caller-cidr');
  const source =
    admits === 'caller-group'
      ? Peer.securityGroupId(caller.securityGroup!.id, 'caller')
      : Peer.ipv4(admits === 'caller-cidr' ? CALLER_CIDR : OTHER_CIDR);
  endpoint.connections.allowFrom(source, Port.https(), 'HTTPS from the caller VPC');

  const pcx = join === 'peering' ? peering(joinStack, callerNetwork, targetNetwork, options) : undefined;
  const transitGateway =
    join === 'transit-gateway'
      ? attachBoth(joinStack, callerNetwork, targetNetwork, options.targetAttachmentZones)
      : undefined;
  const via = pcx ? { vpcPeeringConnectionId: pcx.id } : { transitGatewayId: transitGateway!.id };
  // Every route lives in the join's stack: the other side's route tables are reached by cross-stack references.
  const routeEach = (network: Network, name: string, destinationCidrBlock: string) =>
    network.subnets.forEach((s, i) => {
      new Route(joinStack, `${name}-${i}`, { routeTableId: s.routeTable.id, destinationCidrBlock, ...via });
    });
  if (options.callerRoute ?? true) routeEach(callerNetwork, 'caller-to-target', TARGET_CIDR);
  if (options.routeBack ?? true) routeEach(targetNetwork, 'target-to-caller', CALLER_CIDR);
  privateZone(joinStack, endpoint, callerNetwork, targetNetwork, options.zoneAssociation ?? 'caller');
  app.synth();
  const read = (stack: string) =>
    new StackDocument(
      stack,
      JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as StackJson,
    );
  return { caller: read(CALLER_STACK), target: read(TARGET_STACK) };
}

function peering(stack: TerraformStack, caller: Network, target: Network, options: CrossStackOptions) {
  const third = new Vpc(stack, 'third-vpc', { cidrBlock: '10.3.0.0/16' });
  return new VpcPeeringConnection(stack, 'peering', {
    vpcId: options.peeringJoins === 'target-and-third' ? third.id : caller.vpc.id,
    peerVpcId: target.vpc.id,
    autoAccept: true,
  });
}

function attachBoth(
  stack: TerraformStack,
  caller: Network,
  target: Network,
  targetZones: number | undefined,
): Ec2TransitGateway {
  const gateway = new Ec2TransitGateway(stack, 'transit-gateway', { description: 'caller and target VPCs' });
  for (const [name, network] of [
    ['caller', caller],
    ['target', target],
  ] as const) {
    new Ec2TransitGatewayVpcAttachment(stack, `${name}-attachment`, {
      transitGatewayId: gateway.id,
      vpcId: network.vpc.id,
      subnetIds: network.subnets.slice(0, network === target ? targetZones : undefined).map((s) => s.subnet.id),
    });
  }
  return gateway;
}

function privateZone(
  stack: TerraformStack,
  endpoint: InterfaceEndpoint,
  caller: Network,
  target: Network,
  association: NonNullable<CrossStackOptions['zoneAssociation']>,
): void {
  const zone = new Route53Zone(stack, 'lambda-zone', {
    name: endpoint.privateDnsName,
    vpc: [{ vpcId: association === 'caller' ? caller.vpc.id : target.vpc.id }],
  });
  if (association === 'caller-by-association')
    new Route53ZoneAssociation(stack, 'lambda-zone-caller', { zoneId: zone.zoneId, vpcId: caller.vpc.id });
  new Route53Record(stack, 'lambda-alias', {
    zoneId: zone.zoneId,
    name: endpoint.privateDnsName,
    type: 'A',
    alias: {
      name: Fn.lookup(Fn.element(endpoint.endpoint.dnsEntry, 0), 'dns_name'),
      zoneId: Fn.lookup(Fn.element(endpoint.endpoint.dnsEntry, 0), 'hosted_zone_id'),
      evaluateTargetHealth: false,
    },
  });
}
