// The stack folders the saved-plan tests plan: a synthesized stack's cdk.tf.json and a function zip under assets/, in
// a temporary folder each test file removes when it ends.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-vpc-saved-plan-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
let folders = 0;

/** A new empty folder under the test file's temporary folder. */
export const tempDir = (): string => fs.mkdtempSync(path.join(work, `${folders++}-`));

/** The commit the tests plan at ($GITHUB_SHA). */
export const COMMIT = 'abc1234def5678abc1234def5678abc1234def56';

/** A synthesized stack folder: cdk.tf.json and a function zip under assets/. */
export function stackFolder(name = 'dev-private-only'): string {
  const dir = path.join(tempDir(), 'cdktf.out', 'stacks', name);
  fs.mkdirSync(path.join(dir, 'assets', 'orders', 'ABC123'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify({ resource: { aws_vpc: { network_vpc: {} } } }));
  fs.writeFileSync(path.join(dir, 'assets', 'orders', 'ABC123', 'archive.zip'), 'zip v1');
  return dir;
}
