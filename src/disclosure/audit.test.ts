import { describe, expect, it } from 'vitest';
import { auditSuppression } from './audit.js';
import { primarySuppression } from './primary.js';
import { tableFromGrid } from './system.js';

// 3×3 table with margins; row totals 30, 45, 59; column totals 30, 45, 59; grand total 134.
const counts = [
  [3, 12, 15],
  [11, 20, 14],
  [16, 13, 30],
];
const labels = { table: 't', rows: ['a', 'b', 'c'], cols: ['x', 'y', 'z'] };
const system = tableFromGrid(counts, labels);
const sensitive = primarySuppression(system);

function intervals(result: Awaited<ReturnType<typeof auditSuppression>>): Record<string, [number, number]> {
  return Object.fromEntries(result.cells.map((c) => [c.id, [c.lower, c.upper]]));
}

describe('auditSuppression — worked examples (bounds derived by hand)', () => {
  it('finds exactly one sensitive cell (3 < 10) with protection [0, 10]', () => {
    expect(sensitive).toEqual([{ id: 't:a|x', value: 3, reasons: ['frequency'], lowerProtection: 3, upperProtection: 7 }]);
  });

  it('primary suppression alone fails: the row total gives the cell back exactly', async () => {
    const r = await auditSuppression(system, ['t:a|x'], sensitive);
    expect(r.pass).toBe(false);
    expect(r.failures).toEqual([{ id: 't:a|x', value: 3, lower: 3, upper: 3, required: { lower: 0, upper: 10 }, pass: false }]);
  });

  it('2×2 block {a,b}×{x,y}: with t = a|x, a|y = 15 − t, b|x = 14 − t, b|y = 17 + t, 0 ≤ t ≤ 14', async () => {
    const r = await auditSuppression(system, ['t:a|x', 't:a|y', 't:b|x', 't:b|y'], sensitive);
    expect(intervals(r)).toEqual({ 't:a|x': [0, 14], 't:a|y': [1, 15], 't:b|x': [0, 14], 't:b|y': [17, 31] });
    expect(r.pass).toBe(true);
  });

  it('6-cycle a|x a|y b|y b|z c|z c|x: a|y = 15 − t, b|y = 17 + t, b|z = 17 − t, c|z = 27 + t, c|x = 19 − t, 0 ≤ t ≤ 15', async () => {
    const r = await auditSuppression(system, ['t:a|x', 't:a|y', 't:b|y', 't:b|z', 't:c|x', 't:c|z'], sensitive);
    expect(intervals(r)).toEqual({
      't:a|x': [0, 15],
      't:a|y': [0, 15],
      't:b|y': [17, 32],
      't:b|z': [2, 17],
      't:c|x': [4, 19],
      't:c|z': [27, 42],
    });
    expect(r.pass).toBe(true);
  });

  it('a deliberately weak pattern (a row partner only; the column exposes the cell) fails and names the cell and its interval', async () => {
    const r = await auditSuppression(system, ['t:a|x', 't:a|y'], sensitive);
    expect(r.pass).toBe(false);
    expect(r.failures.map((f) => [f.id, f.lower, f.upper])).toEqual([['t:a|x', 3, 3]]);
    // The partner is exposed too, but it is not sensitive, so it does not fail.
    expect(r.cells.find((c) => c.id === 't:a|y')).toMatchObject({ lower: 12, upper: 12, pass: true });
  });

  it('a pattern that hides the cell but bounds it too tightly fails: the interval [0, 4] does not reach 10', async () => {
    // The diagonal partner b|y is small, so it cannot give a|x room to move down.
    const tight = tableFromGrid([[3, 40], [25, 1]], { table: 'u', rows: ['a', 'b'], cols: ['x', 'y'] });
    const sens = primarySuppression(tight);
    const r = await auditSuppression(tight, ['u:a|x', 'u:a|y', 'u:b|x', 'u:b|y'], sens);
    // b|x = 28 − a|x and b|y = 26 − b|x = a|x − 2 ≥ 0 ⇒ a|x ≥ 2; a|y = 43 − a|x ≥ 0 and b|x ≥ 0 ⇒ a|x ≤ 28.
    expect(r.cells.find((c) => c.id === 'u:a|x')).toMatchObject({ lower: 2, upper: 28 });
    // a|x (3) and b|y (1) are both sensitive; b|y = a|x − 2 ∈ [0, 26] passes, a|x cannot go below 2 so fails.
    expect(r.failures.map((f) => f.id)).toEqual(['u:a|x']);
  });

  it('a sensitive cell left published always fails', async () => {
    const r = await auditSuppression(system, [], sensitive);
    expect(r.failures).toEqual([{ id: 't:a|x', value: 3, lower: 3, upper: 3, required: { lower: 0, upper: 10 }, pass: false }]);
  });

  it('a known upper bound narrows the attacker interval', async () => {
    const bounded = tableFromGrid(counts, labels);
    const cells = [...bounded.cells.values()].map((c) => (c.id === 't:a|x' ? { ...c, upperBound: 8 } : c));
    const { makeSystem } = await import('./system.js');
    const s2 = makeSystem(cells, bounded.constraints);
    const r = await auditSuppression(s2, ['t:a|x', 't:a|y', 't:b|x', 't:b|y'], sensitive);
    expect(r.cells[0]).toMatchObject({ id: 't:a|x', lower: 0, upper: 8, pass: false });
  });
});
