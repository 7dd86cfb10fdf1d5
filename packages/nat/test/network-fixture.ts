// Shared fixture of the NAT tests: a network over three AZs with a public and a private-with-egress tier,
// and lookups that follow the synthesized references (subnet -> association -> route table -> route)
// instead of relying on resource order or address names.
import { Construct } from 'constructs';
import { Nat, NatStrategy } from '@lambda-vpc/nat';
import { Network } from '@lambda-vpc/network';
import type { SubnetTierSpec } from '@lambda-vpc/network';
import {
  bodiesOf,
  referenceTo,
  resourcesOf,
  synthConstructs,
  TerraformBody,
  TerraformJson,
} from '../../../test-support/terraform-json';

export const AZS = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

import { testNetwork } from '../../../test-support/test-network';

export { PUBLIC_AND_PRIVATE } from '../../../test-support/test-network';

/** Options of {@link buildNetwork}. */
export interface FixtureOptions {
  readonly availabilityZones?: readonly string[];
  readonly subnetTiers?: readonly SubnetTierSpec[];
}

/** A `dev-nat` network in 10.10.0.0/16, flow logs off (irrelevant to NAT). */
export function buildNetwork(scope: Construct, options: FixtureOptions = {}): Network {
  return testNetwork(scope, {
    name: 'dev-nat',
    availabilityZones: options.availabilityZones ?? AZS,
    subnetTiers: options.subnetTiers,
  });
}

/** Synthesizes a fixture network with a `Nat` of the given strategy. */
export function synthNat(strategy: NatStrategy, options: FixtureOptions = {}): TerraformJson {
  return synthConstructs((scope) => {
    new Nat(scope, 'nat', { network: buildNetwork(scope, options), strategy });
  });
}

/** The subnet of a tier (`public`, `private`, `isolated`, its `Tier` tag) in an AZ. */
export function subnetIn(json: TerraformJson, tier: string, az: string): TerraformBody {
  const found = bodiesOf(json, 'aws_subnet').filter((s) => s.tags?.Tier === tier && s.availability_zone === az);
  if (found.length !== 1) throw new Error(`expected one ${tier} subnet in ${az}, found ${found.length}`);
  return found[0];
}

/** Every subnet of a tier, with its AZ. */
export function subnetsOf(json: TerraformJson, tier: string): TerraformBody[] {
  return bodiesOf(json, 'aws_subnet').filter((s) => s.tags?.Tier === tier);
}

/** The `0.0.0.0/0` routes of the route table associated with this subnet. */
export function defaultRoutesOf(json: TerraformJson, subnet: TerraformBody): TerraformBody[] {
  const subnetRef = referenceTo(json, 'aws_subnet', subnet);
  const associations = bodiesOf(json, 'aws_route_table_association').filter((a) => a.subnet_id === subnetRef);
  if (associations.length !== 1)
    throw new Error(`expected one route table association for ${subnetRef}, found ${associations.length}`);
  return bodiesOf(json, 'aws_route').filter(
    (route) => route.route_table_id === associations[0].route_table_id && route.destination_cidr_block === '0.0.0.0/0',
  );
}

/** The NAT gateway whose subnet is this subnet; fails unless exactly one. */
export function gatewayIn(json: TerraformJson, subnet: TerraformBody): TerraformBody {
  const subnetRef = referenceTo(json, 'aws_subnet', subnet);
  const found = bodiesOf(json, 'aws_nat_gateway').filter((g) => g.subnet_id === subnetRef);
  if (found.length !== 1) throw new Error(`expected one NAT gateway in ${subnetRef}, found ${found.length}`);
  return found[0];
}

/** How `depends_on` names a resource: `type.name`, no interpolation. */
export function dependencyOn(json: TerraformJson, type: string): string {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return `${type}.${all[0][0]}`;
}
