import type { TerraformBlock } from './terraform-values';
import { RouteTables } from './route-tables';

/** A resource of a synthesized stack, as Terraform sees it. */
export interface StackResource {
  /** Resource type, e.g. `aws_vpc`. */
  readonly type: string;
  /** Resource name within the stack, e.g. `network_vpc`. */
  readonly name: string;
  /** `type.name`. */
  readonly address: string;
  /** The construct path that produced it (cdktf's `//` metadata), e.g. `dev-nat-egress/network/vpc`. */
  readonly constructPath: string;
  /** The resource's arguments, snake_case, with `${...}` references. */
  readonly body: TerraformBlock;
}

/** The JSON of one synthesized stack (`cdk.tf.json`). */
export interface StackJson {
  readonly provider?: Record<string, Array<TerraformBlock>>;
  readonly resource?: Record<string, Record<string, TerraformBlock>>;
  /** Data sources by type, then name (`terraform_remote_state` for cdktf's cross-stack references). */
  readonly data?: Record<string, Record<string, TerraformBlock>>;
  /** Outputs by name; cdktf's cross-stack references read `cross-stack-output-...` ones. */
  readonly output?: Record<string, TerraformBlock>;
}

/**
 * Read access to a synthesized stack for the analysis packages (guardrails, reachability, cost, diagram):
 * resources by type, references followed to their targets, the route tables, and the variant from the provider's
 * default tags.
 */
export class StackDocument {
  private readonly byAddress = new Map<string, StackResource>();
  private tables?: RouteTables;

  constructor(
    public readonly stackName: string,
    /** The document as synthesized. */
    public readonly json: StackJson,
  ) {
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const address = `${type}.${name}`;
        this.byAddress.set(address, {
          type,
          name,
          address,
          constructPath: body['//']?.metadata?.path ?? `${stackName}/${name}`,
          body,
        });
      }
    }
  }

  /** Every resource of a type. */
  public resources(type: string): StackResource[] {
    return [...this.byAddress.values()].filter((resource) => resource.type === type);
  }

  /** The resource a `${type.name.attribute}` reference points at, if it is in this stack. */
  public resolve(reference: unknown): StackResource | undefined {
    const match =
      typeof reference === 'string'
        ? /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)(\.[a-z0-9_.[\]]+)?\}$/.exec(reference)
        : null;
    return match ? this.byAddress.get(`${match[1]}.${match[2]}`) : undefined;
  }

  /** Whether `reference` points at `target`. */
  public refersTo(reference: unknown, target: StackResource): boolean {
    return this.resolve(reference) === target;
  }

  /** The stack's route tables, their routes and the table each subnet uses: read on first use, once. */
  public get routeTables(): RouteTables {
    this.tables ??= new RouteTables(this);
    return this.tables;
  }

  /** The variant from the AWS provider's default tags (`private-only`, `nat-egress`, `privatelink`), if set. */
  public get variant(): string | undefined {
    return stackVariant(this.json);
  }
}

/** A stack's variant from the AWS provider's default tags, if set; read without indexing the stack's resources. */
export function stackVariant(json: StackJson): string | undefined {
  return json.provider?.aws?.[0]?.default_tags?.[0]?.tags?.variant;
}
