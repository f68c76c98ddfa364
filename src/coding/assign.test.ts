import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignmentSummary, assignUnits } from './assign.ts';

const coderNames = (k: number): string[] => Array.from({ length: k }, (_, i) => `c${String.fromCharCode(97 + i)}`);

describe('assignUnits', () => {
  it('a hand-checked case: 4 units, 2 coders, half overlapped', () => {
    const a = assignUnits([40, 10, 30, 20], ['bob', 'alice'], { overlap: 0.5, seed: 1 });
    expect(a.map((x) => x.unit)).toEqual([10, 20, 30, 40]);
    // round(0.5·4) = 2 overlap units, each to both coders; the other 2 split one each → 3 units per coder.
    expect(a.filter((x) => x.overlap).map((x) => x.coders)).toEqual([['alice', 'bob'], ['alice', 'bob']]);
    const singles = a.filter((x) => !x.overlap).map((x) => x.coders[0]).sort();
    expect(singles).toEqual(['alice', 'bob']);
    expect(assignmentSummary(a, ['alice', 'bob'])).toEqual({ workload: { alice: 3, bob: 3 }, overlapUnits: 2, pairs: { 'alice+bob': 2 } });
  });

  it('3 coders, full overlap in pairs: each pair meets equally often', () => {
    const a = assignUnits([1, 2, 3, 4, 5, 6], ['a', 'b', 'c'], { overlap: 1, seed: 7 });
    const s = assignmentSummary(a, ['a', 'b', 'c']);
    expect(s.workload).toEqual({ a: 4, b: 4, c: 4 });
    expect(s.pairs).toEqual({ 'a+b': 2, 'a+c': 2, 'b+c': 2 });
  });

  it('is deterministic, ignores input order, and depends on the seed', () => {
    const units = Array.from({ length: 60 }, (_, i) => i + 1);
    const opts = { overlap: 0.3, seed: 42 };
    const a = assignUnits(units, ['x', 'y', 'z'], opts);
    expect(assignUnits([...units].reverse(), ['z', 'x', 'y'], opts)).toEqual(a);
    expect(assignUnits(units, ['x', 'y', 'z'], { ...opts, seed: 43 })).not.toEqual(a);
  });

  it('refuses impossible designs', () => {
    expect(() => assignUnits([1, 2], ['a'], { overlap: 0.5, seed: 1 })).toThrow(/at least 2 coders/);
    expect(() => assignUnits([1, 2], ['a', 'b'], { overlap: 0.5, ratersPerOverlap: 3, seed: 1 })).toThrow(/exceeds the number of coders/);
    expect(() => assignUnits([1, 2], ['a', 'a'], { overlap: 0, seed: 1 })).toThrow(/distinct/);
    expect(() => assignUnits([1, 2], ['a', 'b'], { overlap: 1.5, seed: 1 })).toThrow(/overlap/);
    expect(() => assignUnits([1, 2], ['a', 'b'], { overlap: 0.5, ratersPerOverlap: 1, seed: 1 })).toThrow(/at least 2/);
  });

  const design = fc
    .record({ n: fc.integer({ min: 0, max: 120 }), k: fc.integer({ min: 2, max: 8 }), overlap: fc.double({ min: 0, max: 1, noNaN: true }), seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }) })
    .chain((d) => fc.record({ d: fc.constant(d), r: fc.integer({ min: 2, max: d.k }) }));

  it('invariants: coverage, overlap count, distinct coders per unit, workloads within 1, pairs balanced', () => {
    fc.assert(
      fc.property(design, ({ d, r }) => {
        const units = Array.from({ length: d.n }, (_, i) => 1000 + 7 * i);
        const coders = coderNames(d.k);
        const a = assignUnits(units, coders, { overlap: d.overlap, ratersPerOverlap: r, seed: d.seed });
        expect(a.map((x) => x.unit)).toEqual(units);
        const m = Math.round(d.overlap * d.n);
        expect(a.filter((x) => x.overlap)).toHaveLength(m);
        for (const x of a) {
          expect(new Set(x.coders).size).toBe(x.coders.length);
          expect(x.coders.length).toBe(x.overlap ? r : 1);
          for (const c of x.coders) expect(coders).toContain(c);
        }
        const s = assignmentSummary(a, coders);
        const loads = Object.values(s.workload);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        const pairs = Object.values(s.pairs);
        // Pair balancing (greedy, then workload-preserving exchanges): with two raters per unit the
        // pair counts differ by at most 1 — the best possible — and by at most 3 for larger sets.
        if (m > 0) expect(Math.max(...pairs) - Math.min(...pairs)).toBeLessThanOrEqual(r === 2 ? 1 : 3);
        // So with two raters and at least one overlap unit per pair, every pair has data for κ.
        if (r === 2 && m >= pairs.length) expect(Math.min(...pairs)).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
