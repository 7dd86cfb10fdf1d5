import { Node } from 'constructs';
import { TerraformElement, TerraformStack } from 'cdktf';

/**
 * Terraform addresses read as construct paths: the path below the stack joined by `_`, with a child named
 * `Default` taking its parent's address (the CDK convention for a construct's main resource). A reader finds
 * any resource's construct from the plan; two constructs that would share an address are refused.
 */
export class ReadableAddresses {
  private readonly owners = new Map<string, string>();

  constructor(private readonly stack: TerraformStack) {}

  /** The logical ID (the `name` of `type.name`) of an element of the stack. */
  public allocate(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const path = node.scopes
      .slice(node.scopes.indexOf(this.stack) + 1)
      .map((scope) => scope.node.id)
      .filter((id) => id !== 'Default');
    const logicalId = path.join('_').replace(/[^A-Za-z0-9_-]/g, '');
    const owner = this.owners.get(logicalId);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(
        `${this.stack.node.id}: constructs ${owner} and ${node.path} would share the Terraform address ${logicalId}; ` +
          `rename one`,
      );
    }
    this.owners.set(logicalId, node.path);
    return logicalId;
  }
}
