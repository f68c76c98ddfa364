import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocation.ts';

describe('allocate (hand-checked)', () => {
  const sizes = [500, 300, 200];

  it('proportional: N_h = 500/300/200, n = 100 → 50/30/20', () => {
    expect(allocate({ populationSizes: sizes, n: 100, rule: 'proportional' })).toEqual([50, 30, 20]);
  });

  it('equal: 100/3 = 33.33 each; the one leftover unit goes to the first stratum (tie) → 34/33/33', () => {
    expect(allocate({ populationSizes: sizes, n: 100, rule: 'equal' })).toEqual([34, 33, 33]);
  });

  it('Neyman: S_h = 10/20/40 → N_h·S_h = 5000/6000/8000 of 19000 → 26.32/31.58/42.11 → 26/32/42', () => {
    expect(allocate({ populationSizes: sizes, n: 100, rule: 'neyman', standardDeviations: [10, 20, 40] })).toEqual([26, 32, 42]);
  });

  it('proportional with remainders: N_h = 900/90/10, n = 50 → 45/4.5/0.5 → 45/5/0 (tie to the earlier stratum)', () => {
    expect(allocate({ populationSizes: [900, 90, 10], n: 50, rule: 'proportional' })).toEqual([45, 5, 0]);
  });

  it('minimum 5: 0.5 → 5, then 45·90/990 = 4.09 → 5, the rest 40 → 40/5/5', () => {
    expect(allocate({ populationSizes: [900, 90, 10], n: 50, rule: 'proportional', minimumPerStratum: 5 })).toEqual([40, 5, 5]);
  });

  it('a stratum smaller than the minimum is taken whole: 0.14 → 3 (all); 47·90/990 = 4.27 → 5; the rest 42 → 42/5/3', () => {
    expect(allocate({ populationSizes: [900, 90, 3], n: 50, rule: 'proportional', minimumPerStratum: 5 })).toEqual([42, 5, 3]);
  });

  it('a minimum that cannot be met throws', () => {
    expect(() => allocate({ populationSizes: sizes, n: 50, rule: 'proportional', minimumPerStratum: 20 })).toThrow(/minimum of 20 per stratum needs 60 units/);
  });

  it('equal allocation is capped at N_h: N_h = 500/300/10, n = 100 → 45/45/10', () => {
    expect(allocate({ populationSizes: [500, 300, 10], n: 100, rule: 'equal' })).toEqual([45, 45, 10]);
  });

  it('Neyman caps a stratum at N_h and shares the rest: S = 1/1/100, N = 500/300/20, n = 100', () => {
    // 500/300/2000 of 2800 → the third (71.4) exceeds 20 → 20; the rest 80 → 50/30.
    expect(allocate({ populationSizes: [500, 300, 20], n: 100, rule: 'neyman', standardDeviations: [1, 1, 100] })).toEqual([50, 30, 20]);
  });

  it('Neyman with S_h = 0 gives only the minimum', () => {
    expect(allocate({ populationSizes: sizes, n: 100, rule: 'neyman', standardDeviations: [0, 1, 1], minimumPerStratum: 2 })).toEqual([2, 59, 39]);
  });

  it('floating-point noise in N_h·S_h never breaks a tie: S = √0.09/√0.25/√0.09 → 150/150/60 → 42/42/16', () => {
    const sd = [Math.sqrt(0.09), Math.sqrt(0.25), Math.sqrt(0.09)];
    expect(allocate({ populationSizes: sizes, n: 100, rule: 'neyman', standardDeviations: sd })).toEqual([42, 42, 16]);
  });

  it('census: n = N gives n_h = N_h under every rule', () => {
    expect(allocate({ populationSizes: sizes, n: 1000, rule: 'proportional' })).toEqual(sizes);
    expect(allocate({ populationSizes: sizes, n: 1000, rule: 'equal' })).toEqual(sizes);
    expect(allocate({ populationSizes: sizes, n: 1000, rule: 'neyman', standardDeviations: [1, 2, 3] })).toEqual(sizes);
  });

  it('rejects bad input', () => {
    expect(() => allocate({ populationSizes: sizes, n: 1001, rule: 'proportional' })).toThrow(RangeError);
    expect(() => allocate({ populationSizes: sizes, n: 1.5, rule: 'proportional' })).toThrow(RangeError);
    expect(() => allocate({ populationSizes: sizes, n: 10, rule: 'neyman' })).toThrow(/one standard deviation per stratum/);
    expect(() => allocate({ populationSizes: sizes, n: 10, rule: 'neyman', standardDeviations: [0, 0, 0] })).toThrow(RangeError);
    expect(() => allocate({ populationSizes: [0, 3], n: 1, rule: 'equal' })).toThrow(RangeError);
  });
});

describe('allocate (properties)', () => {
  const input = fc
    .array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 8 })
    .chain((sizes) => {
      const total = sizes.reduce((s, x) => s + x, 0);
      return fc.record({
        sizes: fc.constant(sizes),
        n: fc.integer({ min: 0, max: total }),
        rule: fc.constantFrom('proportional' as const, 'equal' as const, 'neyman' as const),
        sd: fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: sizes.length, maxLength: sizes.length }),
        minimum: fc.integer({ min: 0, max: 10 }),
      });
    });

  it('sums exactly to n and keeps min(m, N_h) ≤ n_h ≤ N_h, or throws only when the minimum cannot be met', () => {
    fc.assert(
      fc.property(input, ({ sizes, n, rule, sd, minimum }) => {
        const needed = sizes.reduce((s, N) => s + Math.min(minimum, N), 0);
        const run = () => allocate({ populationSizes: sizes, n, rule, standardDeviations: sd, minimumPerStratum: minimum });
        if (needed > n) {
          expect(run).toThrow(RangeError);
          return;
        }
        const a = run();
        expect(a.reduce((s, x) => s + x, 0)).toBe(n);
        a.forEach((nh, h) => {
          expect(Number.isInteger(nh)).toBe(true);
          expect(nh).toBeLessThanOrEqual(sizes[h]);
          expect(nh).toBeGreaterThanOrEqual(Math.min(minimum, sizes[h]));
        });
      }),
    );
  });

  it('proportional without bounds stays within one unit of n·N_h/N', () => {
    fc.assert(
      fc.property(input, ({ sizes, n }) => {
        const total = sizes.reduce((s, x) => s + x, 0);
        const a = allocate({ populationSizes: sizes, n, rule: 'proportional' });
        a.forEach((nh, h) => expect(Math.abs(nh - (n * sizes[h]) / total)).toBeLessThan(1 + 1e-9));
      }),
    );
  });
});
