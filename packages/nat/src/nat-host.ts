// What both EC2 NAT strategies build the same way: the security group, the SSM-only role and instance profile, the
// AMI, and the forwarding part of the user data.
import { Construct } from 'constructs';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { awsManagedPolicyArn, Connections, INetwork, Peer, PolicyDocument, Port } from '@lambda-vpc/network';

/** The NAT instance's root volume: the size of the Amazon Linux 2023 AMI's snapshot. */
export const NAT_INSTANCE_ROOT_VOLUME_GIB = 8;

/** SSM public parameter that always names the newest Amazon Linux 2023 arm64 AMI of the region. */
export const AL2023_ARM64_AMI_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';

/**
 * What is wrong with a NAT instance type, or undefined when it is an arm64 (Graviton) type: the AMI is arm64, so an
 * x86 type would not boot it. A Graviton family has a `g` after its generation digit (`t4g`, `c7gn`, `m6gd`).
 */
export function natInstanceTypeProblem(instanceType: unknown): string | undefined {
  return typeof instanceType === 'string' && /^[a-z][a-z0-9-]*\d[a-z0-9-]*g[a-z0-9-]*\.[a-z0-9]+$/.test(instanceType)
    ? undefined
    : 'must be an arm64 (Graviton) instance type, e.g. t4g.nano';
}

/** The NAT security group: TCP `ports` from the private subnets, and out to the internet. */
export function natSecurityGroup(
  scope: Construct,
  network: INetwork,
  name: string,
  ports: readonly number[],
): { securityGroup: SecurityGroup; connections: Connections } {
  const securityGroup = new SecurityGroup(scope, 'security-group', {
    name,
    description: `${name}: forwards TCP ${ports.join(', ')} from the private tier to the internet`,
    vpcId: network.vpcId,
    tags: { Name: name },
  });
  // Rules under the Nat construct, named by content: nat_ingress_<private CIDR>_tcp443, nat_egress_internet_tcp443.
  const connections = Connections.ofSecurityGroup(scope, securityGroup.id);
  for (const port of ports.map((number) => Port.tcp(number))) {
    for (const subnet of network.privateSubnets) {
      const cidr = subnet.cidrBlock;
      connections.allowFrom(Peer.ipv4(cidr), port, `${port} from private subnet ${cidr}, to forward`);
    }
    connections.allowTo(Peer.anyIpv4(), port, `${port} to the internet: forwarded traffic, package updates, SSM`);
  }
  return { securityGroup, connections };
}

/** The construct IDs of a NAT role's resources: one set per role in the same scope. */
export interface NatRoleIds {
  readonly role: string;
  readonly ssmCore: string;
  readonly instanceProfile: string;
}

/** A role EC2 assumes, with AmazonSSMManagedInstanceCore (Session Manager, no SSH), and its instance profile. */
export function natRole(
  scope: Construct,
  network: INetwork,
  name: string,
  ids: NatRoleIds = { role: 'role', ssmCore: 'ssm-core', instanceProfile: 'instance-profile' },
): { role: IamRole; profile: IamInstanceProfile } {
  const role = new IamRole(scope, ids.role, {
    name,
    description: `${name}: SSM Session Manager access, no SSH`,
    assumeRolePolicy: PolicyDocument.serviceTrust({ owner: name, service: 'ec2.amazonaws.com' }).toJson(),
  });
  new IamRolePolicyAttachment(scope, ids.ssmCore, {
    role: role.name,
    policyArn: awsManagedPolicyArn(network.environment, 'AmazonSSMManagedInstanceCore'),
  });
  const profile = new IamInstanceProfile(scope, ids.instanceProfile, { name, role: role.name });
  return { role, profile };
}

/** The AMI ID: the fixed one, checked, or the newest Amazon Linux 2023 arm64 read from SSM at plan time. */
export function natAmiId(scope: Construct, network: INetwork, amiId: string | undefined, what: string): string {
  if (amiId !== undefined && !/^ami-[0-9a-f]{8,17}$/.test(amiId)) {
    throw new Error(`${network.name}: ${what} amiId "${amiId}" is not an AMI ID (ami- and 8 to 17 hex digits)`);
  }
  return amiId ?? new DataAwsSsmParameter(scope, 'ami', { name: AL2023_ARM64_AMI_PARAMETER }).insecureValue;
}

/** How the instance strategy's user data finds the interface to masquerade out of: the default route's. */
const DEFAULT_ROUTE_INTERFACE = ["iface=$(ip -o route show default | awk '{print $5}' | head -n 1)"];

/**
 * User data: forward and masquerade traffic from the private tier out of one interface. The package install retries
 * until the instance reaches the internet. `interfaceLines` set `$iface` to that interface (by default the one the
 * default route uses); they run after forwarding is on and before the rules are written.
 */
export function natUserData(
  privateCidrs: readonly string[],
  interfaceLines: readonly string[] = DEFAULT_ROUTE_INTERFACE,
): string {
  const masquerade = privateCidrs
    .map((cidr) => `iptables -t nat -A POSTROUTING -o "$iface" -s ${cidr} -j MASQUERADE`)
    .join('\n');
  return [
    '#!/bin/bash',
    'set -euo pipefail',
    'for attempt in $(seq 1 30); do dnf install -y iptables-services && break; sleep 10; done',
    'rpm -q iptables-services', // stop here, visibly, if the install never succeeded
    'echo "net.ipv4.ip_forward = 1" > /etc/sysctl.d/90-nat.conf',
    'sysctl --system',
    ...interfaceLines,
    'iptables -F FORWARD',
    masquerade,
    'service iptables save',
    'systemctl enable --now iptables',
    '',
  ].join('\n');
}
