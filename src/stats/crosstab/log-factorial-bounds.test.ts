import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leastLogFactorialSum, mostLogFactorialSum } from './log-factorial-bounds.ts';

const lf = (k: number): number => {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
};

/** Least and most Σ log n! over every table with these margins, by enumeration. */
function exactRange(rows: number[], cols: number[]): [number, number] {
  let least = Infinity;
  let most = -Infinity;
  const rowLeft = [...rows];
  const place = (j: number, i: number, rest: number, sum: number): void => {
    if (j === cols.length) {
      least = Math.min(least, sum);
      most = Math.max(most, sum);
      return;
    }
    if (i === rows.length - 1) {
      if (rest > rowLeft[i]!) return;
      rowLeft[i]! -= rest;
      place(j + 1, 0, cols[j + 1] ?? 0, sum + lf(rest));
      rowLeft[i]! += rest;
      return;
    }
    for (let v = 0; v <= Math.min(rest, rowLeft[i]!); v++) {
      rowLeft[i]! -= v;
      place(j, i + 1, rest - v, sum + lf(v));
      rowLeft[i]! += v;
    }
  };
  place(0, 0, cols[0]!, 0);
  return [least, most];
}

describe('bounds on Σ log n! over tables with given margins', () => {
  it('enclose the exact least and most sums (fast-check, seed 3)', () => {
    const margins = fc
      .array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 4 })
      .map((t) => ({ rows: t.map((row) => row.reduce((a, b) => a + b, 0)), cols: t[0]!.map((_, j) => t.reduce((a, row) => a + row[j]!, 0)) }));
    fc.assert(
      fc.property(margins, ({ rows, cols }) => {
        const [least, most] = exactRange(rows, cols);
        expect(leastLogFactorialSum(rows, cols, lf)).toBeLessThanOrEqual(least + 1e-9);
        expect(mostLogFactorialSum(rows, cols, lf)).toBeGreaterThanOrEqual(most - 1e-9);
      }),
      { seed: 3, numRuns: 200 },
    );
  });

  it('are tight where the margins leave one table', () => {
    expect(leastLogFactorialSum([5], [2, 3], lf)).toBeCloseTo(lf(2) + lf(3), 12);
    expect(mostLogFactorialSum([5], [2, 3], lf)).toBeCloseTo(lf(2) + lf(3), 12);
  });
});
