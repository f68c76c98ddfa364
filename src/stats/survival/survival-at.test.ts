import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close.ts';
import aml from './fixtures/aml.json' with { type: 'json' };
import fixtures from './fixtures/kaplan-meier.json' with { type: 'json' };
import { kaplanMeier } from './kaplan-meier.ts';
import { survivalAt } from './survival-at.ts';
import type { ConfType } from './survival-interval.ts';

type Num = number | null;
interface At {
  time: number[];
  survival: Num[];
  standardError: Num[];
  lower: Num[];
  upper: Num[];
}
interface Case {
  name: string;
  time: number[];
  event: number[];
  group?: (string | number)[];
  fits: { confType: ConfType; level: number; groups: { group: string | number | null; at: At | [] }[] }[];
}

const withAt = [aml.case as unknown as Case, ...(fixtures.cases as unknown as Case[])].filter((c) => c.fits[0].groups.some((g) => !Array.isArray(g.at)));

describe('survivalAt against summary(survfit, times =)', () => {
  it('has fixtures to check', () => expect(withAt.length).toBeGreaterThanOrEqual(2));
  for (const c of withAt) {
    for (const fit of c.fits) {
      it(`${c.name}, ${fit.confType}, level ${fit.level}`, () => {
        const r = kaplanMeier(c.time, c.event, { confType: fit.confType, level: fit.level, ...(c.group ? { group: c.group } : {}) });
        fit.groups.forEach((g, i) => {
          const at = g.at as At;
          at.time.forEach((t, j) => {
            const p = survivalAt(r.groups[i], t);
            const label = `${c.name} ${String(g.group)} t=${t}`;
            if (at.survival[j] === null) {
              expect(p, label).toBeNull();
              return;
            }
            expect(p, label).not.toBeNull();
            for (const key of ['survival', 'standardError', 'lower', 'upper'] as const) {
              const e = at[key][j];
              if (e === null) expect(Number.isNaN(p?.[key]), `${label} ${key} NaN`).toBe(true);
              else expectClose(p?.[key] ?? NaN, e, 1e-9, `${label} ${key}`);
            }
          });
        });
      });
    }
  }

  it('is the step function, right-continuous, 1 before the first event and null past follow-up', () => {
    const g = kaplanMeier([2, 4, 4, 7, 9], [1, 1, 0, 1, 0]).groups[0];
    expect(survivalAt(g, 0)).toEqual({ survival: 1, standardError: 0, lower: 1, upper: 1 });
    expect(survivalAt(g, 1.999)?.survival).toBe(1);
    expect(survivalAt(g, 2)?.survival).toBe(0.8);
    expect(survivalAt(g, 3.5)?.survival).toBe(0.8);
    expectClose(survivalAt(g, 4)?.survival ?? NaN, 0.6, 1e-15);
    expectClose(survivalAt(g, 9)?.survival ?? NaN, 0.3, 1e-15);
    expect(survivalAt(g, 9.0001)).toBeNull();
    expect(() => survivalAt(g, NaN)).toThrow(RangeError);
  });
});
