import { describe, expect, it } from 'vitest';
import { assertNoSmallCounts } from './guarantee.js';
import { protectShares } from './shares.js';

describe('protectShares', () => {
  const published = new Map<string, number | null>([
    ['f', 30],
    ['m', null],
    ['all', 75],
    ['none', 0],
  ]);
  it('computes shares from published counts and suppresses those with a suppressed input', () => {
    expect(
      protectShares(
        [
          { id: 'share_f', numerator: 'f', denominator: 'all' },
          { id: 'share_m', numerator: 'm', denominator: 'all' },
          { id: 'share_x', numerator: 'none', denominator: 'none' },
        ],
        published,
      ),
    ).toEqual([
      { id: 'share_f', value: 0.4, status: 'published' },
      { id: 'share_m', value: null, status: 'suppressed' },
      { id: 'share_x', value: null, status: 'empty' },
    ]);
  });
  it('refuses a share of a count that was never protected', () => {
    expect(() => protectShares([{ id: 's', numerator: 'raw', denominator: 'all' }], published)).toThrow(/cell raw is not among the protected counts/);
  });
});

describe('assertNoSmallCounts', () => {
  it('passes ≥ threshold, zeros and suppressed values', () => {
    expect(() => assertNoSmallCounts([{ id: 'a', value: 10 }, { id: 'b', value: 0 }, { id: 'c', value: null }])).not.toThrow();
  });
  it('fails closed on a small count, naming it', () => {
    expect(() => assertNoSmallCounts([{ id: 'a', value: 10 }, { id: 'b', value: 3 }], 10, { where: 'indicators.csv' })).toThrow(/indicators.csv: count\(s\) below the threshold 10 would be published: b = 3/);
  });
  it('fails on zeros when zeros are protected, and on non-counts', () => {
    expect(() => assertNoSmallCounts([{ id: 'z', value: 0 }], 10, { allowZero: false })).toThrow(/z = 0/);
    expect(() => assertNoSmallCounts([{ id: 'q', value: 12.5 }])).toThrow(/q = 12.5/);
  });
});
