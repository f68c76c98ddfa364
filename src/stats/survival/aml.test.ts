import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close.ts';
import fixture from './fixtures/aml.json' with { type: 'json' };
import { kaplanMeier } from './kaplan-meier.ts';
import { expectCurveMatchesR, expectLogRankMatchesR, type Case } from './survfit-expectations.ts';
import { logRank } from './log-rank.ts';

// The published worked example: R's survival::aml (Miller 1981), ../shared/reference/aml.csv.
// Published: log-rank χ² = 3.4 on 1 df, p = 0.07; medians 31 (Maintained), 23 (Nonmaintained).
const amlCase = fixture.case as unknown as Case;
const published = fixture.published;

describe('survival::aml, the published worked example', () => {
  const result = kaplanMeier(amlCase.time, amlCase.event, { group: amlCase.group ?? [] });

  it('reproduces the published rounded values', () => {
    const lr = result.logRank;
    expect(lr).not.toBeNull();
    expect(Number(lr?.statistic.toFixed(1))).toBe(published.logRankStatistic);
    expect(lr?.df).toBe(published.df);
    expect(Number(lr?.pValue.toFixed(2))).toBe(published.pValue);
    expect(result.groups.map((g) => [g.group, g.median])).toEqual([
      ['Maintained', published.medians.Maintained],
      ['Nonmaintained', published.medians.Nonmaintained],
    ]);
  });

  it("matches R's exact values", () => {
    for (const fit of amlCase.fits) {
      const r = kaplanMeier(amlCase.time, amlCase.event, { group: amlCase.group ?? [], confType: fit.confType, level: fit.level });
      fit.groups.forEach((g, i) => expectCurveMatchesR(r.groups[i], g, `aml ${fit.confType} ${String(g.group)}`));
      expectLogRankMatchesR(r.logRank, amlCase.logRank, 'aml');
    }
    // survdiff's chisq printed to more digits: 3.39638...
    expectClose(result.logRank?.statistic ?? NaN, amlCase.logRank?.statistic ?? NaN, 1e-9, 'aml χ²');
  });

  it('gives the same test through logRank()', () => {
    const lr = logRank(amlCase.time, amlCase.event, amlCase.group ?? []);
    expect(lr?.statistic).toBe(result.logRank?.statistic);
    expect(lr?.pValue).toBe(result.logRank?.pValue);
  });

  const csv = new URL('../../../../shared/reference/aml.csv', import.meta.url);
  it.skipIf(!existsSync(csv))('uses the data of ../shared/reference/aml.csv', () => {
    const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.map((r) => Number(r[0]))).toEqual(amlCase.time);
    expect(rows.map((r) => Number(r[1]))).toEqual(amlCase.event);
    expect(rows.map((r) => JSON.parse(r[2]) as string)).toEqual(amlCase.group);
  });
});
