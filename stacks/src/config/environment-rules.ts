import { z } from 'zod';
import { Ipv4Cidr, planSubnets, subnetPrefixLengthProblem } from '@lambda-vpc/network';
import { VARIANTS } from '../variants/registry';
import { availabilityZoneProblem } from './availability-zones';
import type { EnvironmentConfig } from './environment-schema';

/** A field of a value that may not have parsed: what the rules below may read without trusting the schema. */
type Unchecked<T> = { readonly [K in keyof T]?: unknown };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The rules that span fields of one environment: AZ names of its region, the subnet plan of each VPC, and the
 * rules each variant module states over its own settings (the resolver's and the NAT's needs). They run even when
 * other fields are wrong (so every problem is reported in one pass) and skip any rule whose inputs are themselves
 * wrong, since those are reported by their own fields.
 */
export function checkEnvironmentRules(env: Unchecked<EnvironmentConfig>, ctx: z.RefinementCtx): void {
  const zones = Array.isArray(env.availabilityZones) ? env.availabilityZones : undefined;
  // An empty or unreadable list is one problem (reported by the field itself), not one per rule that needs AZs.
  if (!zones || zones.length === 0) return;
  const seen = new Set<unknown>();
  zones.forEach((az, index) => {
    const problem =
      typeof az === 'string' && typeof env.region === 'string' ? availabilityZoneProblem(env.region, az) : undefined;
    if (problem) ctx.addIssue({ code: 'custom', path: ['availabilityZones', index], message: problem });
    if (seen.has(az)) ctx.addIssue({ code: 'custom', path: ['availabilityZones', index], message: 'is listed twice' });
    seen.add(az);
  });
  const variants = isObject(env.variants) ? env.variants : {};
  if (env.name === 'prod' && zones.length < 2) {
    ctx.addIssue({
      code: 'custom',
      path: ['availabilityZones'],
      message: 'prod needs at least 2 AZs so a function survives the loss of one',
    });
  } else if (zones.length < 2) {
    // The guardrail LVB-FN-1 refuses a VPC-attached function in one AZ: said here, it is a config error naming the
    // field rather than a guardrail error after the whole synth.
    const placing = VARIANTS.filter((variant) => placesFunctions(variants[variant.configKey]));
    if (placing.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['availabilityZones'],
        message:
          `a function attached to a VPC needs subnets in 2 or more AZs (guardrail LVB-FN-1), and ` +
          `${placing.map((variant) => `variants.${variant.configKey}`).join(', ')} place(s) one; allowed: 2 or more ` +
          'AZs, or demoFunctions: false and no functions in every variant',
      });
    }
  }
  if (seen.size === zones.length && zones.every((az) => typeof az === 'string')) {
    checkSubnetPlans(env as EnvironmentConfig, zones as string[], ctx);
  }
  // Each variant's own rules over its settings and the environment's AZs, each counted once: an AZ listed twice is
  // its own problem (above), not also a wrong EIP count for the NATs of one AZ too many.
  const distinctZones = [...seen] as string[];
  for (const variant of VARIANTS) {
    const settings = variants[variant.configKey];
    if (!isObject(settings) || !variant.checkSettings) continue;
    for (const problem of variant.checkSettings(settings, { availabilityZones: distinctZones })) {
      ctx.addIssue({
        code: 'custom',
        path: ['variants', variant.configKey, ...problem.path],
        message: problem.message,
      });
    }
  }
}

/** Whether a variant's (unchecked) settings place a function in its VPC: the demo functions, or a declared one. */
function placesFunctions(settings: unknown): boolean {
  if (!isObject(settings)) return false;
  const declared = isObject(settings.functions) && Object.keys(settings.functions).length > 0;
  // A demoFunctions that is no boolean is its own problem: only the default or true counts as the demo placed.
  return settings.demoFunctions === undefined || settings.demoFunctions === true || declared;
}

/** The subnet plan must fit each VPC: checked here so it is a config error, not a failure halfway through synth. */
function checkSubnetPlans(env: EnvironmentConfig, availabilityZones: string[], ctx: z.RefinementCtx): void {
  for (const variant of VARIANTS) {
    if (!isObject(env.variants?.[variant.configKey])) continue;
    // Only a valid CIDR and valid tier sizes can be planned; anything else is reported by its own field.
    const vpcCidr = variant.cidrOf(env);
    const tiers = variant.subnetTiersOf(env);
    if (
      !isPlannable(
        vpcCidr,
        tiers.map((tier) => tier.prefixLength),
      )
    )
      continue;
    try {
      planSubnets({ vpcCidr, availabilityZones, tiers });
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        path: ['variants', variant.configKey, 'cidr'],
        message: (error as Error).message,
      });
    }
  }
}

function isPlannable(cidr: unknown, prefixLengths: readonly unknown[]): boolean {
  if (typeof cidr !== 'string') return false;
  try {
    Ipv4Cidr.parse(cidr);
  } catch {
    return false;
  }
  return prefixLengths.every((length) => subnetPrefixLengthProblem(length) === undefined);
}
