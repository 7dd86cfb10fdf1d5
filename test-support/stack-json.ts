import { TerraformBlock } from '@lambda-vpc/stack-model';
// Hand-made stack JSON for the analysis packages' tests (guardrails, reachability, cost, diagram): the pieces every
// fixture builds from, in the shape cdktf synthesizes (snake_case arguments, `${type.name.attribute}` references).

/** A resource body as synthesized: snake_case arguments, `${...}` references, the `//` comment. */
export type ResourceBody = TerraformBlock;

/** The resources of a stack document: type, then name, then body. */
export interface StackResources {
  resource: Record<string, Record<string, ResourceBody>>;
}

/** `${type.name.attribute}`: what one resource writes to reference another. */
export function reference(type: string, name: string, attribute = 'id'): string {
  return `\${${type}.${name}.${attribute}}`;
}

/** A JSON policy document, as a `policy` argument carries it. */
export function policyDocument(...statements: ResourceBody[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Puts `body` at `type.name` (replacing what was there) and returns it. */
export function putResource(json: StackResources, type: string, name: string, body: ResourceBody): ResourceBody {
  json.resource[type] = { ...json.resource[type], [name]: body };
  return body;
}

/** Removes `type.name`; with `mustExist`, a resource that is not there fails the test instead of removing nothing. */
export function removeResource(
  json: StackResources,
  type: string,
  name: string,
  options: { mustExist?: boolean } = {},
): void {
  if (options.mustExist && !json.resource[type]?.[name]) throw new Error(`no ${type}.${name} to remove`);
  delete json.resource[type]?.[name];
}

/**
 * An aws_network_acl body on `subnets` (references) of `vpc` (a reference) that admits only `protocol` (`-1` for all,
 * else every port) from `cidr`, and lets everything out.
 */
export function admittingNetworkAcl(
  vpc: string,
  subnets: string[],
  admitted: { protocol: string; cidr: string },
): ResourceBody {
  const allPorts = admitted.protocol === '-1' ? { from_port: 0, to_port: 0 } : { from_port: 0, to_port: 65535 };
  return {
    vpc_id: vpc,
    subnet_ids: subnets,
    ingress: [{ rule_no: 100, protocol: admitted.protocol, action: 'allow', cidr_block: admitted.cidr, ...allPorts }],
    egress: [{ rule_no: 100, protocol: '-1', action: 'allow', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 }],
  };
}
