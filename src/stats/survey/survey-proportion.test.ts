import { describe, expect, it } from 'vitest';
import { NumericalError } from '../contract/method.ts';
import { expectClose } from '../testing/close.ts';
import { designOfCase, expectMatchesR, TOL, type SurveyCase } from './fixture-cases.ts';
import fixtures from './fixtures/survey-proportion.json' with { type: 'json' };
import { surveyProportion } from './survey-proportion.ts';

const cases = fixtures.cases as unknown as SurveyCase[];

describe('surveyProportion against R survey::svymean and svyciprop', () => {
  it('has the fixture cases', () => expect(cases.length).toBeGreaterThan(30));

  for (const c of cases) {
    it(c.name, () => {
      if (c.error) {
        const stratum = /Stratum \((.*)\)/.exec(c.error)?.[1] ?? '';
        expect(() => surveyProportion(c.y, designOfCase(c), c.level)).toThrow(`"${stratum}"`);
        return;
      }
      const e = c.expected!;
      const wald = surveyProportion(c.y, designOfCase(c), c.level, 'wald');
      expectMatchesR(wald, e, `${c.name} wald`);
      expect(wald.method).toBe('wald');

      const logit = surveyProportion(c.y, designOfCase(c), c.level, 'logit');
      expectClose(logit.estimate, e.estimate, TOL, `${c.name} logit estimate`);
      expectClose(logit.standardError, e.standardError, TOL, `${c.name} logit standardError`);
      if (e.estimate === 0 || e.estimate === 1) {
        // svymean's SE is 0: svyciprop's xlogit is NaN and its logit limits creep towards p.
        expect([logit.lower, logit.upper]).toEqual([e.estimate, e.estimate]);
        if (e.logit) expectClose(logit.lower, e.logit.lower, TOL, `${c.name} logit lower`);
      } else if (e.logit && e.xlogit) {
        expectClose(logit.lower, e.xlogit.lower, TOL, `${c.name} xlogit lower`);
        expectClose(logit.upper, e.xlogit.upper, TOL, `${c.name} xlogit upper`);
        // svyciprop "logit" goes through svyglm, converged to glm's default tolerance.
        expectClose(logit.lower, e.logit.lower, TOL, `${c.name} logit lower`);
        expectClose(logit.upper, e.logit.upper, TOL, `${c.name} logit upper`);
      } else {
        expect.fail(`${c.name}: the fixture has no logit interval`);
      }
    });
  }

  it('accepts booleans and a typed 0/1 array', () => {
    const c = cases.find((k) => k.name === 'stratified-clustered')!;
    const fromBooleans = surveyProportion(c.y.map((v) => v === 1), designOfCase(c), c.level, 'logit');
    const fromBytes = surveyProportion(Uint8Array.from(c.y), designOfCase(c), c.level, 'logit');
    expectClose(fromBooleans.upper, c.expected!.logit!.upper, TOL, 'booleans');
    expectClose(fromBytes.upper, c.expected!.logit!.upper, TOL, 'bytes');
  });

  it('keeps the logit interval inside (0, 1) where the Wald one leaves it', () => {
    const c = cases.find((k) => k.name === 'random-4')!;
    const wald = surveyProportion(c.y, designOfCase(c), c.level, 'wald');
    const logit = surveyProportion(c.y, designOfCase(c), c.level, 'logit');
    expect(wald.lower).toBeLessThan(0);
    expect(logit.lower).toBeGreaterThan(0);
    expect(logit.upper).toBeLessThan(1);
  });

  it('refuses y other than 0/1', () => {
    expect(() => surveyProportion([0, 1, 2], { weights: [1, 1, 1] })).toThrow(NumericalError);
    expect(() => surveyProportion([0, 1, 0.5], { weights: [1, 1, 1] })).toThrow(/y\[2\] must be 0 or 1/);
    expect(() => surveyProportion([true, 1, false] as unknown as boolean[], { weights: [1, 1, 1] })).toThrow(/y\[1\] must be a boolean/);
  });
});
