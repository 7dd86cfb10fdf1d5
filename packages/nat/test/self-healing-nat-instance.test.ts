import { NAT_INTERFACE_TAG, NatStrategy } from '@lambda-vpc/nat';
import {
  bodiesOf,
  policyOf,
  referenceTo,
  resourcesOf,
  TerraformBody,
  TerraformJson,
} from '../../../test-support/terraform-json';
import { defaultRoutesOf, subnetIn, synthNat } from './network-fixture';

const TWO_AZS = ['eu-west-1a', 'eu-west-1b'];

/** The one resource of a type whose construct ID ends with `_<az>` (the address has cdktf's hash after it). */
function inAz(json: TerraformJson, type: string, az: string): TerraformBody {
  const found = resourcesOf(json, type).filter(([name]) => name.includes(`_${az}`));
  if (found.length !== 1) throw new Error(`expected one ${type} of ${az}, found ${found.length}`);
  return found[0][1];
}

/** The user data a launch template boots with, decoded. */
const userDataOf = (template: TerraformBody): string => Buffer.from(template.user_data, 'base64').toString('utf8');

describe('NatStrategy.selfHealingInstance: per AZ, a group of one and a static interface', () => {
  const json = synthNat(NatStrategy.selfHealingInstance(), { availabilityZones: TWO_AZS });

  it('makes one auto scaling group per AZ, of exactly one instance in that AZ, replaced on a failed EC2 check', () => {
    expect(bodiesOf(json, 'aws_autoscaling_group')).toHaveLength(2);
    expect(bodiesOf(json, 'aws_instance')).toHaveLength(0);
    for (const az of TWO_AZS) {
      const group = inAz(json, 'aws_autoscaling_group', az);
      expect(group).toMatchObject({ min_size: 1, max_size: 1, desired_capacity: 1, health_check_type: 'EC2' });
      expect(group.vpc_zone_identifier).toEqual([referenceTo(json, 'aws_subnet', subnetIn(json, 'public', az))]);
      expect(group.launch_template).toEqual({
        id: referenceTo(json, 'aws_launch_template', inAz(json, 'aws_launch_template', az)),
        version: '$Latest',
      });
    }
  });

  it('gives each AZ a static interface in its public subnet, source/dest check off, in the NAT security group', () => {
    const [[groupName]] = resourcesOf(json, 'aws_security_group');
    for (const az of TWO_AZS) {
      const eni = inAz(json, 'aws_network_interface', az);
      expect(eni.subnet_id).toBe(referenceTo(json, 'aws_subnet', subnetIn(json, 'public', az)));
      expect(eni.source_dest_check).toBe(false);
      expect(eni.security_groups).toEqual([`\${aws_security_group.${groupName}.id}`]);
    }
  });

  it("associates each AZ's new EIP with its static interface, not with an instance", () => {
    for (const az of TWO_AZS) {
      const association = inAz(json, 'aws_eip_association', az);
      expect(association.allocation_id).toBe(referenceTo(json, 'aws_eip', inAz(json, 'aws_eip', az), 'allocation_id'));
      expect(association.network_interface_id).toBe(
        referenceTo(json, 'aws_network_interface', inAz(json, 'aws_network_interface', az)),
      );
      expect(association).not.toHaveProperty('instance_id');
    }
  });

  it("routes each AZ's private subnet to its own AZ's static interface", () => {
    for (const az of TWO_AZS) {
      const routes = defaultRoutesOf(json, subnetIn(json, 'private', az));
      expect(routes).toHaveLength(1);
      expect(routes[0].network_interface_id).toBe(
        referenceTo(json, 'aws_network_interface', inAz(json, 'aws_network_interface', az)),
      );
    }
  });

  it('launches a hardened instance: AL2023 arm64 from SSM, IMDSv2 only with hop limit 1, encrypted gp3, no key', () => {
    const [[amiAddress, parameter]] = Object.entries(json.data?.aws_ssm_parameter ?? {});
    expect(parameter.name).toBe('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64');
    for (const az of TWO_AZS) {
      const template = inAz(json, 'aws_launch_template', az);
      expect(template.image_id).toBe(`\${data.aws_ssm_parameter.${amiAddress}.insecure_value}`);
      expect(template.instance_type).toBe('t4g.nano');
      expect(template.metadata_options).toEqual({
        http_endpoint: 'enabled',
        http_tokens: 'required',
        http_put_response_hop_limit: 1,
        instance_metadata_tags: 'enabled',
      });
      expect(template.block_device_mappings).toEqual([
        {
          device_name: '/dev/xvda',
          ebs: { encrypted: 'true', volume_type: 'gp3', volume_size: 8, delete_on_termination: 'true' },
        },
      ]);
      expect(template).not.toHaveProperty('key_name');
      expect(template.iam_instance_profile).toEqual({
        arn: referenceTo(json, 'aws_iam_instance_profile', inAz(json, 'aws_iam_instance_profile', az), 'arn'),
      });
    }
  });

  it("tags each instance with its AZ's static interface, which the boot reads from the metadata", () => {
    for (const az of TWO_AZS) {
      const template = inAz(json, 'aws_launch_template', az);
      const instanceTags = template.tag_specifications.find(
        (specification: TerraformBody) => specification.resource_type === 'instance',
      ).tags;
      expect(instanceTags[NAT_INTERFACE_TAG]).toBe(
        referenceTo(json, 'aws_network_interface', inAz(json, 'aws_network_interface', az)),
      );
    }
  });

  it('boots attaching the static interface at device index 1, then forwards and masquerades through it', () => {
    const lines = userDataOf(inAz(json, 'aws_launch_template', 'eu-west-1a')).split('\n');
    const at = (fragment: string): number => lines.findIndex((line) => line.includes(fragment));
    expect(lines[0]).toBe('#!/bin/bash');
    expect(lines).toContain('eni=$(imds tags/instance/lambda-vpc:nat-interface)');
    expect(lines[at('attach-network-interface')]).toContain('--network-interface-id "$eni" --device-index 1');
    // The default route moves to the static interface through a script cloud-init also runs at every later boot.
    expect(lines).toContain(
      'printf \'#!/bin/bash\\nip route replace default via %s dev %s metric 1\\n\' "$gateway" "$iface" ' +
        '> /var/lib/cloud/scripts/per-boot/nat-default-route',
    );
    expect(lines).toContain('/var/lib/cloud/scripts/per-boot/nat-default-route');
    expect(lines.filter((line) => line.includes('MASQUERADE'))).toEqual(
      ['10.10.64.0/20', '10.10.80.0/20'].map(
        (cidr) => `iptables -t nat -A POSTROUTING -o "$iface" -s ${cidr} -j MASQUERADE`,
      ),
    );
    expect(at('attach-network-interface')).toBeLessThan(at('ip route replace default'));
    expect(lines.indexOf('/var/lib/cloud/scripts/per-boot/nat-default-route')).toBeLessThan(at('MASQUERADE'));
    // One text for every AZ: the interface's ID comes from the instance's tag.
    expect(userDataOf(inAz(json, 'aws_launch_template', 'eu-west-1b'))).toBe(lines.join('\n'));
  });

  it('gets a public IP at launch on its primary interface only, in the NAT security group', () => {
    const [[groupName]] = resourcesOf(json, 'aws_security_group');
    expect(inAz(json, 'aws_launch_template', 'eu-west-1a').network_interfaces).toEqual([
      {
        device_index: 0,
        associate_public_ip_address: 'true',
        delete_on_termination: 'true',
        security_groups: [`\${aws_security_group.${groupName}.id}`],
      },
    ]);
  });
});

describe('NatStrategy.selfHealingInstance: the instance role', () => {
  const json = synthNat(NatStrategy.selfHealingInstance(), { availabilityZones: TWO_AZS });

  it('may attach only its AZ interface, to an instance tagged with it, and has SSM core and nothing else', () => {
    for (const az of TWO_AZS) {
      const role = inAz(json, 'aws_iam_role', az);
      const roleName = referenceTo(json, 'aws_iam_role', role, 'name');
      const eniId = referenceTo(json, 'aws_network_interface', inAz(json, 'aws_network_interface', az));
      expect(policyOf(role, 'assume_role_policy').Statement).toEqual([
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]);
      expect(
        bodiesOf(json, 'aws_iam_role_policy_attachment')
          .filter((attachment) => attachment.role === roleName)
          .map((attachment) => attachment.policy_arn),
      ).toEqual(['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore']);
      const inline = bodiesOf(json, 'aws_iam_role_policy').filter((policy) => policy.role === roleName);
      expect(inline).toHaveLength(1);
      expect(policyOf(inline[0]).Statement).toEqual([
        {
          Sid: 'AttachTheStaticInterface',
          Effect: 'Allow',
          Action: 'ec2:AttachNetworkInterface',
          Resource: `arn:aws:ec2:eu-west-1:123456789012:network-interface/${eniId}`,
        },
        {
          Sid: 'ToAnInstanceOfTheGroup',
          Effect: 'Allow',
          Action: 'ec2:AttachNetworkInterface',
          Resource: 'arn:aws:ec2:eu-west-1:123456789012:instance/*',
          Condition: { StringEquals: { 'aws:ResourceTag/lambda-vpc:nat-interface': eniId } },
        },
      ]);
    }
  });
});

describe('NatStrategy.selfHealingInstance options', () => {
  it('takes brought EIPs, one per AZ in AZ order, and allocates none', () => {
    const ids = ['eipalloc-0123456789abcdef0', 'eipalloc-0123456789abcdef1'];
    const json = synthNat(NatStrategy.selfHealingInstance({ eipAllocationIds: ids }), { availabilityZones: TWO_AZS });
    expect(bodiesOf(json, 'aws_eip')).toHaveLength(0);
    expect(TWO_AZS.map((az) => inAz(json, 'aws_eip_association', az).allocation_id)).toEqual(ids);
  });

  it('refuses a count of EIPs other than one per AZ, naming the strategy', () => {
    expect(() =>
      synthNat(NatStrategy.selfHealingInstance({ eipAllocationIds: ['eipalloc-1a2b3c4d'] }), {
        availabilityZones: TWO_AZS,
      }),
    ).toThrow(
      new Error(
        'dev-nat: eipAllocationIds = ["eipalloc-1a2b3c4d"]: 1 EIP allocation ID(s) provided, 2 NAT(s) of strategy ' +
          'self-healing-instance need them; allowed: exactly 2, or none to allocate new EIPs',
      ),
    );
  });

  it('uses a fixed AMI and instance type literally, with no SSM lookup', () => {
    const json = synthNat(
      NatStrategy.selfHealingInstance({ amiId: 'ami-0123456789abcdef0', instanceType: 'c7gn.medium', tcpPorts: [443] }),
      { availabilityZones: TWO_AZS },
    );
    expect(json.data?.aws_ssm_parameter).toBeUndefined();
    expect(bodiesOf(json, 'aws_launch_template').map((t) => [t.image_id, t.instance_type])).toEqual([
      ['ami-0123456789abcdef0', 'c7gn.medium'],
      ['ami-0123456789abcdef0', 'c7gn.medium'],
    ]);
    expect(bodiesOf(json, 'aws_vpc_security_group_egress_rule').map((rule) => rule.from_port)).toEqual([443]);
  });

  it('refuses an x86 instance type and a malformed AMI, one line each', () => {
    expect(() => NatStrategy.selfHealingInstance({ instanceType: 't3.nano' })).toThrow(
      new Error(
        'self-healing NAT instance instanceType = "t3.nano": must be an arm64 (Graviton) instance type, e.g. t4g.nano',
      ),
    );
    expect(() => synthNat(NatStrategy.selfHealingInstance({ amiId: 'ubuntu' }))).toThrow(
      new Error('dev-nat: self-healing NAT instance amiId "ubuntu" is not an AMI ID (ami- and 8 to 17 hex digits)'),
    );
  });
});
