// Test helpers: synthesize constructs and read the Terraform JSON they produce, by resource type and
// snake_case property, the way a reviewer reads a plan.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformBlock } from '@lambda-vpc/stack-model';
import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

/** A resource body as synthesized: snake_case keys, `${...}` references. */
export type TerraformBody = TerraformBlock;

/** The synthesized JSON of one stack. */
export interface TerraformJson {
  readonly terraform?: TerraformBody;
  readonly provider?: Record<string, TerraformBody[]>;
  readonly resource?: Record<string, Record<string, TerraformBody>>;
  readonly data?: Record<string, Record<string, TerraformBody>>;
  readonly output?: Record<string, TerraformBody>;
}

/** A fresh app holding stack `test` with an AWS provider, and the constructs `build` adds to it. */
function testStack(build: (scope: Construct) => void): { app: ReturnType<typeof Testing.app>; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  build(stack);
  return { app, stack };
}

/** Builds constructs in a fresh stack with an AWS provider and returns the stack's parsed JSON. */
export function synthConstructs(build: (scope: Construct) => void): TerraformJson {
  return JSON.parse(Testing.synth(testStack(build).stack)) as TerraformJson;
}

/**
 * Like {@link synthConstructs}, but keeps each resource's `//` comment (cdktf's metadata and what constructs add
 * there), which Testing.synth drops: the app writes the stack to its folder, and it is read back.
 */
export function synthWithComments(build: (scope: Construct) => void): TerraformJson {
  const { app } = testStack(build);
  app.synth();
  return JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'test', 'cdk.tf.json'), 'utf8')) as TerraformJson;
}

/** Every resource of a type, as [address name, body] pairs. */
export function resourcesOf(json: TerraformJson, type: string): [string, TerraformBody][] {
  return Object.entries(json.resource?.[type] ?? {});
}

/** The bodies of every resource of a type. */
export function bodiesOf(json: TerraformJson, type: string): TerraformBody[] {
  return resourcesOf(json, type).map(([, body]) => body);
}

/** The one resource of a type; fails when there are none or several. */
export function onlyResource(json: TerraformJson, type: string): TerraformBody {
  const all = bodiesOf(json, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** The resource of a type whose `tags.Name` is `name`. */
export function resourceNamed(json: TerraformJson, type: string, name: string): TerraformBody {
  const found = bodiesOf(json, type).filter((body) => body.tags?.Name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} tagged Name=${name}, found ${found.length}`);
  return found[0];
}

/**
 * `aws_subnet.x`, the address of the resource of `type` whose body is `body`: how a plan (and reachability) names it.
 */
export function addressOf(json: TerraformJson, type: string, body: TerraformBody): string {
  const entry = resourcesOf(json, type).find(([, candidate]) => candidate === body);
  if (!entry) throw new Error(`no ${type} with that body`);
  return `${type}.${entry[0]}`;
}

/** `${aws_subnet.x.id}` for the resource of `type` whose body is `body`: what other resources reference. */
export function referenceTo(json: TerraformJson, type: string, body: TerraformBody, attribute = 'id'): string {
  return `\${${addressOf(json, type, body)}.${attribute}}`;
}

/** Every resource of every type, as [type, name, body]. */
export function allResources(json: TerraformJson): [string, string, TerraformBody][] {
  return Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, body]) => [type, name, body] as [string, string, TerraformBody]),
  );
}

/** Parses a JSON policy document property (e.g. `policy`, `assume_role_policy`). */
export function policyOf(body: TerraformBody, property = 'policy'): { Statement: TerraformBody[] } {
  return JSON.parse(body[property]) as { Statement: TerraformBody[] };
}
