// cdktf turns a reference from one stack to another into an output of the first (`output.cross-stack-output-...`) and a
// `data.terraform_remote_state.cross-stack-reference-input-<stack>` read in the second. To analyze stacks together,
// they are merged into one document: each stack's resources renamed with a prefix of their own (two stacks often
// hold the same addresses), and each remote-state read replaced by the expression the other stack's output holds, so
// every reader of one stack (route tables, rules, policies) follows references across stacks unchanged.
import { StackDocument } from './stack-document';
import { TerraformBlock } from './terraform-values';

/** A resource of the merged document, back in its own stack's terms. */
export interface ResourceOrigin {
  /** The stack that declares it. */
  readonly stack: string;
  /** Its address in that stack. */
  readonly address: string;
}

/** A cross-stack reference that could not be followed, and why. */
export interface UnresolvedReference {
  /** The stack whose resource holds it. */
  readonly stack: string;
  /** That resource's address in its stack. */
  readonly resource: string;
  /** The expression, as written (`data.terraform_remote_state.<name>.outputs.<output>`). */
  readonly reference: string;
  readonly reason: string;
}

const REMOTE_OUTPUT = /data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g;
// A resource address at the start of a traversal: not preceded by a dot or a name character (so `data.aws_x.y` and
// `aws_x.y.z`'s `y.z` are not taken for one).
const ADDRESS = /(?<![\w.-])([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/g;
// Nested remote states (an output that reads another stack's output) are followed this deep.
const MAX_DEPTH = 4;

/** The `${...}` expressions of a string, each mapped by `rewrite`; text outside them is kept. */
function mapExpressions(text: string, rewrite: (expression: string) => string): string {
  let out = '';
  let index = 0;
  for (;;) {
    const start = text.indexOf('${', index);
    if (start < 0) return out + text.slice(index);
    let depth = 1;
    let end = start + 2;
    for (; end < text.length && depth > 0; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}') depth--;
    }
    if (depth > 0) return out + text.slice(index);
    out += text.slice(index, start) + '${' + rewrite(text.slice(start + 2, end - 1)) + '}';
    index = end;
  }
}

/**
 * Stacks read together: one merged document in which references across stacks resolve like references inside one.
 * Addresses of the merged document carry a per-stack prefix; `origin` and `display` turn them back into each stack's
 * own addresses. One stack given twice (the same name) is read as one, unprefixed.
 */
export class LinkedStacks {
  /** The merged document: every stack's resources, renamed, remote-state reads replaced where they resolve. */
  public readonly document: StackDocument;
  /** Remote-state reads that did not resolve: the stack they name is not given, or it has no such output. */
  public readonly unresolved: UnresolvedReference[] = [];
  private readonly origins = new Map<string, ResourceOrigin>();
  private readonly prefixes: string[];

  constructor(private readonly stacks: readonly StackDocument[]) {
    const single = new Set(stacks.map((s) => s.stackName)).size === 1;
    const members = single ? stacks.slice(0, 1) : stacks;
    this.prefixes = members.map((_, i) => (single ? '' : `s${i}__`));
    const resource: Record<string, Record<string, TerraformBlock>> = {};
    members.forEach((stack, i) => {
      for (const [type, byName] of Object.entries(stack.json.resource ?? {})) {
        for (const [name, body] of Object.entries(byName)) {
          const merged = `${this.prefixes[i]}${name}`;
          this.origins.set(`${type}.${merged}`, { stack: stack.stackName, address: `${type}.${name}` });
          const rewritten = this.rewriteBody(i, `${type}.${name}`, body);
          (resource[type] ??= {})[merged] = rewritten;
        }
      }
    });
    this.document = new StackDocument(members.map((s) => s.stackName).join('+'), {
      provider: members[0]?.json.provider,
      resource,
    });
  }

  /** The stack and own address of a merged address; undefined for an address the merged document does not hold. */
  public origin(address: string): ResourceOrigin | undefined {
    return this.origins.get(address);
  }

  /** The merged address of `address` in stack `stackName`, if that stack holds it. */
  public mergedAddress(stackName: string, address: string): string | undefined {
    const i = this.stacks.findIndex((s) => s.stackName === stackName);
    if (i < 0) return undefined;
    const [type, ...name] = address.split('.');
    const merged = `${type}.${this.prefixes[Math.min(i, this.prefixes.length - 1)]}${name.join('.')}`;
    return this.origins.has(merged) ? merged : undefined;
  }

  /** Text with every merged address written `<stack>:<address>`, for people to read. */
  public display(text: string): string {
    return text.replace(ADDRESS, (whole, type: string, name: string) => {
      const origin = this.origins.get(`${type}.${name}`);
      return origin ? `${origin.stack}:${origin.address}` : whole;
    });
  }

  private rewriteBody(stack: number, owner: string, body: TerraformBlock): TerraformBlock {
    const visit = (value: unknown): unknown => {
      if (typeof value === 'string') return this.rewriteString(stack, owner, value, 0);
      if (Array.isArray(value)) return value.map(visit);
      if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === '//' ? item : visit(item)]));
      return value;
    };
    return visit(body) as TerraformBlock;
  }

  private rewriteString(stack: number, owner: string, text: string, depth: number): string {
    const whole = /^\$\{data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\}$/.exec(text);
    if (whole) {
      const value = this.outputValue(stack, owner, whole[1]!, whole[2]!, depth);
      if (value !== undefined) return value.text;
    }
    return mapExpressions(text, (expression) =>
      this.prefixAddresses(stack, expression).replace(REMOTE_OUTPUT, (reference, state: string, output: string) => {
        const value = this.outputValue(stack, owner, state, output, depth);
        if (value === undefined) return reference;
        const inner = /^\$\{(.*)\}$/s.exec(value.text)?.[1];
        if (inner === undefined) return JSON.stringify(value.text);
        // A plain traversal stays one (readers match `type.name.attribute`); anything else keeps its precedence.
        return /^[A-Za-z0-9_.[\]-]+$/.test(inner) ? inner : `(${inner})`;
      }),
    );
  }

  /** Prefixes the addresses of stack `stack`'s resources in an expression with the stack's prefix. */
  private prefixAddresses(stack: number, expression: string): string {
    const prefix = this.prefixes[stack] ?? '';
    if (prefix === '') return expression;
    const own = this.stacks[stack]!.json.resource ?? {};
    return expression.replace(ADDRESS, (whole, type: string, name: string) =>
      own[type]?.[name] !== undefined ? `${type}.${prefix}${name}` : whole,
    );
  }

  /** The value of another stack's output that a remote state of stack `stack` reads, rewritten for the merge. */
  private outputValue(
    stack: number,
    owner: string,
    state: string,
    output: string,
    depth: number,
  ): { text: string } | undefined {
    const from = this.stacks[stack]!;
    const reference = `data.terraform_remote_state.${state}.outputs.${output}`;
    const miss = (reason: string): undefined => {
      if (!this.unresolved.some((u) => u.resource === owner && u.reference === reference && u.stack === from.stackName))
        this.unresolved.push({ stack: from.stackName, resource: owner, reference, reason });
      return undefined;
    };
    const source = this.remoteStack(from, state);
    if (source === undefined) return miss(`remote state ${state} reads a stack that is not among ${this.names()}`);
    const value = (this.stacks[source]!.json.output ?? {})[output]?.value;
    if (typeof value !== 'string')
      return miss(`stack ${this.stacks[source]!.stackName} has no output ${output} with a string value`);
    if (depth >= MAX_DEPTH) return miss(`remote state reads nest more than ${MAX_DEPTH} deep`);
    return { text: this.rewriteString(source, owner, value, depth + 1) };
  }

  /**
   * The stack a remote state reads: cdktf names it `cross-stack-reference-input-<stack>`; a local backend's state file
   * is `terraform.<stack>.tfstate`.
   */
  private remoteStack(from: StackDocument, state: string): number | undefined {
    const block = (from.json.data?.terraform_remote_state ?? {})[state] as TerraformBlock | undefined;
    const path = String(block?.config?.path ?? '');
    const index = this.stacks.findIndex(
      (s) =>
        s !== from &&
        (state === `cross-stack-reference-input-${s.stackName}` || path.endsWith(`terraform.${s.stackName}.tfstate`)),
    );
    if (index >= 0) return Math.min(index, this.prefixes.length - 1);
    return undefined;
  }

  private names(): string {
    return [...new Set(this.stacks.map((s) => s.stackName))].join(', ');
  }
}
