import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier, type KaplanMeierResult } from './kaplan-meier.ts';
import { CONF_TYPES } from './survival-interval.ts';

const row = fc.record({
  time: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.double({ min: 0, max: 50, noNaN: true })),
  event: fc.constantFrom(0, 1),
  group: fc.constantFrom<string | number>('a', 'b', 7),
});
const data = fc.array(row, { minLength: 1, maxLength: 80 });
const options = fc.record({ confType: fc.constantFrom(...CONF_TYPES), level: fc.constantFrom(0.8, 0.9, 0.95, 0.99), grouped: fc.boolean() });

function fit(rows: { time: number; event: number; group: string | number }[], o: { confType: (typeof CONF_TYPES)[number]; level: number; grouped: boolean }): KaplanMeierResult {
  return kaplanMeier(
    rows.map((r) => r.time),
    rows.map((r) => r.event),
    { confType: o.confType, level: o.level, ...(o.grouped ? { group: rows.map((r) => r.group) } : {}) },
  );
}

describe('kaplanMeier properties', () => {
  it('survival is non-increasing and in [0, 1]; lower ≤ survival ≤ upper where defined', () => {
    fc.assert(
      fc.property(data, options, (rows, o) => {
        for (const g of fit(rows, o).groups) {
          let previous = 1;
          g.survival.forEach((s, i) => {
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(previous);
            previous = s;
            if (s > 0) {
              expect(g.lower[i]).toBeLessThanOrEqual(s);
              expect(g.upper[i]).toBeGreaterThanOrEqual(s);
              expect(g.lower[i]).toBeGreaterThanOrEqual(0);
              expect(g.upper[i]).toBeLessThanOrEqual(1);
              expect(g.standardError[i]).toBeGreaterThanOrEqual(0);
            }
          });
          if (g.median !== null && g.medianLower !== null) expect(g.medianLower).toBeLessThanOrEqual(g.median);
          if (g.median !== null && g.medianUpper !== null) expect(g.medianUpper).toBeGreaterThanOrEqual(g.median);
          expect(g.events).toBe(g.nEvent.reduce((a, b) => a + b, 0));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('permuting input rows leaves every result unchanged', () => {
    const permuted = data.chain((rows) =>
      fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows.map((_, i) => i), { minLength: rows.length, maxLength: rows.length })),
    );
    fc.assert(
      fc.property(permuted, options, ([rows, order], o) => {
        expect(fit(order.map((i) => rows[i]), o)).toEqual(fit(rows, o));
      }),
      { numRuns: 300 },
    );
  });

  it('permuting rows leaves the result unchanged on the radix-sort path too', () => {
    const n = 6000;
    const rows = Array.from({ length: n }, (_, i) => ({ time: ((i * 7919) % 997) / 4, event: i % 4 === 0 ? 0 : 1, group: ['a', 'b', 7][i % 3] }));
    const reversed = [...rows].reverse();
    const o = { confType: 'log-log', level: 0.95, grouped: true } as const;
    expect(fit(reversed, o)).toEqual(fit(rows, o));
  });
});
