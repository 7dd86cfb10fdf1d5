import { Construct } from 'constructs';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction as LambdaFunctionResource } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config';
import { provisionedConcurrencyProblem } from './lambda-limits';

/** Options of a function's alias (`LambdaFunctionProps.alias`). */
export interface FunctionAliasOptions {
  /** The alias name, e.g. `live`: 1 to 128 letters, digits, `-` and `_`, not all digits (Lambda's rule). */
  readonly name: string;
  /**
   * Execution environments Lambda keeps initialized for the alias, so those invocations start without a cold start:
   * a whole number, 1 or more, and not more than `reservedConcurrency` when that is set. Billed per GB-second while
   * configured, invoked or not; each deploy (a new version) provisions them again before the alias moves.
   * @default none: every environment starts on demand
   */
  readonly provisionedConcurrency?: number;
}

const ALIAS_NAME = /^(?!\d+$)[A-Za-z0-9_-]{1,128}$/;

/** Every problem of an alias's options, as `alias.field = value: problem`. */
export function aliasProblems(alias: FunctionAliasOptions | undefined, reservedConcurrency?: number): string[] {
  if (alias === undefined) return [];
  const problems: string[] = [];
  if (typeof alias.name !== 'string' || !ALIAS_NAME.test(alias.name)) {
    problems.push(
      `alias.name = "${alias.name}": is not an alias name Lambda accepts; allowed: 1 to 128 letters, digits, ` +
        '- and _, not all digits',
    );
  }
  const provisioned = alias.provisionedConcurrency;
  if (provisioned === undefined) return problems;
  const problem =
    provisionedConcurrencyProblem(provisioned) ??
    (reservedConcurrency !== undefined && provisioned > reservedConcurrency
      ? `must not exceed reservedConcurrency (${reservedConcurrency})`
      : undefined);
  if (problem !== undefined) problems.push(`alias.provisionedConcurrency = ${provisioned}: ${problem}`);
  return problems;
}

/** Options of {@link FunctionAlias}. */
export interface FunctionAliasProps extends FunctionAliasOptions {
  /** The function; it must publish versions (`publish = true`), since an alias points at a version. */
  readonly function: LambdaFunctionResource;
}

/**
 * An alias on a function's latest published version, and its provisioned concurrency when asked. Callers invoke the
 * alias (its ARN), so each deploy moves them to the new version at once, and settings made on the alias (provisioned
 * concurrency, an on-failure destination) apply to their invocations.
 */
export class FunctionAlias extends Construct {
  /** The alias resource. */
  public readonly alias: LambdaAlias;
  /** The provisioned concurrency on the alias, when configured. */
  public readonly provisionedConcurrencyConfig?: LambdaProvisionedConcurrencyConfig;

  constructor(scope: Construct, id: string, props: FunctionAliasProps) {
    super(scope, id);
    this.alias = new LambdaAlias(this, 'Default', {
      name: props.name,
      description: 'Invoke target: the latest published version',
      functionName: props.function.functionName,
      functionVersion: props.function.version,
    });
    if (props.provisionedConcurrency !== undefined) {
      this.provisionedConcurrencyConfig = new LambdaProvisionedConcurrencyConfig(this, 'provisioned-concurrency', {
        functionName: this.alias.functionName,
        qualifier: this.alias.name,
        provisionedConcurrentExecutions: props.provisionedConcurrency,
      });
    }
  }

  /** The alias name, as a reference (so what uses it waits for the alias). */
  public get aliasName(): string {
    return this.alias.name;
  }

  /** The alias's ARN, `arn:...:function:<name>:<alias>`: what callers invoke. */
  public get aliasArn(): string {
    return this.alias.arn;
  }
}
