import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close.ts';
import fixtures from './fixtures/kaplan-meier.json' with { type: 'json' };
import { kaplanMeier } from './kaplan-meier.ts';
import { expectCurveMatchesR, expectLogRankMatchesR, type Case } from './survfit-expectations.ts';

// Closed forms: agreement with survival::survfit / survdiff to 1e-9 (relative, absolute below 1).
const TOL = 1e-9;

const cases = fixtures.cases as unknown as Case[];

describe('kaplanMeier against survival::survfit / survdiff (scripts/reference/survival.R)', () => {
  for (const c of cases) {
    describe(`${c.name}: ${c.note}`, () => {
      for (const fit of c.fits) {
        it(`${fit.confType}, level ${fit.level}`, () => {
          const result = kaplanMeier(c.time, c.event, { confType: fit.confType, level: fit.level, ...(c.group ? { group: c.group } : {}) });
          expect(result.confType).toBe(fit.confType);
          expect(result.level).toBe(fit.level);
          expect(result.groups.length).toBe(fit.groups.length);
          fit.groups.forEach((g, i) => expectCurveMatchesR(result.groups[i], g, `${c.name} ${fit.confType} ${String(g.group)}`));
          expectLogRankMatchesR(result.logRank, c.logRank, c.name);
        });
      }
    });
  }
});

describe('kaplanMeier edge cases', () => {
  const byName = (name: string): Case => {
    const c = cases.find((x) => x.name === name);
    if (!c) throw new Error(`no fixture case ${name}`);
    return c;
  };

  it('counts censorings tied with events at risk at that time', () => {
    const c = byName('ties');
    const r = kaplanMeier(c.time, c.event);
    // t = 1: all 12 at risk, 2 events (the censoring at 1 still at risk); t = 2: 9 at risk.
    expect(Array.from(r.groups[0].nRisk.subarray(0, 2))).toEqual([12, 9]);
    expectClose(r.groups[0].survival[0], 10 / 12, TOL);
  });

  it('gives an all-censored group no steps, survival 1 and a null median', () => {
    const r = kaplanMeier([1, 2, 3], [0, 0, 0]);
    const g = r.groups[0];
    expect(g.time.length).toBe(0);
    expect([g.n, g.events, g.median, g.medianLower, g.medianUpper]).toEqual([3, 0, null, null, null]);
    expect(g.lastTime).toBe(3);
  });

  it('marks the SE and limits NaN once the curve hits 0, in every interval type', () => {
    for (const confType of ['log-log', 'log', 'plain'] as const) {
      const g = kaplanMeier([1, 2], [1, 1], { confType }).groups[0];
      expect(g.survival[1]).toBe(0);
      expect([g.standardError[1], g.lower[1], g.upper[1]].every(Number.isNaN)).toBe(true);
      expect(g.median).toBe(1.5);
    }
  });

  it('keeps group labels of either type, numbers first, and sorts strings by code unit', () => {
    const r = kaplanMeier([1, 2, 3, 4, 5], [1, 1, 1, 1, 1], { group: ['b', 10, 'B', 9, 'a'] });
    expect(r.groups.map((g) => g.group)).toEqual([9, 10, 'B', 'a', 'b']);
  });

  it('rejects bad input', () => {
    expect(() => kaplanMeier([], [])).toThrow(RangeError);
    expect(() => kaplanMeier([1, 2], [1])).toThrow(/event has 1 values/);
    expect(() => kaplanMeier([1, -2], [1, 1])).toThrow(/time\[1\]/);
    expect(() => kaplanMeier([1, NaN], [1, 1])).toThrow(/time\[1\]/);
    expect(() => kaplanMeier([1, 2], [1, 2])).toThrow(/event\[1\] must be 0 or 1/);
    expect(() => kaplanMeier([1, 2], [1, 1], { group: ['a'] })).toThrow(/group has 1 values/);
    expect(() => kaplanMeier([1, 2], [1, 1], { group: ['a', NaN] })).toThrow(/group\[1\]/);
    expect(() => kaplanMeier([1, 2], [1, 1], { level: 1 })).toThrow(/level/);
  });

  it('sorts large inputs by radix and gives the same curve as the comparison sort', () => {
    // 5,000 rows take the radix path; checked against a direct product-limit computation.
    const n = 5000;
    const time = Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 8);
    const event = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1));
    const big = kaplanMeier(time, event).groups[0];
    for (let s = 1; s < big.time.length; s++) expect(big.time[s]).toBeGreaterThan(big.time[s - 1]);
    let atRisk = n;
    let surv = 1;
    const sorted = time.map((t, i) => [t, event[i]] as const).sort((a, b) => a[0] - b[0]);
    let i = 0;
    let step = 0;
    while (i < n) {
      const t = sorted[i][0];
      let d = 0;
      let m = 0;
      while (i < n && sorted[i][0] === t) {
        d += sorted[i][1];
        m++;
        i++;
      }
      if (d > 0) {
        surv *= (atRisk - d) / atRisk;
        expect(big.time[step]).toBe(t);
        expect(big.nRisk[step]).toBe(atRisk);
        expectClose(big.survival[step], surv, 1e-12, `S(${t})`);
        step++;
      }
      atRisk -= m;
    }
    expect(step).toBe(big.time.length);
  });
});
