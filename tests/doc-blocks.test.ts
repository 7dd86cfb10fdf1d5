// The code blocks of a doc's numbered step (toolkit/commands/src/doc-blocks.ts), which the checks that follow
// docs/own-functions.md and getting-started step 5 literally run or write.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stepBlocks } from '@lambda-vpc/tools/dist/doc-blocks';
import { repositoryRoot } from './environments';

const DOC = [
  '# A guide',
  '',
  '## 1. First',
  '',
  '```bash',
  'npm install',
  '```',
  '',
  '```ts',
  '// a.ts',
  '```',
  '',
  '```bash',
  'npm test',
  '```',
  '',
  '## 2. Second',
  '',
  '```bash',
  'npm run synth',
  '```',
  '',
].join('\n');

describe("a step's code blocks", () => {
  it('are the bodies of the blocks in that language under "## <step>.", in order', () => {
    expect(stepBlocks(DOC, '1', 'bash')).toEqual(['npm install\n', 'npm test\n']);
    expect(stepBlocks(DOC, '1', 'ts')).toEqual(['// a.ts\n']);
  });

  it("stop at the next step's heading", () => {
    expect(stepBlocks(DOC, '2', 'bash')).toEqual(['npm run synth\n']);
  });

  it('are none for a step or language the doc does not have', () => {
    expect(stepBlocks(DOC, '3', 'bash')).toEqual([]);
    expect(stepBlocks(DOC, '2', 'ts')).toEqual([]);
  });

  it("read getting-started step 5's commands, ending in npm test", () => {
    const [block] = stepBlocks(
      fs.readFileSync(path.join(repositoryRoot, 'docs', 'getting-started.md'), 'utf8'),
      '5',
      'bash',
    );
    expect(block.trim().split('\n').pop()).toBe('npm test');
  });
});
