import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumericalError } from '../contract/method.ts';
import { expectClose } from '../testing/close.ts';
import { encodeGroups } from './group-codes.ts';
import { logRank } from './log-rank.ts';

/** survdiff's sums written out directly, O(k² · times): the oracle for the lazy sums. */
function directSums(time: number[], event: number[], group: string[]): { observed: number[]; expected: number[]; variance: number[][] } {
  const { codes, levels } = encodeGroups(group);
  const k = levels.length;
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const variance = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const t of [...new Set(time)].sort((a, b) => a - b)) {
    const atRisk = new Array<number>(k).fill(0);
    const deaths = new Array<number>(k).fill(0);
    time.forEach((ti, i) => {
      if (ti >= t) atRisk[codes[i]]++;
      if (ti === t && event[i] === 1) deaths[codes[i]]++;
    });
    const n = atRisk.reduce((a, b) => a + b, 0);
    const d = deaths.reduce((a, b) => a + b, 0);
    if (d === 0) continue;
    for (let j = 0; j < k; j++) {
      observed[j] += deaths[j];
      expected[j] += (atRisk[j] * d) / n;
      if (n > 1) for (let h = 0; h < k; h++) variance[j][h] += ((d * (n - d)) / (n * n * (n - 1))) * atRisk[j] * ((j === h ? n : 0) - atRisk[h]);
    }
  }
  return { observed, expected, variance };
}

describe('logRank', () => {
  it('keeps the same observed, expected and covariance as the direct sums, for any number of groups', () => {
    const row = fc.record({ time: fc.integer({ min: 0, max: 30 }), event: fc.constantFrom(0, 1, 1), group: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f') });
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 120 }), (rows) => {
        const time = rows.map((r) => r.time);
        const event = rows.map((r) => r.event);
        const group = rows.map((r) => r.group);
        const direct = directSums(time, event, group);
        const result = logRank(time, event, group);
        if (!result) return; // nothing to compare (or a singular covariance)
        const k = direct.observed.length;
        for (let j = 0; j < k; j++) {
          expectClose(result.observed[j], direct.observed[j], 1e-12, `observed[${j}]`);
          expectClose(result.expected[j], direct.expected[j], 1e-12, `expected[${j}]`);
          for (let h = 0; h < k; h++) expectClose(result.variance[j * k + h], direct.variance[j][h], 1e-12, `variance[${j}][${h}]`);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is null with one group and with nothing to compare', () => {
    expect(logRank([1, 2, 3], [1, 0, 1], ['a', 'a', 'a'])).toBeNull();
    expect(logRank([1, 2, 3, 4], [0, 0, 0, 0], ['a', 'a', 'b', 'b'])).toBeNull();
    // Group b leaves before the only event: E_b = 0, one group left.
    expect(logRank([1, 2, 3], [0, 1, 0], ['b', 'a', 'a'])).toBeNull();
  });

  it('is null when the covariance is singular (survdiff stops in solve())', () => {
    // Everyone at risk dies at once: the hypergeometric variance is 0.
    expect(logRank([1, 1], [1, 1], [1, 2])).toBeNull();
  });

  it('refuses more than 1,000 groups', () => {
    const group = Array.from({ length: 1001 }, (_, i) => i);
    expect(() => logRank(group.map(() => 1), group.map(() => 1), group)).toThrow(NumericalError);
  });

  it('gives the χ² upper tail without cancellation', () => {
    const time = [...Array.from({ length: 60 }, (_, i) => i + 1), ...Array.from({ length: 60 }, (_, i) => i + 101)];
    const r = logRank(time, time.map(() => 1), time.map((_, i) => (i < 60 ? 'early' : 'late')));
    expect(r?.pValue).toBeGreaterThan(0);
    expect(r?.pValue).toBeLessThan(1e-25);
  });
});
