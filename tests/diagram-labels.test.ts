// The labels of every stack's diagram, as `npm run report` draws it (with reachability's paths), measured in the
// SVG: no two labels drawn over each other, every node's and cluster's label inside its outline. Widths come from
// the fonts a viewer may draw with (toolkit/diagram/test/font-metrics.ts), not from Graphviz's own estimate.
import { drawStack } from '@lambda-vpc/diagram';
import { synthExample as ipv6Egress } from '@lambda-vpc/example-ipv6-egress';
import { synthExample as rdsBySecurityGroup } from '@lambda-vpc/example-rds-by-security-group';
import { synthExample as selfHealingNat } from '@lambda-vpc/example-self-healing-nat';
import { analyzeReachability } from '@lambda-vpc/reachability';
import { synthExampleStack } from '../test-support/example-stack';
import { TerraformJson } from '../test-support/terraform-json';
import { labelProblems } from '../toolkit/diagram/test/svg-label-boxes';
import { synthAllEnvironments } from './environments';

const { stacks } = synthAllEnvironments();

async function problemsOf(name: string, json: TerraformJson): Promise<string[]> {
  const { svg } = await drawStack(name, json, analyzeReachability(name, json));
  return labelProblems(svg).map((problem) => `${name}: ${problem}`);
}

describe('diagram labels', () => {
  it.each(Object.keys(stacks).sort())('%s: no label overlaps another or overflows its box', async (name) => {
    expect(await problemsOf(name, stacks[name])).toEqual([]);
  });

  // The examples whose shapes the environments lack: NAT instance groups, an egress-only gateway, a database.
  it.each([
    ['self-healing-nat', selfHealingNat],
    ['ipv6-egress', ipv6Egress],
    ['rds-by-security-group', rdsBySecurityGroup],
  ])('example %s: no label overlaps another or overflows its box', async (name, synth) => {
    expect(await problemsOf(`example-${name}`, synthExampleStack(synth).json)).toEqual([]);
  });
});
