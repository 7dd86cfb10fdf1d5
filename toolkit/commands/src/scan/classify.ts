// Splits checkov's failed checks into skipped (matched by checkov-skips.json) and failed, per stack.

/** One entry of checkov-skips.json. */
export interface SkipEntry {
  /** The checkov check ID, such as CKV_AWS_115. */
  readonly check: string;
  /** `<stack>/<resource>` patterns (`*` matches any run of characters), or `*`. */
  readonly where: readonly string[];
  /** One line saying why the check does not apply there. */
  readonly justification: string;
}

/** A check checkov failed on one resource of one stack. */
export interface Finding {
  /** The stack's name. */
  readonly stack: string;
  /** The resource's name in the stack. */
  readonly resource: string;
  /** The checkov check ID. */
  readonly checkId: string;
  /** The check's title. */
  readonly checkName: string;
}

/** The findings split by the skip list. */
export interface Classified {
  /** Findings no entry skips: each fails the scan. */
  readonly failed: Finding[];
  /** Every entry, with the findings it skipped. */
  readonly skipped: Map<SkipEntry, Finding[]>;
  /** Entries that skipped nothing: stale, so they fail the scan too. */
  readonly unused: SkipEntry[];
}

/** `dev-*` -> /^dev-.*$/ : `*` matches any run of characters, everything else literally. */
export function patternToRegExp(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/** Splits every failed check checkov reported by the entries of checkov-skips.json. */
export function classify(findings: readonly Finding[], skips: readonly SkipEntry[]): Classified {
  const matchers = skips.map((entry) => ({ entry, patterns: entry.where.map(patternToRegExp) }));
  const skipped = new Map<SkipEntry, Finding[]>(skips.map((entry) => [entry, []]));
  const failed: Finding[] = [];
  for (const finding of findings) {
    const target = `${finding.stack}/${finding.resource}`;
    const match = matchers.find(
      ({ entry, patterns }) => entry.check === finding.checkId && patterns.some((p) => p.test(target)),
    );
    if (match) skipped.get(match.entry)?.push(finding);
    else failed.push(finding);
  }
  const unused = skips.filter((entry) => skipped.get(entry)?.length === 0);
  return { failed, skipped, unused };
}

/**
 * Validates the skip file's shape (the parsed checkov-skips.json): each entry names a check, where it applies and a
 * one-line reason.
 */
export function readSkips(config: unknown): SkipEntry[] {
  const skips = (config as { skips?: unknown } | null)?.skips;
  if (!Array.isArray(skips)) throw new Error('checkov-skips.json: "skips" must be a list');
  return skips.map((entry: unknown, index) => {
    const { check, where, justification } = (entry ?? {}) as {
      check?: unknown;
      where?: unknown;
      justification?: unknown;
    };
    if (typeof check !== 'string' || !/^CKV2?_[A-Z0-9]+_\d+$/.test(check)) {
      throw new Error(
        `checkov-skips.json: skips[${index}].check must be a checkov ID such as CKV_AWS_115, got ` +
          `${JSON.stringify(check)}`,
      );
    }
    if (
      !Array.isArray(where) ||
      where.length === 0 ||
      where.some((w) => typeof w !== 'string' || (!w.includes('/') && w !== '*'))
    ) {
      throw new Error(`checkov-skips.json: ${check}: "where" must list <stack>/<resource> patterns (or "*")`);
    }
    if (typeof justification !== 'string' || justification.trim().length < 20 || justification.includes('\n')) {
      throw new Error(
        `checkov-skips.json: ${check}: "justification" must be one line saying why (20 characters or more)`,
      );
    }
    return { check, where: where as string[], justification };
  });
}
