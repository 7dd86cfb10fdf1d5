import { eipAllocationProblems } from '@lambda-vpc/nat';

const FORM = 'is not an EIP allocation ID; allowed: eipalloc- followed by 8 or 17 hex digits';

describe('eipAllocationProblems: the form of each ID', () => {
  it.each(['eipalloc-1a2b3c4d', 'eipalloc-0123456789abcdef0'])('accepts %s (8 or 17 hex digits)', (id) => {
    expect(eipAllocationProblems([id])).toEqual([]);
  });

  it.each([
    ['eipalloc-1a2b3c4'], // 7 hex digits
    ['eipalloc-0123456789'], // 10: neither the old 8 nor the new 17
    ['eipalloc-0123456789abcdef'], // 16
    ['eipalloc-0123456789abcdef01'], // 18
    ['eipalloc-1a2b3c4g'], // not hex
    ['eip-1a2b3c4d'],
    ['1a2b3c4d'],
    [' eipalloc-1a2b3c4d'],
  ])('refuses %j, naming its position', (bad) => {
    expect(eipAllocationProblems(['eipalloc-1a2b3c4d', bad])).toEqual([{ index: 1, message: FORM }]);
  });
});

describe('eipAllocationProblems: one ID per NAT', () => {
  it('refuses a count other than the number of NATs, naming both and the strategy when given', () => {
    expect(eipAllocationProblems(['eipalloc-1a2b3c4d'], 2, 'gateway-per-az')).toEqual([
      {
        message:
          '1 EIP allocation ID(s) provided, 2 NAT(s) of strategy gateway-per-az need them; ' +
          'allowed: exactly 2, or none to allocate new EIPs',
      },
    ]);
    expect(eipAllocationProblems([], 3)).toEqual([
      {
        message:
          '0 EIP allocation ID(s) provided, 3 NAT(s) need them; allowed: exactly 3, or none to allocate new EIPs',
      },
    ]);
  });

  it('leaves the count alone when the number of NATs is not known', () => {
    expect(eipAllocationProblems(['eipalloc-1a2b3c4d', 'eipalloc-5e6f7a8b'])).toEqual([]);
  });
});
