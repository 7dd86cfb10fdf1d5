import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { EndpointPrivateZone, InterfaceEndpoint } from '@lambda-vpc/endpoints';
import { INetwork, NetworkJoin, NetworkRoutesToPeer, Peer, PolicyStatement, SubnetType } from '@lambda-vpc/network';
import { cidrBlock, principalArn } from '../../config/schema-parts';

/** One caller VPC outside the environment, joined to the privatelink VPC, under `remoteCallers`. */
const remoteCallerSchema = z
  .object({
    /**
     * Names the caller in rule IDs, routes and the policy statement: lower-case words joined by single dashes, each
     * starting with a letter, so the statement ID (`RemoteCallerOrdersEu`, the dashes dropped and each word
     * capitalized) is letters and digits only and distinct for distinct names.
     */
    name: z
      .string()
      .regex(
        /^(?=.{1,31}$)[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*$/,
        'must be lower-case words of letters and digits joined by single dashes, each starting with a letter, e.g. ' +
          '"orders" or "orders-eu" (at most 31 characters)',
      ),
    /** The caller VPC's CIDR: admitted on 443 by the endpoint and routed back through the join. */
    cidr: cidrBlock,
    /** The caller VPC's ID: the peer of a peering, and the VPC the private hosted zone answers in. */
    vpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/, 'must be a VPC ID, e.g. vpc-0a1b2c3d4e5f67890'),
    /**
     * The caller's account, when it is not the environment's: the peering then waits for that account to accept it,
     * and that account creates the hosted zone itself (docs/remote-callers.md).
     */
    accountId: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account ID')
      .optional(),
    /** Who in the caller VPC may invoke the stack's functions through the endpoint: role ARNs or an account ID. */
    principals: z.array(principalArn).min(1, 'must name at least one principal (a role ARN or an account ID)'),
    /** How the caller VPC is joined: a peering requested by this stack, or a Transit Gateway both attach to. */
    join: z.discriminatedUnion(
      'type',
      [
        z.object({ type: z.literal('peering') }).strict(),
        z
          .object({
            type: z.literal('transit-gateway'),
            transitGatewayId: z
              .string()
              .regex(/^tgw-[0-9a-f]{8,17}$/, 'must be a Transit Gateway ID, e.g. tgw-0a1b2c3d4e5f67890'),
          })
          .strict(),
      ],
      { error: () => 'must be { type: "peering" } or { type: "transit-gateway", transitGatewayId }' },
    ),
  })
  .strict();

/** Callers in other VPCs or accounts; off (empty) by default. */
export const remoteCallersSchema = z
  .array(remoteCallerSchema)
  .default([])
  .superRefine((callers, ctx) => {
    callers.forEach((caller, index) => {
      if (callers.findIndex((other) => other.name === caller.name) !== index) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: 'is used by another remote caller; names must be unique',
        });
      }
    });
  });

/** A remote caller's validated settings. */
export type RemoteCaller = z.output<typeof remoteCallerSchema>;

/** What {@link addRemoteCallers} adds the callers to. */
export interface RemoteCallersTarget {
  /** The privatelink VPC. */
  readonly network: INetwork;
  /** Its Lambda interface endpoint. */
  readonly endpoint: InterfaceEndpoint;
  /** What the callers may invoke: the stack's functions, as an ARN pattern. */
  readonly functionArns: string;
  /** Resource name prefix, `<env>-privatelink`. */
  readonly prefix: string;
}

/**
 * Each remote caller: the join (a peering this stack requests, or this VPC's Transit Gateway attachment) and routes
 * from the isolated tier to the caller's CIDR, the endpoint admitting that CIDR on 443, a policy statement naming its
 * principals, and for callers in this account one private hosted zone for the Lambda API's name associated with their
 * VPCs. Nothing is added without callers.
 */
export function addRemoteCallers(
  scope: Construct,
  target: RemoteCallersTarget,
  callers: readonly RemoteCaller[],
): void {
  const { network, endpoint } = target;
  for (const caller of callers) {
    const elsewhere = caller.accountId !== undefined && caller.accountId !== network.environment.accountId;
    new NetworkRoutesToPeer(scope, `remote-caller-${caller.name}`, {
      network,
      join:
        caller.join.type === 'peering'
          ? NetworkJoin.peering({ peerVpcId: caller.vpcId, peerAccountId: elsewhere ? caller.accountId : undefined })
          : NetworkJoin.transitGateway({ transitGatewayId: caller.join.transitGatewayId }),
      peerCidr: caller.cidr,
      subnetTypes: [SubnetType.PRIVATE_ISOLATED],
    });
    endpoint.admitRemoteCaller({
      source: Peer.ipv4(caller.cidr, `remote-${caller.name}`),
      description: `HTTPS from remote caller ${caller.name} (${caller.cidr})`,
      statements: [
        new PolicyStatement({
          sid: `RemoteCaller${caller.name.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase())}`,
          principals: caller.principals,
          actions: ['lambda:InvokeFunction'],
          resources: [target.functionArns],
        }),
      ],
    });
  }

  // One zone for every caller VPC of this account; another account makes its own (the zone's name is the same).
  const [first, ...others] = callers.filter(
    (caller) => caller.accountId === undefined || caller.accountId === network.environment.accountId,
  );
  if (first === undefined) return;
  const zone = new EndpointPrivateZone(scope, 'remote-callers-zone', {
    name: `${target.prefix}-remote-callers`,
    endpoint,
    vpc: { vpcId: first.vpcId },
  });
  for (const caller of others) zone.associateVpc(caller.name, { vpcId: caller.vpcId });
  new TerraformOutput(scope, 'remote_callers_zone_id', {
    value: zone.zoneId,
    description: `The private hosted zone for ${endpoint.privateDnsName} in the remote callers' VPCs`,
  });
}
