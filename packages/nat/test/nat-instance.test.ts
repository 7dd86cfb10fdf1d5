import { AL2023_ARM64_AMI_PARAMETER, NatStrategy, natInstanceTypeProblem } from '@lambda-vpc/nat';
import {
  bodiesOf,
  onlyResource,
  policyOf,
  referenceTo,
  TerraformBody,
  TerraformJson,
} from '../../../test-support/terraform-json';
import { AZS, defaultRoutesOf, subnetIn, subnetsOf, synthNat } from './network-fixture';

const PRIVATE_CIDRS = ['10.10.64.0/20', '10.10.80.0/20', '10.10.96.0/20'];

/** The rules of the security group attached to the instance. */
function rulesOf(json: TerraformJson, type: string): TerraformBody[] {
  const group = onlyResource(json, 'aws_security_group');
  return bodiesOf(json, type).filter(
    (rule) => rule.security_group_id === referenceTo(json, 'aws_security_group', group),
  );
}

describe('NatStrategy.instance', () => {
  const json = synthNat(NatStrategy.instance());
  const instance = onlyResource(json, 'aws_instance');

  it(
    'runs one hardened instance that may forward traffic: no source/dest check, IMDSv2 only, encrypted root, no SSH ' +
      'key, no public IP of its own',
    () => {
      expect(bodiesOf(json, 'aws_instance')).toHaveLength(1);
      expect(bodiesOf(json, 'aws_nat_gateway')).toHaveLength(0);
      expect(instance.source_dest_check).toBe(false);
      expect(instance.metadata_options.http_tokens).toBe('required');
      expect(instance.root_block_device.encrypted).toBe(true);
      expect(instance.root_block_device).toMatchObject({ volume_type: 'gp3', volume_size: 8 });
      expect(instance).not.toHaveProperty('key_name');
      // Unset, not false: with the EIP associated the provider reads it back as true, and false would replace the NAT.
      expect(instance).not.toHaveProperty('associate_public_ip_address');
      expect(subnetIn(json, 'public', 'eu-west-1a').map_public_ip_on_launch).toBe(false);
    },
  );

  it('defaults to a t4g.nano in the public subnet of the first AZ', () => {
    expect(instance.instance_type).toBe('t4g.nano');
    expect(instance.subnet_id).toBe(referenceTo(json, 'aws_subnet', subnetIn(json, 'public', 'eu-west-1a')));
  });

  it(
    'is reachable through SSM only: its instance profile role is assumed by EC2 and has ' +
      'AmazonSSMManagedInstanceCore',
    () => {
      const profile = onlyResource(json, 'aws_iam_instance_profile');
      expect(instance.iam_instance_profile).toBe(referenceTo(json, 'aws_iam_instance_profile', profile, 'name'));
      const role = onlyResource(json, 'aws_iam_role');
      expect(profile.role).toBe(referenceTo(json, 'aws_iam_role', role, 'name'));
      expect(policyOf(role, 'assume_role_policy').Statement).toEqual([
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]);
      const attachments = bodiesOf(json, 'aws_iam_role_policy_attachment').filter(
        (attachment) => attachment.role === referenceTo(json, 'aws_iam_role', role, 'name'),
      );
      expect(attachments.map((attachment) => attachment.policy_arn)).toEqual([
        'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
      ]);
    },
  );

  it('reads the newest Amazon Linux 2023 arm64 AMI from SSM and ignores later releases', () => {
    expect(AL2023_ARM64_AMI_PARAMETER).toBe('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64');
    const parameters = Object.entries(json.data?.aws_ssm_parameter ?? {});
    expect(parameters).toHaveLength(1);
    const [address, parameter] = parameters[0];
    expect(parameter.name).toBe('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64');
    expect(instance.ami).toBe(`\${data.aws_ssm_parameter.${address}.insecure_value}`);
    expect(instance.lifecycle.ignore_changes).toContain('ami');
  });

  it("enables IP forwarding and masquerades exactly the private subnets' CIDRs in its user data", () => {
    expect(
      subnetsOf(json, 'private')
        .map((subnet) => subnet.cidr_block)
        .sort(),
    ).toEqual(PRIVATE_CIDRS);
    const userData: string = instance.user_data;
    expect(userData.startsWith('#!/bin/bash\n')).toBe(true);
    expect(userData).toContain('net.ipv4.ip_forward = 1');
    const masquerade = userData.split('\n').filter((line) => line.includes('MASQUERADE'));
    expect(masquerade).toEqual(
      PRIVATE_CIDRS.map((cidr) => `iptables -t nat -A POSTROUTING -o "$iface" -s ${cidr} -j MASQUERADE`),
    );
  });

  it('gets a new EIP through an EIP association', () => {
    const eip = onlyResource(json, 'aws_eip');
    expect(eip.domain).toBe('vpc');
    const association = onlyResource(json, 'aws_eip_association');
    expect(association.allocation_id).toBe(referenceTo(json, 'aws_eip', eip, 'allocation_id'));
    expect(association.instance_id).toBe(referenceTo(json, 'aws_instance', instance));
  });

  it("routes every private subnet to the instance's primary network interface", () => {
    for (const az of AZS) {
      const routes = defaultRoutesOf(json, subnetIn(json, 'private', az));
      expect(routes).toHaveLength(1);
      expect(routes[0].network_interface_id).toBe(
        referenceTo(json, 'aws_instance', instance, 'primary_network_interface_id'),
      );
      expect(routes[0].nat_gateway_id).toBeUndefined();
    }
  });

  it('admits TCP 80 and 443 from the private subnets only, never from the internet, never SSH', () => {
    expect(instance.vpc_security_group_ids).toEqual([
      referenceTo(json, 'aws_security_group', onlyResource(json, 'aws_security_group')),
    ]);
    expect(onlyResource(json, 'aws_security_group')).not.toHaveProperty('ingress');
    expect(bodiesOf(json, 'aws_security_group_rule')).toHaveLength(0);
    const ingress = rulesOf(json, 'aws_vpc_security_group_ingress_rule');
    expect(ingress).toHaveLength(bodiesOf(json, 'aws_vpc_security_group_ingress_rule').length);
    const admitted = ingress.map(
      (rule) => `${rule.ip_protocol} ${rule.from_port}-${rule.to_port} from ${rule.cidr_ipv4}`,
    );
    expect(admitted.sort()).toEqual(
      [80, 443].flatMap((port) => PRIVATE_CIDRS.map((cidr) => `tcp ${port}-${port} from ${cidr}`)).sort(),
    );
    for (const rule of ingress) {
      expect(rule.cidr_ipv4).not.toBe('0.0.0.0/0');
      expect(rule).not.toHaveProperty('cidr_ipv6');
      expect(rule.from_port <= 22 && 22 <= rule.to_port).toBe(false);
    }
  });

  it('sends only TCP 80 and 443 out, and describes every rule', () => {
    const egress = rulesOf(json, 'aws_vpc_security_group_egress_rule');
    expect(
      egress.map((rule) => `${rule.ip_protocol} ${rule.from_port}-${rule.to_port} to ${rule.cidr_ipv4}`).sort(),
    ).toEqual(['tcp 443-443 to 0.0.0.0/0', 'tcp 80-80 to 0.0.0.0/0']);
    const rules = [...rulesOf(json, 'aws_vpc_security_group_ingress_rule'), ...egress];
    expect(rules).toHaveLength(8);
    for (const rule of rules) {
      expect(typeof rule.description).toBe('string');
      expect(rule.description.trim()).not.toBe('');
    }
  });
});

describe('NatStrategy.instance options', () => {
  it('uses a fixed AMI literally: no SSM lookup and no ignore_changes', () => {
    const json = synthNat(NatStrategy.instance({ amiId: 'ami-0123456789abcdef0' }));
    const instance = onlyResource(json, 'aws_instance');
    expect(instance.ami).toBe('ami-0123456789abcdef0');
    expect(json.data?.aws_ssm_parameter).toBeUndefined();
    expect(instance.lifecycle?.ignore_changes).toBeUndefined();
  });

  it('takes the instance type, AZ and forwarded ports it is given', () => {
    const json = synthNat(
      NatStrategy.instance({ instanceType: 't4g.micro', availabilityZone: 'eu-west-1b', tcpPorts: [443] }),
    );
    const instance = onlyResource(json, 'aws_instance');
    expect(instance.instance_type).toBe('t4g.micro');
    expect(instance.subnet_id).toBe(referenceTo(json, 'aws_subnet', subnetIn(json, 'public', 'eu-west-1b')));
    expect(
      bodiesOf(json, 'aws_vpc_security_group_ingress_rule')
        .map((rule) => [rule.from_port, rule.to_port, rule.cidr_ipv4])
        .sort(),
    ).toEqual(PRIVATE_CIDRS.map((cidr) => [443, 443, cidr]).sort());
    expect(bodiesOf(json, 'aws_vpc_security_group_egress_rule').map((rule) => rule.from_port)).toEqual([443]);
  });

  it('associates a brought EIP allocation ID and allocates none', () => {
    const json = synthNat(NatStrategy.instance({ eipAllocationIds: ['eipalloc-0123456789abcdef0'] }));
    expect(bodiesOf(json, 'aws_eip')).toHaveLength(0);
    expect(onlyResource(json, 'aws_eip_association').allocation_id).toBe('eipalloc-0123456789abcdef0');
  });

  it('refuses more than one brought EIP, and a malformed one', () => {
    expect(() =>
      synthNat(NatStrategy.instance({ eipAllocationIds: ['eipalloc-1a2b3c4d', 'eipalloc-5e6f7a8b'] })),
    ).toThrow(': 2 EIP allocation ID(s) provided, 1 NAT(s) of strategy instance need them; allowed: exactly 1');
    expect(() => synthNat(NatStrategy.instance({ eipAllocationIds: ['eipalloc-xyz'] }))).toThrow(
      'dev-nat: eipAllocationIds.0 = "eipalloc-xyz": is not an EIP allocation ID',
    );
  });

  it('refuses an AZ the network does not span, naming it and the choices', () => {
    expect(() => synthNat(NatStrategy.instance({ availabilityZone: 'eu-west-1z' }))).toThrow(
      'dev-nat: the NAT instance\'s AZ "eu-west-1z" has no public subnet; choose one of eu-west-1a, eu-west-1b, ' +
        'eu-west-1c',
    );
  });
});

describe('natInstanceTypeProblem: an arm64 (Graviton) type, to match the AMI', () => {
  it.each(['t4g.nano', 'c7gn.large', 'm6gd.xlarge', 'c8g.medium'])('accepts %s', (type) => {
    expect(natInstanceTypeProblem(type)).toBeUndefined();
  });

  it.each(['t3.nano', 'm5.large', 'c7i.large', 'nano', 'T4G.NANO'])('refuses %s', (type) => {
    expect(natInstanceTypeProblem(type)).toBe('must be an arm64 (Graviton) instance type, e.g. t4g.nano');
  });

  it('is what the strategy refuses, naming the value', () => {
    expect(() => NatStrategy.instance({ instanceType: 't3.nano' })).toThrow(
      new Error('NAT instance instanceType = "t3.nano": must be an arm64 (Graviton) instance type, e.g. t4g.nano'),
    );
  });
});
