import { LinkedStacks, StackDocument, StackJson } from '@lambda-vpc/stack-model';

const remote = (stack: string, output: string) =>
  `\${data.terraform_remote_state.cross-stack-reference-input-${stack}.outputs.${output}}`;

/** A caller stack publishing its VPC and role, as cdktf writes cross-stack outputs. */
const caller = new StackDocument('caller', {
  resource: {
    aws_vpc: { vpc: { cidr_block: '10.1.0.0/16' } },
    aws_iam_role: { role: { name: 'caller' } },
  },
  output: {
    'cross-stack-output-aws_vpcvpcid': { value: '${aws_vpc.vpc.id}', sensitive: true },
    'cross-stack-output-aws_iam_rolerolearn': { value: '${aws_iam_role.role.arn}', sensitive: true },
  },
} as StackJson);

/** A target stack with the same address as the caller's VPC, reading the caller's outputs. */
const target = new StackDocument('target', {
  resource: {
    aws_vpc: { vpc: { cidr_block: '10.2.0.0/16' } },
    aws_vpc_peering_connection: {
      peering: { vpc_id: remote('caller', 'cross-stack-output-aws_vpcvpcid'), peer_vpc_id: '${aws_vpc.vpc.id}' },
    },
    aws_vpc_endpoint: {
      lambda: {
        policy: JSON.stringify({ Principal: { AWS: [remote('caller', 'cross-stack-output-aws_iam_rolerolearn')] } }),
        vpc_id: remote('caller', 'cross-stack-output-missing'),
      },
    },
  },
  data: { terraform_remote_state: { 'cross-stack-reference-input-caller': { backend: 'local', config: {} } } },
} as StackJson);

describe('LinkedStacks: stacks read as one document', () => {
  const linked = new LinkedStacks([caller, target]);
  const doc = linked.document;
  const peering = doc.resources('aws_vpc_peering_connection')[0]!;

  it('keeps two stacks’ equal addresses apart, each back in its own stack', () => {
    expect(doc.resources('aws_vpc').map((vpc) => linked.origin(vpc.address))).toEqual([
      { stack: 'caller', address: 'aws_vpc.vpc' },
      { stack: 'target', address: 'aws_vpc.vpc' },
    ]);
  });

  it("follows a remote-state read to the other stack's output and on to its resource", () => {
    expect(linked.display(doc.resolve(peering.body.vpc_id)!.address)).toBe('caller:aws_vpc.vpc');
    expect(linked.display(doc.resolve(peering.body.peer_vpc_id)!.address)).toBe('target:aws_vpc.vpc');
  });

  it('rewrites a read embedded in a string (a policy) into a plain reference', () => {
    const endpoint = doc.resources('aws_vpc_endpoint')[0]!;
    const role = linked.mergedAddress('caller', 'aws_iam_role.role');
    expect(JSON.parse(endpoint.body.policy).Principal.AWS).toEqual([`\${${role}.arn}`]);
  });

  it('leaves a read of an output the stack does not have as written, and says why', () => {
    expect(doc.resources('aws_vpc_endpoint')[0]!.body.vpc_id).toBe(remote('caller', 'cross-stack-output-missing'));
    expect(linked.unresolved).toEqual([
      {
        stack: 'target',
        resource: 'aws_vpc_endpoint.lambda',
        reference: 'data.terraform_remote_state.cross-stack-reference-input-caller.outputs.cross-stack-output-missing',
        reason: 'stack caller has no output cross-stack-output-missing with a string value',
      },
    ]);
  });

  it('reads a remote state of a stack not given as unresolved', () => {
    const alone = new LinkedStacks([target, new StackDocument('other', { resource: {} })]);
    expect(alone.unresolved.map((u) => u.reason)).toContain(
      'remote state cross-stack-reference-input-caller reads a stack that is not among target, other',
    );
  });

  it('reads one stack given twice as that stack, unprefixed', () => {
    const same = new LinkedStacks([caller, caller]);
    expect(same.document.resources('aws_vpc').map((vpc) => vpc.address)).toEqual(['aws_vpc.vpc']);
    expect(same.display('aws_vpc.vpc')).toBe('caller:aws_vpc.vpc');
  });
});
