import { describe, expect, it } from 'vitest';
import { expectClose } from '../stats/testing/close.ts';
import { planSampleSize } from './plan.ts';

// Hand-computed (Cochran 1977, §4.4): z = 1.959964, n₀ = z²·p(1 − p)·deff/e², n = n₀/(1 + (n₀ − 1)/N).
describe('planSampleSize', () => {
  it('margin 0.05, 95%, p = 0.5: n₀ = 384.1459 → 385; with N = 10,000: 369.9 → 370', () => {
    const inf = planSampleSize({ marginOfError: 0.05 });
    expectClose(inf.n0, 384.145882, 1e-6);
    expect(inf.n).toBe(385);
    expect(inf.populationSize).toBeNull();
    const fin = planSampleSize({ marginOfError: 0.05, populationSize: 10_000 });
    expectClose(fin.unroundedN, 384.145882 / (1 + 383.145882 / 10_000), 1e-9);
    expect(fin.n).toBe(370);
  });

  it('the design effect multiplies n₀ before the finite-population correction: deff 2 → 769, with N = 10,000 → 714', () => {
    const r = planSampleSize({ marginOfError: 0.05, designEffect: 2 });
    expectClose(r.n0, 768.291764, 1e-6);
    expect(r.n).toBe(769);
    const f = planSampleSize({ marginOfError: 0.05, designEffect: 2, populationSize: 10_000 });
    expectClose(f.unroundedN, 768.291764 / (1 + 767.291764 / 10_000), 1e-9);
    expect(f.n).toBe(714);
  });

  it('p = 0.2 at 99% and margin 0.03: n₀ = 2.575829²·0.16/0.0009 = 1179.5', () => {
    const r = planSampleSize({ marginOfError: 0.03, proportion: 0.2, level: 0.99 });
    expectClose(r.n0, (2.5758293035489 ** 2 * 0.16) / 0.0009, 1e-9);
    expect(r.n).toBe(1180);
  });

  it.each([
    [{ marginOfError: 0 }, '--margin must be strictly between 0 and 1 (0.05 = ±5 percentage points); got 0'],
    [{ marginOfError: 0.05, level: 95 }, '--level must be strictly between 0 and 1 (e.g. 0.95); got 95'],
    [{ marginOfError: 0.05, proportion: 1 }, '--proportion must be strictly between 0 and 1 (0.5 is the most conservative); got 1'],
    [{ marginOfError: 0.05, designEffect: 0 }, '--deff must be a positive number (1 = simple random sampling); got 0'],
    [{ marginOfError: 0.05, populationSize: 10.5 }, '--population must be a whole number ≥ 1; got 10.5'],
  ])('refuses %j with VDX_USAGE naming the option', (input, message) => {
    expect(() => planSampleSize(input)).toThrow(message);
  });
});
