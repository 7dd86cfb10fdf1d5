import { Ipv4Cidr } from '@lambda-vpc/network';
import { ConfigError, ConfigProblem, valueAt } from './config-error';
import { EnvironmentConfig, environmentSchema, EnvironmentValues } from './environment-schema';
import { VARIANTS } from './variant';

/**
 * Validates every environment's values, then the rules that span environments: unique names and VPC CIDRs
 * that overlap nowhere in the repository (so any two VPCs can be peered or joined by a Transit Gateway).
 * Throws one {@link ConfigError} listing every problem.
 */
export function loadEnvironments(values: readonly EnvironmentValues[]): EnvironmentConfig[] {
  const problems: ConfigProblem[] = [];
  const configs: EnvironmentConfig[] = [];
  values.forEach((raw, index) => {
    const label = typeof raw?.name === 'string' && raw.name ? raw.name : `#${index + 1}`;
    const result = environmentSchema.safeParse(raw);
    if (result.success) {
      configs.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        // One line per unknown key, naming the key itself: usually a typo of a real field.
        for (const key of issue.keys) {
          const path = [...issue.path, key];
          const natWithoutPublicTier = key === 'nat' && issue.path[0] === 'variants' && issue.path[1] !== 'natEgress';
          const message = natWithoutPublicTier
            ? 'a NAT strategy needs a public subnet tier, and this variant has none by design (no route to the internet); NAT belongs under variants.natEgress'
            : 'unknown field; see EnvironmentValues for the fields allowed here';
          problems.push({ environment: label, field: path.join('.'), value: valueAt(raw, path), message });
        }
      } else if (issue.code === 'invalid_key') {
        // A record key (a tag key) was refused: report the key, with the key schema's own message.
        const key = issue.path[issue.path.length - 1];
        problems.push({ environment: label, field: issue.path.join('.'), value: key, message: issue.issues.map((inner) => inner.message).join('; ') });
      } else {
        problems.push({ environment: label, field: issue.path.join('.'), value: valueAt(raw, issue.path), message: issue.message });
      }
    }
  });

  const byName = new Map<string, number>();
  configs.forEach((config) => byName.set(config.name, (byName.get(config.name) ?? 0) + 1));
  for (const [name, count] of byName) {
    if (count > 1) {
      problems.push({ environment: name, field: 'name', value: name, message: `${count} environments share this name, so their stacks would too; names must be unique` });
    }
  }

  const vpcs = configs.flatMap((config) =>
    VARIANTS.map((variant) => ({ config, variant, cidr: Ipv4Cidr.parse(variant.cidrOf(config)) })),
  );
  vpcs.forEach((a, i) => vpcs.slice(i + 1).forEach((b) => {
    if (a.cidr.overlaps(b.cidr)) {
      problems.push({
        environment: b.config.name,
        field: `variants.${b.variant.configKey}.cidr`,
        value: b.cidr.toString(),
        message: `overlaps ${a.config.name}-${a.variant.name} (${a.cidr}); every VPC in the repository needs its own range`,
      });
    }
  }));

  // On-premises and peer networks are routed to the VPC; a range inside any VPC would be unreachable.
  configs.forEach((config) => config.variants.privatelink.onPremisesCidrs.forEach((cidr, index) => {
    const external = Ipv4Cidr.parse(cidr);
    const clash = vpcs.find((vpc) => vpc.cidr.overlaps(external));
    if (clash) {
      problems.push({
        environment: config.name,
        field: `variants.privatelink.onPremisesCidrs.${index}`,
        value: cidr,
        message: `overlaps the VPC of ${clash.config.name}-${clash.variant.name} (${clash.cidr}); on-premises and peer networks need ranges of their own`,
      });
    }
  }));

  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return configs;
}
