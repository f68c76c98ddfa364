import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumericalError } from '../contract/method.ts';
import { expectClose } from '../testing/close.ts';
import fixtures from './fixtures/logistic.json' with { type: 'json' };
import { logisticRegression, type LogisticResult } from './logistic.ts';

// Agreement with R for an iterative fit (glm run with epsilon = 1e-14).
const TOL = 1e-6;

interface Expected {
  coefficients: { name: string; estimate: number; standardError: number; z: number; pValue: number; oddsRatio: number; lower: number; upper: number }[];
  deviance: number;
  nullDeviance: number;
  aic: number;
  logLikelihood: number;
}
interface Case {
  name: string;
  y: number[];
  x: number[][];
  names: string[];
  level?: number;
  expected?: Expected;
  error?: string;
  involved?: string[];
}

const cases = fixtures.cases as unknown as Case[];

function expectMatchesR(actual: LogisticResult, expected: Expected, label: string): void {
  expect(actual.coefficients.map((c) => c.name)).toEqual(expected.coefficients.map((c) => c.name));
  actual.coefficients.forEach((c, j) => {
    const e = expected.coefficients[j];
    for (const key of ['estimate', 'standardError', 'z', 'pValue', 'oddsRatio', 'lower', 'upper'] as const) {
      expectClose(c[key], e[key], TOL, `${label} ${c.name}.${key}`);
    }
  });
  expectClose(actual.deviance, expected.deviance, TOL, `${label} deviance`);
  expectClose(actual.nullDeviance, expected.nullDeviance, TOL, `${label} nullDeviance`);
  expectClose(actual.aic, expected.aic, TOL, `${label} aic`);
  expectClose(actual.logLikelihood, expected.logLikelihood, TOL, `${label} logLikelihood`);
}

describe('logisticRegression agrees with R glm(family = binomial)', () => {
  for (const c of cases.filter((k) => k.expected)) {
    it(c.name, () => {
      const fit = logisticRegression(c.y, c.x, c.names, c.level === undefined ? {} : { level: c.level });
      expect(fit.converged).toBe(true);
      expect(fit.warnings).toEqual([]);
      expectMatchesR(fit, c.expected!, c.name);
    });
  }

  it('accepts a flat row-major Float64Array as well as rows', () => {
    const c = cases.find((k) => k.name === 'random-n300-q4')!;
    const flat = Float64Array.from(c.x.flat());
    expectMatchesR(logisticRegression(c.y, flat, c.names), c.expected!, 'flat');
  });
});

describe('logisticRegression refuses data without an estimate', () => {
  for (const c of cases.filter((k) => k.error)) {
    it(`${c.name}: ${c.error} naming ${c.involved!.join(', ')}`, () => {
      let message = '';
      try {
        logisticRegression(c.y, c.x, c.names);
      } catch (e) {
        expect(e).toBeInstanceOf(NumericalError);
        message = (e as Error).message;
      }
      expect(message).toMatch(new RegExp(`^${c.error}`));
      for (const name of c.involved!) expect(message).toContain(`"${name}"`);
      // Names that are not involved are not blamed.
      for (const name of c.names.filter((s) => !c.involved!.includes(s))) expect(message).not.toContain(`"${name}"`);
    });
  }

  it('a constant outcome', () => {
    expect(() => logisticRegression([0, 0, 0], [[1], [2], [3]], ['x'])).toThrow(/outcome is 0 for all 3/);
    expect(() => logisticRegression([1, 1], [[1], [2]], ['x'])).toThrow(/outcome is 1 for all 2/);
  });

  it('an outcome that is not 0/1, non-finite covariates, ragged rows, a reserved name', () => {
    expect(() => logisticRegression([0, 2], [[1], [2]], ['x'])).toThrow(/y\[1\] is 2/);
    expect(() => logisticRegression([0, 1], [[1], [NaN]], ['x'])).toThrow(/x\[1\] for "x" is NaN/);
    expect(() => logisticRegression([0, 1], [[1], [2, 3]], ['x'])).toThrow(/row 1 has 2 values/);
    expect(() => logisticRegression([0, 1], [[1], [2]], ['(Intercept)'])).toThrow(/reserved/);
    expect(() => logisticRegression([0, 1], [[1], [2]], ['x'], { level: 1 })).toThrow(/level/);
  });
});

describe('logisticRegression invariants (fast-check, fixed seed)', () => {
  const base = cases.find((k) => k.name === 'random-n300-q4')!;
  const reference = logisticRegression(base.y, base.x, base.names);

  it('permuting rows leaves every result unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: base.y.length, maxLength: base.y.length }), (keys) => {
        const order = keys.map((k, i) => [k, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
        const fit = logisticRegression(order.map((i) => base.y[i]), order.map((i) => base.x[i]), base.names);
        fit.coefficients.forEach((c, j) => {
          const r = reference.coefficients[j];
          for (const key of ['estimate', 'standardError', 'z', 'pValue', 'lower', 'upper'] as const) expectClose(c[key], r[key], 1e-9, `${c.name}.${key}`);
        });
        expectClose(fit.deviance, reference.deviance, 1e-9, 'deviance');
      }),
      { seed: 20240301, numRuns: 20 },
    );
  });

  it('rescaling a covariate by c divides its coefficient (and SE) by c, leaving the rest unchanged', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: base.names.length - 1 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.boolean(),
        (col, magnitude, negative) => {
          const c = negative ? -magnitude : magnitude;
          const x = base.x.map((row) => row.map((v, j) => (j === col ? v * c : v)));
          const fit = logisticRegression(base.y, x, base.names);
          fit.coefficients.forEach((coef, j) => {
            const r = reference.coefficients[j];
            const factor = j === col + 1 ? c : 1;
            expectClose(coef.estimate * factor, r.estimate, 1e-8, `${coef.name}.estimate`);
            expectClose(coef.standardError * Math.abs(factor), r.standardError, 1e-8, `${coef.name}.standardError`);
            expectClose(coef.pValue, r.pValue, 1e-8, `${coef.name}.pValue`);
          });
          expectClose(fit.deviance, reference.deviance, 1e-10, 'deviance');
        },
      ),
      { seed: 20240302, numRuns: 25 },
    );
  });
});
