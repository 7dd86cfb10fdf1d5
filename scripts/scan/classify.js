// @ts-check
// Splits checkov's failed checks into skipped (matched by checkov-skips.json) and failed, per stack.

/**
 * @typedef {{ check: string, where: string[], justification: string }} SkipEntry
 * @typedef {{ stack: string, resource: string, checkId: string, checkName: string }} Finding
 */

/** `dev-*` -> /^dev-.*$/ : `*` matches any run of characters, everything else literally. */
function patternToRegExp(pattern) {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/**
 * @param {Finding[]} findings every failed check checkov reported
 * @param {SkipEntry[]} skips the entries of checkov-skips.json
 * @returns {{ failed: Finding[], skipped: Map<SkipEntry, Finding[]>, unused: SkipEntry[] }}
 */
function classify(findings, skips) {
  const matchers = skips.map((entry) => ({ entry, patterns: entry.where.map(patternToRegExp) }));
  /** @type {Map<SkipEntry, Finding[]>} */
  const skipped = new Map(skips.map((entry) => [entry, []]));
  const failed = [];
  for (const finding of findings) {
    const target = `${finding.stack}/${finding.resource}`;
    const match = matchers.find(({ entry, patterns }) => entry.check === finding.checkId && patterns.some((p) => p.test(target)));
    if (match) skipped.get(match.entry)?.push(finding);
    else failed.push(finding);
  }
  const unused = skips.filter((entry) => skipped.get(entry)?.length === 0);
  return { failed, skipped, unused };
}

/**
 * Validates the skip file's shape: each entry names a check, where it applies and a one-line reason.
 * @param {unknown} config the parsed checkov-skips.json
 * @returns {SkipEntry[]}
 */
function readSkips(config) {
  const skips = /** @type {{ skips?: unknown }} */ (config).skips;
  if (!Array.isArray(skips)) throw new Error('checkov-skips.json: "skips" must be a list');
  return skips.map((entry, index) => {
    const { check, where, justification } = entry ?? {};
    if (typeof check !== 'string' || !/^CKV2?_[A-Z0-9]+_\d+$/.test(check)) {
      throw new Error(`checkov-skips.json: skips[${index}].check must be a checkov ID such as CKV_AWS_115, got ${JSON.stringify(check)}`);
    }
    if (!Array.isArray(where) || where.length === 0 || where.some((w) => typeof w !== 'string' || !w.includes('/') && w !== '*')) {
      throw new Error(`checkov-skips.json: ${check}: "where" must list <stack>/<resource> patterns (or "*")`);
    }
    if (typeof justification !== 'string' || justification.trim().length < 20 || justification.includes('\n')) {
      throw new Error(`checkov-skips.json: ${check}: "justification" must be one line saying why (20 characters or more)`);
    }
    return { check, where, justification };
  });
}

module.exports = { classify, readSkips, patternToRegExp };
