import { describe, expect, it } from 'vitest';
import fixture from '../trend/fixtures/trend.json' with { type: 'json' };
import { expectClose } from '../testing/close.ts';
import { describeMethod, findMethod, parseRequest, RequestError, runMethod } from './dispatch.ts';
import { NumericalError } from './method.ts';
import { trendMethod } from './trend.ts';

const run = (request: unknown): { statistic: number; df: number; pValue: number } =>
  JSON.parse(JSON.stringify(runMethod(trendMethod, request))) as { statistic: number; df: number; pValue: number };

function fieldsOf(request: unknown): string[] {
  try {
    parseRequest(trendMethod, request);
  } catch (e) {
    if (e instanceof RequestError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
}

describe('vindex stats trend', () => {
  it('is registered', () => expect(findMethod('trend')).toBe(trendMethod));

  it('answers as R prop.trend.test, with and without scores', () => {
    for (const name of ['smokers (?prop.trend.test)', 'unequal scores']) {
      const c = fixture.cases.find((k) => k.name === name)!;
      const out = run({ successes: c.successes, totals: c.totals, ...('scores' in c ? { scores: c.scores } : {}) });
      expectClose(out.statistic, c.statistic, 1e-9, `${name}: statistic`);
      expectClose(out.pValue, c.pValue, 1e-9, `${name}: p`);
      expect(out.df).toBe(1);
    }
  });

  it('refuses data with nothing to test as a NumericalError', () => {
    expect(() => runMethod(trendMethod, { successes: [0, 0, 0], totals: [5, 6, 7] })).toThrow(NumericalError);
    expect(() => runMethod(trendMethod, { successes: [1, 2, 3], totals: [5, 6, 7], scores: [2, 2, 2] })).toThrow(NumericalError);
  });

  it('names each wrong or missing field', () => {
    expect(fieldsOf({})).toEqual(['successes', 'totals']);
    expect(fieldsOf({ successes: [1, 2, 3], totals: [3, 4] })).toEqual(['totals']);
    expect(fieldsOf({ successes: [1, 2], totals: [3, 4], scores: [1] })).toEqual(['scores']);
    expect(fieldsOf({ successes: [1, 5], totals: [3, 4] })).toEqual(['successes[1]']);
    expect(fieldsOf({ successes: [1, -2], totals: [3, 4] })).toEqual(['successes[1]']);
    expect(fieldsOf({ successes: [1, 2], totals: [3, '4'] })).toEqual(['totals[1]']);
    expect(fieldsOf({ successes: [1, 2], totals: [3, 4], score: [1, 2] })).toEqual(['']);
  });

  it('documents every field for --help', () => {
    const help = describeMethod(trendMethod);
    for (const field of ['successes', 'totals', 'scores']) expect(help).toContain(`  ${field} (`);
  });
});
