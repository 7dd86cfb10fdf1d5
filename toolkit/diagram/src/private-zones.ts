// Private hosted zones: a zone for lambda.<region>.amazonaws.com that lets callers outside an interface endpoint's VPC
// resolve the service to it (docs/remote-callers.md). Drawn in the VPC it is associated with, with its alias record's
// target: the endpoint's interfaces when the stack holds the endpoint, else the stack that does.
import { asList, StackResource } from '@lambda-vpc/stack-model';
import { ModelBuilder } from './builder';

/** The stack a cdktf cross-stack reference reads (`...cross-stack-reference-input-<stack>.outputs`). */
const REMOTE_STACK = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([^.]+)\.outputs\./;

/** Every private hosted zone (one with `vpc` blocks) and the endpoint its alias records answer with. */
export function addPrivateZones(builder: ModelBuilder): void {
  const { doc } = builder;
  for (const zone of doc.resources('aws_route53_zone')) {
    const vpcs = (asList(zone.body.vpc) as Record<string, unknown>[])
      .map((block) => doc.resolve(block.vpc_id))
      .filter((vpc): vpc is StackResource => vpc?.type === 'aws_vpc');
    if (vpcs.length === 0) continue;
    const aliases = doc
      .resources('aws_route53_record')
      .filter((record) => doc.resolve(record.body.zone_id) === zone)
      .flatMap((record) => asList(record.body.alias) as Record<string, unknown>[]);
    const outside = aliases.map((alias) => REMOTE_STACK.exec(String(alias.name))?.[1]).find(Boolean);
    builder.node({
      id: zone.address,
      kind: 'private-hosted-zone',
      label: `private hosted zone\n${String(zone.body.name)}` + (outside ? `\nalias: endpoint of ${outside}` : ''),
      address: zone.address,
      parent: vpcs[0].address,
    });
    for (const alias of aliases) {
      const target = doc.resolve(alias.name);
      if (target?.type !== 'aws_vpc_endpoint') continue;
      for (const eni of builder.enis.filter((candidate) => candidate.owner === target.address))
        builder.edge(zone.address, eni.node, 'attach', 'DNS alias');
    }
  }
}
