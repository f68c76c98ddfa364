import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawSample } from './draw-sample.ts';
import { frameHash } from './frame.ts';
import type { Sample } from './sample.ts';

/** A frame of 1,000 units in strata A/B/C of 500/300/200, ids u0000 … u0999. */
function makeFrame(): { ids: string[]; strata: string[] } {
  const ids: string[] = [];
  const strata: string[] = [];
  for (let i = 0; i < 1000; i++) {
    ids.push(`u${String(i).padStart(4, '0')}`);
    strata.push(i < 500 ? 'A' : i < 800 ? 'B' : 'C');
  }
  return { ids, strata };
}

/** A fixed permutation (reverse, then interleave) — the same units in another order. */
function shuffled<T>(xs: readonly T[]): T[] {
  const r = xs.slice().reverse();
  return [...r.filter((_, i) => i % 2 === 0), ...r.filter((_, i) => i % 2 === 1)];
}

const frame = makeFrame();
const ids = (s: Sample) => s.units.map((u) => u.id);

describe('drawSample: simple random sampling', () => {
  it('records design, frame hash, PRNG, seed and allocation; weights N/n', () => {
    const s = drawSample({ ids: frame.ids }, { kind: 'srs', n: 40 }, 7);
    expect(s.prng).toBe('mt19937');
    expect(s.seed).toBe(7);
    expect(s.design).toEqual({ kind: 'srs', n: 40 });
    expect(s.frameHash).toBe(frameHash(frame.ids));
    expect(s.frameSize).toBe(1000);
    expect(s.allocation).toEqual([{ stratum: null, populationSize: 1000, sampleSize: 40 }]);
    expect(s.units).toHaveLength(40);
    expect(new Set(ids(s)).size).toBe(40);
    for (const u of s.units) {
      expect(u).toEqual({ id: u.id, stratum: null, inclusionProbability: 0.04, weight: 25, stratumSize: 1000 });
      expect(frame.ids).toContain(u.id);
    }
    expect(ids(s)).toEqual(ids(s).slice().sort());
  });

  it('is the same across runs and input orders; another seed gives another sample', () => {
    const a = drawSample({ ids: frame.ids }, { kind: 'srs', n: 40 }, 7);
    const b = drawSample({ ids: shuffled(frame.ids) }, { kind: 'srs', n: 40 }, 7);
    expect(ids(b)).toEqual(ids(a));
    expect(b.frameHash).toBe(a.frameHash);
    expect(ids(drawSample({ ids: frame.ids }, { kind: 'srs', n: 40 }, 8))).not.toEqual(ids(a));
  });

  it('pins the sample for seed 1 (a change of PRNG, seeding or draw order shows here)', () => {
    const s = drawSample({ ids: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] }, { kind: 'srs', n: 3 }, 1);
    expect(ids(s)).toEqual(PINNED_SEED_1);
  });

  it('n = N is a census with all weights 1; n = 0 selects nothing', () => {
    const c = drawSample({ ids: frame.ids }, { kind: 'srs', n: 1000 }, 3);
    expect(ids(c)).toEqual(frame.ids);
    expect(c.units.every((u) => u.weight === 1 && u.inclusionProbability === 1)).toBe(true);
    expect(drawSample({ ids: frame.ids }, { kind: 'srs', n: 0 }, 3).units).toEqual([]);
  });

  it('is frozen', () => {
    const s = drawSample({ ids: frame.ids }, { kind: 'srs', n: 5 }, 1);
    expect(Object.isFrozen(s) && Object.isFrozen(s.units) && Object.isFrozen(s.units[0]) && Object.isFrozen(s.design)).toBe(true);
  });

  it('rejects bad seeds and sizes', () => {
    expect(() => drawSample({ ids: frame.ids }, { kind: 'srs', n: 5 }, -1)).toThrow(RangeError);
    expect(() => drawSample({ ids: frame.ids }, { kind: 'srs', n: 5 }, 2 ** 32)).toThrow(RangeError);
    expect(() => drawSample({ ids: frame.ids }, { kind: 'srs', n: 5 }, 1.5)).toThrow(RangeError);
    expect(() => drawSample({ ids: frame.ids }, { kind: 'srs', n: 1001 }, 1)).toThrow(RangeError);
  });
});

describe('drawSample: stratified', () => {
  it('proportional: 50/30/20, every unit from its own stratum, π = n_h/N_h, weights summing to N_h', () => {
    const s = drawSample(frame, { kind: 'stratified', n: 100, allocation: 'proportional' }, 11);
    expect(s.allocation).toEqual([
      { stratum: 'A', populationSize: 500, sampleSize: 50 },
      { stratum: 'B', populationSize: 300, sampleSize: 30 },
      { stratum: 'C', populationSize: 200, sampleSize: 20 },
    ]);
    const stratumOf = new Map(frame.ids.map((id, i) => [id, frame.strata[i]]));
    for (const u of s.units) {
      expect(u.stratum).toBe(stratumOf.get(u.id));
      expect(u.inclusionProbability).toBe(0.1);
      expect(u.weight).toBe(10);
    }
    for (const a of s.allocation) {
      const sum = s.units.filter((u) => u.stratum === a.stratum).reduce((t, u) => t + u.weight, 0);
      expect(Math.abs(sum - a.populationSize)).toBeLessThan(1e-9);
      expect(s.units.filter((u) => u.stratum === a.stratum).every((u) => u.stratumSize === a.populationSize)).toBe(true);
    }
  });

  it('Neyman with S_h = 10/20/40 gives 26/32/42 and weights 500/26, 300/32, 200/42', () => {
    const s = drawSample(frame, { kind: 'stratified', n: 100, allocation: 'neyman', standardDeviations: { A: 10, B: 20, C: 40 } }, 11);
    expect(s.allocation.map((a) => a.sampleSize)).toEqual([26, 32, 42]);
    expect(s.units.find((u) => u.stratum === 'A')?.weight).toBe(500 / 26);
    expect(s.units.find((u) => u.stratum === 'C')?.inclusionProbability).toBe(42 / 200);
    expect(s.design).toEqual({ kind: 'stratified', n: 100, allocation: 'neyman', standardDeviations: { A: 10, B: 20, C: 40 } });
  });

  it('is the same across input orders; another seed differs', () => {
    const design = { kind: 'stratified', n: 60, allocation: 'equal', minimumPerStratum: 5 } as const;
    const a = drawSample(frame, design, 99);
    const b = drawSample({ ids: shuffled(frame.ids), strata: shuffled(frame.strata) }, design, 99);
    expect(b).toEqual(a);
    expect(ids(drawSample(frame, design, 100))).not.toEqual(ids(a));
  });

  it('census: n = N gives every unit with weight 1', () => {
    const s = drawSample(frame, { kind: 'stratified', n: 1000, allocation: 'neyman', standardDeviations: { A: 1, B: 2, C: 3 } }, 5);
    expect(s.units).toHaveLength(1000);
    expect(s.units.every((u) => u.weight === 1)).toBe(true);
  });

  it('needs strata, and a standard deviation per stratum for Neyman', () => {
    expect(() => drawSample({ ids: frame.ids }, { kind: 'stratified', n: 10, allocation: 'equal' }, 1)).toThrow(/stratum label/);
    expect(() => drawSample(frame, { kind: 'stratified', n: 10, allocation: 'neyman', standardDeviations: { A: 1, B: 1 } }, 1)).toThrow(/stratum C/);
    expect(() => drawSample(frame, { kind: 'stratified', n: 10, allocation: 'proportional', minimumPerStratum: 4 }, 1)).toThrow(/minimum/);
  });

  it('property: any seed gives distinct units, allocation as recorded, weights summing to N_h in every sampled stratum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 1000 }), fc.constantFrom('proportional' as const, 'equal' as const), (seed, n, allocation) => {
        const s = drawSample(frame, { kind: 'stratified', n, allocation }, seed);
        expect(s.units).toHaveLength(n);
        expect(new Set(ids(s)).size).toBe(n);
        for (const a of s.allocation) {
          const mine = s.units.filter((u) => u.stratum === a.stratum);
          expect(mine).toHaveLength(a.sampleSize);
          if (a.sampleSize > 0) expect(Math.abs(mine.reduce((t, u) => t + u.weight, 0) - a.populationSize)).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 50 },
    );
  });
});

// Worked out independently of drawSample: MT19937 from @stdlib keyed [0x56445853, 1], three
// rejection-sampled draws j = i + x mod (10 − i), swaps on a..j, first three sorted.
const PINNED_SEED_1 = ['a', 'f', 'i'];
