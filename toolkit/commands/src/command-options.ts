// The options of the repository's commands, read by node's util.parseArgs in strict mode. A bad option or argument
// is one line naming the command, the option, the bad value and what is allowed (`e2e: --jobs two: allowed: a
// whole number of 1 or more`), and exit status 1: never a stack trace.
import { parseArgs, ParseArgsConfig } from 'node:util';

/** An option that takes a value: `--jobs 3` or `--jobs=3`. */
export interface ValueOption {
  readonly type: 'string';
  /** How the usage shows its value: `N`, `<target id>`, `cdktf|cdktn`. */
  readonly value: string;
  /** What a value may be, for the error line: `a whole number of 1 or more`, `cdktf, cdktn`. */
  readonly allowed: string;
  /** Whether a value is acceptable (parseArgs accepts any string). @default every value */
  readonly valid?: (value: string) => boolean;
  /** Whether the option may be given more than once (its values, in order). @default false */
  readonly multiple?: boolean;
  /** Whether the command refuses to run without it. @default false */
  readonly required?: boolean;
}

/** A switch: `--write-docs`. */
export interface FlagOption {
  readonly type: 'boolean';
}

export type CommandOption = ValueOption | FlagOption;

/** What a command accepts. */
export interface CommandSpec {
  readonly options: { readonly [name: string]: CommandOption };
  /** The positional arguments, as the usage names them (`<stack>...`); none are accepted without it. */
  readonly positionals?: string;
  /** How many positional arguments at least. @default 0 */
  readonly minPositionals?: number;
  /** How many positional arguments at most. @default any number (with `positionals`) */
  readonly maxPositionals?: number;
}

/** The values read: a flag is a boolean, a multiple option a list, another option a string or undefined. */
export type OptionValues<S extends CommandSpec> = {
  -readonly [K in keyof S['options']]: S['options'][K] extends FlagOption
    ? boolean
    : S['options'][K] extends { multiple: true }
      ? string[]
      : string | undefined;
};

/** A bad option or argument; the message is the line to print after the command's name. */
export class OptionError extends Error {}

/** A `valid` test: digits only, `min` or more. */
export const wholeNumberFrom =
  (min: number) =>
  (value: string): boolean =>
    /^[0-9]+$/.test(value) && Number(value) >= min;

/** `<stack>..., --jobs N, --write-docs`: what the command accepts, for the error line. */
export function usage(spec: CommandSpec): string {
  const options = Object.entries(spec.options).map(([name, option]) =>
    option.type === 'boolean' ? `--${name}` : `--${name} ${option.value}`,
  );
  return [...(spec.positionals ? [spec.positionals] : []), ...options].join(', ');
}

/** Reads `argv` by `spec`; throws an OptionError naming the first bad option or argument. */
export function readOptions<S extends CommandSpec>(
  argv: readonly string[],
  spec: S,
): {
  values: OptionValues<S>;
  positionals: string[];
} {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, option]) => [
      name,
      option.type === 'boolean'
        ? { type: 'boolean' as const }
        : { type: 'string' as const, multiple: !!option.multiple },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: spec.positionals !== undefined, strict: true });
  } catch (error) {
    throw new OptionError(explain(argv, spec, options) ?? firstLine(error));
  }
  const missing = Object.entries(spec.options).filter(
    ([name, option]) => option.type === 'string' && option.required && parsed.values[name] === undefined,
  );
  if (missing.length > 0) {
    throw new OptionError(`missing ${missing.map(([name]) => `--${name}`).join(', ')}; allowed: ${usage(spec)}`);
  }
  const values: Record<string, string | string[] | boolean | undefined> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    const value = parsed.values[name];
    if (option.type === 'boolean') {
      values[name] = value === true;
      continue;
    }
    const given = value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
    const bad = given.find((one) => option.valid && !option.valid(one));
    if (bad !== undefined) throw new OptionError(`--${name} ${bad}: allowed: ${option.allowed}`);
    values[name] = option.multiple ? given : given[0];
  }
  if (parsed.positionals.length < (spec.minPositionals ?? 0)) {
    const count = parsed.positionals.length;
    throw new OptionError(`${count} argument(s), ${spec.minPositionals} needed; allowed: ${usage(spec)}`);
  }
  if (spec.maxPositionals !== undefined && parsed.positionals.length > spec.maxPositionals) {
    throw new OptionError(`unexpected argument ${parsed.positionals[spec.maxPositionals]}; allowed: ${usage(spec)}`);
  }
  return { values: values as OptionValues<S>, positionals: parsed.positionals };
}

/**
 * The error line for arguments strict parsing refused, from a lenient reading of the same arguments: an unknown
 * option, a value missing or one that looks like an option, a value given to a flag, an argument not accepted.
 */
function explain(argv: readonly string[], spec: CommandSpec, options: ParseArgsConfig['options']): string | undefined {
  const { tokens } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional' && spec.positionals === undefined) {
      return `unexpected argument ${token.value}; allowed: ${usage(spec)}`;
    }
    if (token.kind !== 'option') continue;
    const option = spec.options[token.name];
    if (!option) return `unknown option ${token.rawName}; allowed: ${usage(spec)}`;
    if (option.type === 'boolean' && token.value !== undefined) {
      return `${token.rawName}=${token.value}: allowed: no value (a switch)`;
    }
    const looksLikeOption = !token.inlineValue && token.value?.startsWith('-');
    if (option.type === 'string' && (token.value === undefined || looksLikeOption)) {
      return `${token.rawName} ${token.value ?? '(missing)'}: allowed: ${option.allowed}`;
    }
  }
  return undefined;
}

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** readOptions, or the error line after `<command>: ` on stderr and exit status 1. */
export function commandOptions<S extends CommandSpec>(
  command: string,
  argv: readonly string[],
  spec: S,
): {
  values: OptionValues<S>;
  positionals: string[];
} {
  try {
    return readOptions(argv, spec);
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    console.error(`${command}: ${error.message}`);
    process.exit(1);
  }
}
