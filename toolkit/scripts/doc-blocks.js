#!/usr/bin/env node
// The fenced code blocks a doc's numbered step holds, for the checks that follow a doc literally
// (check-own-function-doc.sh, check-workflow-matrix.sh):
//   node toolkit/scripts/doc-blocks.js <doc.md> <step> <lang>
// prints the bodies of the `<lang>` blocks under the heading "## <step>. ..." in order, NUL-separated; exits 1 with
// one line when that step has none.
const fs = require('node:fs');

const [doc, step, lang] = process.argv.slice(2);
if (!doc || !step || !lang) {
  console.error('usage: node toolkit/scripts/doc-blocks.js <doc.md> <step> <lang>');
  process.exit(2);
}
const text = fs.readFileSync(doc, 'utf8');
let heading = '';
const bodies = [];
for (const [, number, blockLang, body] of text.matchAll(/^## (\S+)[^\n]*$|^```(\w*)\n([\s\S]*?)^```$/gm)) {
  if (number !== undefined) heading = number.replace(/\.$/, '');
  else if (heading === step && blockLang === lang) bodies.push(body);
}
if (bodies.length === 0) {
  console.error(`${doc}: no ${lang} block under step ${step}`);
  process.exit(1);
}
process.stdout.write(bodies.join('\0'));
