import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumericalError } from '../contract/method.ts';
import { expectClose } from '../testing/close.ts';
import fixtures from './fixtures/ordinal-logistic.json' with { type: 'json' };
import { logisticRegression } from './logistic.ts';
import { ordinalLogistic, type OrdinalLogisticResult } from './ordinal-logistic.ts';

// Agreement with R for an iterative fit (polr polished by Newton steps on the exact likelihood).
const TOL = 1e-6;

interface Param {
  name: string;
  estimate: number;
  standardError: number;
  polrEstimate: number;
  polrStandardError: number;
}
interface Case {
  name: string;
  y: number[];
  x: number[][];
  names: string[];
  expected: { coefficients: Param[]; thresholds: Param[]; logLikelihood: number; deviance: number; aic: number; polrDeviance: number };
}

const cases = fixtures.cases as unknown as Case[];

function expectMatches(fit: OrdinalLogisticResult, c: Case): void {
  const e = c.expected;
  expect(fit.coefficients.map((k) => k.name)).toEqual(e.coefficients.map((k) => k.name));
  expect(fit.thresholds.map((k) => k.name)).toEqual(e.thresholds.map((k) => k.name));
  const pairs = [...fit.coefficients.map((k, j) => [k, e.coefficients[j]] as const), ...fit.thresholds.map((k, j) => [k, e.thresholds[j]] as const)];
  for (const [actual, expected] of pairs) {
    expectClose(actual.estimate, expected.estimate, TOL, `${c.name} ${actual.name}.estimate`);
    expectClose(actual.standardError, expected.standardError, TOL, `${c.name} ${actual.name}.standardError`);
    // And polr's own (BFGS optimum, finite-difference Hessian), to its accuracy.
    expectClose(actual.estimate, expected.polrEstimate, 1e-4, `${c.name} ${actual.name} vs polr`);
    expectClose(actual.standardError, expected.polrStandardError, 1e-3, `${c.name} ${actual.name} SE vs summary(polr)`);
  }
  expectClose(fit.logLikelihood, e.logLikelihood, TOL, `${c.name} logLikelihood`);
  expectClose(fit.deviance, e.polrDeviance, 1e-8, `${c.name} deviance vs polr`);
  expectClose(fit.aic, e.aic, TOL, `${c.name} aic`);
}

describe('ordinalLogistic agrees with R MASS::polr(method = "logistic", Hess = TRUE)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const fit = ordinalLogistic(c.y, c.x, c.names);
      expect(fit.converged).toBe(true);
      expect(fit.warnings).toEqual([]);
      expect(fit.levels).toBe(Math.max(...c.y));
      expectMatches(fit, c);
      for (const k of fit.coefficients) expectClose(k.z, k.estimate / k.standardError, 1e-12, `${k.name}.z`);
    });
  }

  it('accepts a flat row-major Float64Array', () => {
    const c = cases[0];
    expectMatches(ordinalLogistic(c.y, Float64Array.from(c.x.flat()), c.names), c);
  });
});

describe('ordinalLogistic special cases', () => {
  it('without covariates the thresholds are the logits of the cumulative proportions', () => {
    const y = [1, 1, 2, 3, 3, 3, 2, 1, 3, 2, 2, 3];
    const fit = ordinalLogistic(y, y.map(() => []), []);
    const n = y.length;
    let cum = 0;
    fit.thresholds.forEach((t, k) => {
      cum += y.filter((v) => v === k + 1).length;
      expectClose(t.estimate, Math.log(cum / (n - cum)), 1e-12, t.name);
      expectClose(t.standardError, Math.sqrt(n / (cum * (n - cum))), 1e-9, `${t.name} SE`);
    });
  });

  it('with two levels it is logistic regression of [y = 2], with threshold = −intercept', () => {
    const c = cases[0];
    const y = c.y.map((v) => (v >= 3 ? 2 : 1));
    const ord = ordinalLogistic(y, c.x, c.names);
    const bin = logisticRegression(y.map((v) => v - 1), c.x, c.names);
    expectClose(ord.thresholds[0].estimate, -bin.coefficients[0].estimate, 1e-9, 'threshold');
    expectClose(ord.thresholds[0].standardError, bin.coefficients[0].standardError, 1e-9, 'threshold SE');
    ord.coefficients.forEach((k, j) => {
      expectClose(k.estimate, bin.coefficients[j + 1].estimate, 1e-9, k.name);
      expectClose(k.standardError, bin.coefficients[j + 1].standardError, 1e-9, `${k.name} SE`);
    });
  });

  it('an empty level is refused, naming it (polr would return an arbitrary threshold)', () => {
    const c = cases[0];
    const y = c.y.map((v) => (v === 2 ? 1 : v));
    expect(() => ordinalLogistic(y, c.x, c.names)).toThrow(NumericalError);
    expect(() => ordinalLogistic(y, c.x, c.names)).toThrow(/^level 2 of y \(1\.\.4\) has no observations/);
    const top = c.y.map((v) => (v === 2 || v === 3 ? 1 : v));
    expect(() => ordinalLogistic(top, c.x, c.names)).toThrow(/^levels 2, 3 of y \(1\.\.4\) have no observations/);
  });

  it('bad outcomes, one level, collinear covariates', () => {
    expect(() => ordinalLogistic([1, 2, 2.5], [[1], [2], [3]], ['x'])).toThrow(/y\[2\] is 2.5/);
    expect(() => ordinalLogistic([0, 1, 2], [[1], [2], [3]], ['x'])).toThrow(/y\[0\] is 0/);
    expect(() => ordinalLogistic([1, 1, 1], [[1], [2], [3]], ['x'])).toThrow(/single level/);
    const c = cases[0];
    expect(() => ordinalLogistic(c.y, c.x.map((r) => [...r, r[0] - r[1]]), [...c.names, 'diff'])).toThrow(/^collinear covariates: "diff" is a linear combination of "age", "boy"/);
  });

  it('a covariate that orders the levels perfectly is reported as separation', () => {
    const y = [1, 1, 2, 2, 3, 3, 1, 2, 3, 2];
    const s = [0.1, 0.3, 1.1, 1.4, 2.2, 2.9, 0.2, 1.2, 2.5, 1.0];
    const z = [0.5, -1, 0.3, 2, -0.4, 0.1, 1.2, -0.7, 0.8, -0.2];
    expect(() => ordinalLogistic(y, s.map((v, i) => [v, z[i]]), ['s', 'z'])).toThrow(/^complete separation: "s" orders the outcome levels perfectly/);
    // Quasi: a binary covariate with every 1 in the top level.
    const g = [0, 0, 0, 0, 1, 0, 0, 0, 1, 0];
    expect(() => ordinalLogistic(y, g.map((v, i) => [v, z[i]]), ['g', 'z'])).toThrow(/^quasi-complete separation: "g" orders/);
  });
});

describe('ordinalLogistic invariants (fast-check, fixed seed)', () => {
  const base = cases[0];
  const reference = ordinalLogistic(base.y, base.x, base.names);

  it('permuting rows leaves every result unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: base.y.length, maxLength: base.y.length }), (keys) => {
        const order = keys.map((k, i) => [k, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
        const fit = ordinalLogistic(order.map((i) => base.y[i]), order.map((i) => base.x[i]), base.names);
        [...fit.coefficients, ...fit.thresholds].forEach((k, j) => {
          const r = [...reference.coefficients, ...reference.thresholds][j];
          expectClose(k.estimate, r.estimate, 1e-9, `${k.name}.estimate`);
          expectClose(k.standardError, r.standardError, 1e-9, `${k.name}.standardError`);
        });
        expectClose(fit.logLikelihood, reference.logLikelihood, 1e-10, 'logLikelihood');
      }),
      { seed: 20240401, numRuns: 15 },
    );
  });

  it('rescaling a covariate by c divides its coefficient (and SE) by c; thresholds unchanged', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: base.names.length - 1 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.boolean(),
        (col, magnitude, negative) => {
          const c = negative ? -magnitude : magnitude;
          const x = base.x.map((row) => row.map((v, j) => (j === col ? v * c : v)));
          const fit = ordinalLogistic(base.y, x, base.names);
          fit.coefficients.forEach((k, j) => {
            const factor = j === col ? c : 1;
            expectClose(k.estimate * factor, reference.coefficients[j].estimate, 1e-8, `${k.name}.estimate`);
            expectClose(k.standardError * Math.abs(factor), reference.coefficients[j].standardError, 1e-8, `${k.name}.standardError`);
          });
          fit.thresholds.forEach((t, k) => expectClose(t.estimate, reference.thresholds[k].estimate, 1e-8, t.name));
          expectClose(fit.logLikelihood, reference.logLikelihood, 1e-10, 'logLikelihood');
        },
      ),
      { seed: 20240402, numRuns: 20 },
    );
  });
});
