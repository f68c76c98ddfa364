import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumericalError } from '../contract/method.ts';
import { expectClose } from '../testing/close.ts';
import { coxRegression, type CoxResult, type CoxTies } from './cox.ts';
import fixtures from './fixtures/cox.json' with { type: 'json' };

// Agreement with R for an iterative fit (coxph run with eps = 1e-12).
const TOL = 1e-6;

interface Expected {
  coefficients: { name: string; estimate: number; standardError: number; z: number; pValue: number; hazardRatio: number; lower: number; upper: number }[];
  logLikelihood: number;
  nullLogLikelihood: number;
}
interface Case {
  name: string;
  time: number[];
  event: number[];
  x: number[][];
  names: string[];
  level?: number;
  expected?: Record<CoxTies, Expected>;
  error?: string;
  involved?: string[];
}

const cases = fixtures.cases as unknown as Case[];

function expectMatchesR(actual: CoxResult, expected: Expected, label: string): void {
  expect(actual.coefficients.map((c) => c.name)).toEqual(expected.coefficients.map((c) => c.name));
  actual.coefficients.forEach((c, j) => {
    const e = expected.coefficients[j];
    for (const key of ['estimate', 'standardError', 'z', 'pValue', 'hazardRatio', 'lower', 'upper'] as const) {
      expectClose(c[key], e[key], TOL, `${label} ${c.name}.${key}`);
    }
  });
  expectClose(actual.logLikelihood, expected.logLikelihood, TOL, `${label} logLikelihood`);
  expectClose(actual.nullLogLikelihood, expected.nullLogLikelihood, TOL, `${label} nullLogLikelihood`);
}

describe('coxRegression agrees with R survival::coxph', () => {
  for (const c of cases.filter((k) => k.expected)) {
    for (const ties of ['efron', 'breslow'] as const) {
      it(`${c.name} (${ties})`, () => {
        const fit = coxRegression(c.time, c.event, c.x, c.names, c.level === undefined ? { ties } : { ties, level: c.level });
        expect(fit.converged).toBe(true);
        expect(fit.warnings).toEqual([]);
        expect(fit.events).toBe(c.event.reduce((a, b) => a + b, 0));
        expectMatchesR(fit, c.expected![ties], `${c.name} ${ties}`);
      });
    }
  }

  it('Efron is the default; boolean events and a flat Float64Array are accepted', () => {
    const c = cases.find((k) => k.name === 'random-n400-q3-ties')!;
    const fit = coxRegression(c.time, c.event.map((e) => e === 1), Float64Array.from(c.x.flat()), c.names);
    expect(fit.ties).toBe('efron');
    expectMatchesR(fit, c.expected!.efron, 'defaults');
  });

  it('without tied event times Efron and Breslow coincide', () => {
    const c = cases.find((k) => k.name === 'random-n300-q5-no-ties')!;
    const efron = coxRegression(c.time, c.event, c.x, c.names, { ties: 'efron' });
    const breslow = coxRegression(c.time, c.event, c.x, c.names, { ties: 'breslow' });
    efron.coefficients.forEach((e, j) => expectClose(e.estimate, breslow.coefficients[j].estimate, 1e-12, e.name));
  });
});

describe('coxRegression refuses data without an estimate', () => {
  for (const c of cases.filter((k) => k.error)) {
    it(`${c.name}: ${c.error} naming ${c.involved!.join(', ')}`, () => {
      let message = '';
      try {
        coxRegression(c.time, c.event, c.x, c.names);
      } catch (e) {
        expect(e).toBeInstanceOf(NumericalError);
        message = (e as Error).message;
      }
      expect(message).toMatch(new RegExp(`^${c.error}`));
      for (const name of c.involved!) expect(message).toContain(`"${name}"`);
      for (const name of c.names.filter((s) => !c.involved!.includes(s))) expect(message).not.toContain(`"${name}"`);
    });
  }

  it('no events, bad inputs', () => {
    expect(() => coxRegression([1, 2, 3], [0, 0, 0], [[1], [2], [3]], ['x'])).toThrow(/none of the 3 observations is an event/);
    expect(() => coxRegression([1, 2], [1, 2], [[1], [2]], ['x'])).toThrow(/event\[1\] is 2/);
    expect(() => coxRegression([1, NaN], [1, 0], [[1], [2]], ['x'])).toThrow(/time\[1\] is NaN/);
    expect(() => coxRegression([1, 2], [1, 0, 1], [[1], [2]], ['x'])).toThrow(/event has 3 values/);
    expect(() => coxRegression([1, 2], [1, 0], [[], []], [])).toThrow(/at least one covariate/);
    expect(() => coxRegression([1, 2, 3], [1, 0, 1], [[1], [2], [3]], ['x'], { ties: 'exact' as CoxTies })).toThrow(/ties must be/);
  });

  it('monotone likelihood in the other direction says "lowest"', () => {
    // Every event has g = 0 while g = 1 subjects are all censored: the hazard ratio for g is 0.
    const time = [1, 2, 3, 4, 5, 6, 7, 8];
    const event = [1, 0, 1, 0, 1, 0, 1, 0];
    const g = [0, 1, 0, 1, 0, 1, 0, 1];
    expect(() => coxRegression(time, event, g.map((v) => [v]), ['g'])).toThrow(/^monotone likelihood: "g" orders the events perfectly \(every event has the lowest value/);
  });
});

describe('coxRegression invariants (fast-check, fixed seed)', () => {
  const base = cases.find((k) => k.name === 'random-n400-q3-ties')!;
  const reference = { efron: coxRegression(base.time, base.event, base.x, base.names), breslow: coxRegression(base.time, base.event, base.x, base.names, { ties: 'breslow' }) };

  it('permuting rows leaves every result unchanged (ties broken in any order)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: base.time.length, maxLength: base.time.length }), fc.constantFrom<CoxTies>('efron', 'breslow'), (keys, ties) => {
        const order = keys.map((k, i) => [k, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
        const fit = coxRegression(order.map((i) => base.time[i]), order.map((i) => base.event[i]), order.map((i) => base.x[i]), base.names, { ties });
        fit.coefficients.forEach((c, j) => {
          const r = reference[ties].coefficients[j];
          for (const key of ['estimate', 'standardError', 'z', 'pValue', 'lower', 'upper'] as const) expectClose(c[key], r[key], 1e-9, `${c.name}.${key}`);
        });
        expectClose(fit.logLikelihood, reference[ties].logLikelihood, 1e-10, 'logLikelihood');
      }),
      { seed: 20240501, numRuns: 20 },
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
          const fit = coxRegression(base.time, base.event, x, base.names);
          fit.coefficients.forEach((coef, j) => {
            const r = reference.efron.coefficients[j];
            const factor = j === col ? c : 1;
            expectClose(coef.estimate * factor, r.estimate, 1e-8, `${coef.name}.estimate`);
            expectClose(coef.standardError * Math.abs(factor), r.standardError, 1e-8, `${coef.name}.standardError`);
            expectClose(coef.pValue, r.pValue, 1e-8, `${coef.name}.pValue`);
          });
          expectClose(fit.logLikelihood, reference.efron.logLikelihood, 1e-10, 'logLikelihood');
        },
      ),
      { seed: 20240502, numRuns: 25 },
    );
  });
});
