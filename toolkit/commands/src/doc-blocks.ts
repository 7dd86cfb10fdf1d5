#!/usr/bin/env node
// The fenced code blocks a doc's numbered step holds, for the checks that follow a doc literally
// (toolkit/scripts/check-own-function-doc.sh, check-workflow-matrix.sh):
//   node toolkit/commands/dist/doc-blocks.js <doc.md> <step> <lang>
// prints the bodies of the `<lang>` blocks under the heading "## <step>. ..." in order, NUL-separated; exits 1 with
// one line when that step has none.
import * as fs from 'node:fs';

/** The bodies of the `lang` blocks under the heading `## <step>. ...` of a Markdown text, in order. */
export function stepBlocks(markdown: string, step: string, lang: string): string[] {
  let heading = '';
  const bodies: string[] = [];
  for (const [, number, blockLang, body] of markdown.matchAll(/^## (\S+)[^\n]*$|^```(\w*)\n([\s\S]*?)^```$/gm)) {
    if (number !== undefined) heading = number.replace(/\.$/, '');
    else if (heading === step && blockLang === lang) bodies.push(body);
  }
  return bodies;
}

function main(argv: readonly string[]): number {
  const [doc, step, lang] = argv;
  if (!doc || !step || !lang) {
    console.error('usage: node toolkit/commands/dist/doc-blocks.js <doc.md> <step> <lang>');
    return 2;
  }
  const bodies = stepBlocks(fs.readFileSync(doc, 'utf8'), step, lang);
  if (bodies.length === 0) {
    console.error(`${doc}: no ${lang} block under step ${step}`);
    return 1;
  }
  process.stdout.write(bodies.join('\0'));
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
