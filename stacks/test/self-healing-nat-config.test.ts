import { bodiesOf, referenceTo, resourcesOf } from '../../test-support/terraform-json';
import { environmentValues, synthToTemp, variantsAt } from './fixtures';

// An environment whose nat-egress variant names the self-healing strategy, synthesized the way the apps do (the
// guardrails run over it: a synth that breaks a rule throws).
const { stacks } = synthToTemp([
  environmentValues({ name: 'heal', variants: variantsAt(69, 'self-healing-instance') }),
]);
const json = stacks['heal-nat-egress'];

describe('variants.natEgress.nat.strategy = self-healing-instance', () => {
  it('builds an auto scaling group of one and a static interface in each AZ', () => {
    expect(
      bodiesOf(json, 'aws_autoscaling_group').map((group) => [group.name, group.min_size, group.max_size]),
    ).toEqual([
      ['heal-nat-egress-nat-eu-west-1a', 1, 1],
      ['heal-nat-egress-nat-eu-west-1b', 1, 1],
    ]);
    expect(bodiesOf(json, 'aws_network_interface').map((eni) => eni.source_dest_check)).toEqual([false, false]);
    expect(bodiesOf(json, 'aws_instance')).toHaveLength(0);
    expect(bodiesOf(json, 'aws_nat_gateway')).toHaveLength(0);
  });

  it("routes each AZ's private tier to its own AZ's static interface", () => {
    const interfaces = Object.fromEntries(
      resourcesOf(json, 'aws_network_interface').map(([, eni]) => [
        (eni.tags.Name as string).slice(-10),
        referenceTo(json, 'aws_network_interface', eni),
      ]),
    );
    const natRoutes = resourcesOf(json, 'aws_route').filter(([, route]) => route.network_interface_id !== undefined);
    expect(natRoutes.map(([name, route]) => [name, route.network_interface_id])).toEqual([
      ['nat_default-route_eu-west-1a', interfaces['eu-west-1a']],
      ['nat_default-route_eu-west-1b', interfaces['eu-west-1b']],
    ]);
  });

  it('gives every new resource a readable address: the construct path, the AZ last', () => {
    const types = [
      'aws_autoscaling_group',
      'aws_launch_template',
      'aws_network_interface',
      'aws_eip_association',
      'aws_iam_role_policy',
    ];
    const addresses = types.flatMap((type) => resourcesOf(json, type).map(([name]) => `${type}.${name}`));
    expect(addresses.filter((address) => address.includes('.nat_'))).toEqual([
      'aws_autoscaling_group.nat_autoscaling-group_eu-west-1a',
      'aws_autoscaling_group.nat_autoscaling-group_eu-west-1b',
      'aws_launch_template.nat_launch-template_eu-west-1a',
      'aws_launch_template.nat_launch-template_eu-west-1b',
      'aws_network_interface.nat_network-interface_eu-west-1a',
      'aws_network_interface.nat_network-interface_eu-west-1b',
      'aws_eip_association.nat_eip-association_eu-west-1a',
      'aws_eip_association.nat_eip-association_eu-west-1b',
      'aws_iam_role_policy.nat_attach-interface_eu-west-1a',
      'aws_iam_role_policy.nat_attach-interface_eu-west-1b',
    ]);
  });

  it("gives every AZ's launch template the config's instance type", () => {
    const { stacks: micro } = synthToTemp([
      environmentValues({
        name: 'heal2',
        variants: {
          ...variantsAt(72),
          natEgress: { cidr: '10.73.0.0/16', nat: { strategy: 'self-healing-instance', instanceType: 't4g.micro' } },
        },
      }),
    ]);
    const templates = bodiesOf(micro['heal2-nat-egress'], 'aws_launch_template');
    expect(templates.map((template) => template.instance_type)).toEqual(['t4g.micro', 't4g.micro']);
  });
});
