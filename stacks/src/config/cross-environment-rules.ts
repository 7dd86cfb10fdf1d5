import { Ipv4Cidr } from '@lambda-vpc/network';
import { ConfigProblem } from './config-error';
import { EnvironmentConfig } from './environment-schema';
import { variantsOf } from '../variants/registry';

/** One environment of the repository, valid on its own, with the app folder it came from where known. */
export interface RepositoryEnvironment {
  /** The validated config. */
  readonly config: EnvironmentConfig;
  /** Its folder under apps/, when it came from an app. */
  readonly folder?: string;
}

/** A problem between environments, with the environment it is reported against. */
export interface BlamedProblem extends ConfigProblem {
  /** The environment the problem is reported against. */
  readonly blamed: RepositoryEnvironment;
}

/**
 * Of two environments in conflict, the one a problem is reported against: the one that changed. Gets the
 * earlier and the later (in the order given) and returns one of them.
 */
export type BlameRule = (earlier: RepositoryEnvironment, later: RepositoryEnvironment) => RepositoryEnvironment;

/** Blames the later of the two: the order of the list given (apps in folder order, or the order of a test). */
export const BLAME_LATER: BlameRule = (_earlier, later) => later;

/**
 * Blames the environment in `changed` (folder names, e.g. those with uncommitted edits) when only one of the two
 * is in it; otherwise the later one.
 */
export function blameChanged(changed: ReadonlySet<string>): BlameRule {
  return (earlier, later) => (isIn(changed, earlier) && !isIn(changed, later) ? earlier : later);
}

const isIn = (changed: ReadonlySet<string>, environment: RepositoryEnvironment): boolean =>
  changed.has(environment.folder ?? environment.config.name);

/**
 * The rules that span environments: each app named after its folder, unique names, VPC CIDRs that overlap nowhere
 * in the repository (so any two VPCs can be peered or joined by a Transit Gateway), and on-premises ranges outside
 * every VPC. A problem between two environments is reported once, against the one `blame` picks, naming the other.
 */
export function crossEnvironmentProblems(
  environments: readonly RepositoryEnvironment[],
  blame: BlameRule = BLAME_LATER,
): BlamedProblem[] {
  const problems: BlamedProblem[] = [];
  for (const environment of environments) {
    const { config, folder } = environment;
    if (folder !== undefined && config.name !== folder) {
      problems.push({
        blamed: environment,
        environment: config.name,
        field: 'name',
        value: config.name,
        message:
          `differs from its folder apps/${folder}; an app's name must be its folder's (its stacks, state and ` +
          `workflows are named after both)`,
      });
    }
  }

  const byName = new Map<string, RepositoryEnvironment[]>();
  environments.forEach((environment) =>
    byName.set(environment.config.name, [...(byName.get(environment.config.name) ?? []), environment]),
  );
  for (const [name, sharing] of byName) {
    // An app named after another folder is already reported above, and renaming it ends both problems: one mistake,
    // one line. Only apps that keep their folder's name (or have none) still collide.
    if (sharing.filter(({ config, folder }) => folder === undefined || folder === config.name).length < 2) continue;
    const where = sharing.every((environment) => environment.folder)
      ? ` (apps/${sharing.map((environment) => environment.folder).join(', apps/')})`
      : '';
    problems.push({
      blamed: sharing.reduce((earlier, later) => blame(earlier, later)),
      environment: name,
      field: 'name',
      value: name,
      message:
        `${sharing.length} environments share this name${where}, so their stacks would too; names must be ` + `unique`,
    });
  }

  const vpcs = environments.flatMap((environment) =>
    variantsOf(environment.config).map((variant) => ({
      environment,
      variant,
      cidr: Ipv4Cidr.parse(variant.cidrOf(environment.config)),
    })),
  );
  vpcs.forEach((a, i) =>
    vpcs.slice(i + 1).forEach((b) => {
      if (!a.cidr.overlaps(b.cidr)) return;
      const [blamed, other] =
        a.environment !== b.environment && blame(a.environment, b.environment) === a.environment ? [a, b] : [b, a];
      problems.push({
        blamed: blamed.environment,
        environment: blamed.environment.config.name,
        field: `variants.${blamed.variant.configKey}.cidr`,
        value: blamed.cidr.toString(),
        message:
          `overlaps ${other.environment.config.name}-${other.variant.name} (${other.cidr}); every VPC in the ` +
          `repository needs its own range`,
      });
    }),
  );

  // On-premises, peer and remote caller networks are routed to the VPC; a range inside any VPC would be unreachable.
  for (const environment of environments) {
    const privatelink = environment.config.variants.privatelink;
    const externals = [
      ...(privatelink?.onPremisesCidrs ?? []).map((cidr, index) => ({
        cidr,
        field: `onPremisesCidrs.${index}`,
        what: 'an on-premises network',
        own: 'on-premises and peer networks need ranges of their own',
      })),
      ...(privatelink?.remoteCallers ?? []).map((caller, index) => ({
        cidr: caller.cidr,
        field: `remoteCallers.${index}.cidr`,
        what: `remote caller ${caller.name}`,
        own: 'a remote caller VPC needs a range of its own, outside every VPC of the repository',
      })),
    ];
    externals.forEach(({ cidr, field, what, own }) => {
      const external = Ipv4Cidr.parse(cidr);
      const clash = vpcs.find((vpc) => vpc.cidr.overlaps(external));
      if (!clash) return;
      const [earlier, later] =
        environments.indexOf(environment) < environments.indexOf(clash.environment)
          ? [environment, clash.environment]
          : [clash.environment, environment];
      if (clash.environment !== environment && blame(earlier, later) === clash.environment) {
        problems.push({
          blamed: clash.environment,
          environment: clash.environment.config.name,
          field: `variants.${clash.variant.configKey}.cidr`,
          value: clash.cidr.toString(),
          message:
            `overlaps ${cidr}, ${what} of ${environment.config.name}-privatelink; every VPC ` +
            `needs a range of its own`,
        });
        return;
      }
      problems.push({
        blamed: environment,
        environment: environment.config.name,
        field: `variants.privatelink.${field}`,
        value: cidr,
        message: `overlaps the VPC of ${clash.environment.config.name}-${clash.variant.name} (${clash.cidr}); ` + own,
      });
    });
  }
  return problems;
}
