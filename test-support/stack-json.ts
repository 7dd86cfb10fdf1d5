// Hand-made stack JSON for the analysis packages' tests (guardrails, reachability, cost, diagram): the pieces every
// fixture builds from, in the shape cdktf synthesizes (snake_case arguments, `${type.name.attribute}` references).

/** A resource body as synthesized: snake_case arguments, `${...}` references, the `//` comment. */
export type ResourceBody = Record<string, any>;

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
export function removeResource(json: StackResources, type: string, name: string, options: { mustExist?: boolean } = {}): void {
  if (options.mustExist && !json.resource[type]?.[name]) throw new Error(`no ${type}.${name} to remove`);
  delete json.resource[type]?.[name];
}
