import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close.ts';
import { percentileInterval, unitSampler } from './bootstrap.ts';

describe('percentileInterval', () => {
  it('uses R quantile type 7 and ignores NaN', () => {
    // R: quantile(c(0.3, 0.1, 0.5, 0.9, 0.7, 0.2), c(0.025, 0.975)) = 0.1125, 0.875
    const r = percentileInterval(Float64Array.of(0.3, 0.1, NaN, 0.5, 0.9, 0.7, 0.2), 0.95);
    expectClose(r.lower, 0.1125, 1e-12, 'lower');
    expectClose(r.upper, 0.875, 1e-12, 'upper');
    const ninety = percentileInterval(Float64Array.of(0.3, 0.1, 0.5, 0.9, 0.7, 0.2), 0.9);
    expectClose(ninety.lower, 0.125, 1e-12, 'lower 90%');
    expectClose(ninety.upper, 0.85, 1e-12, 'upper 90%');
  });
  it('gives NaN when every replicate is NaN, and rejects a bad level', () => {
    expect(percentileInterval(Float64Array.of(NaN), 0.95).lower).toBeNaN();
    expect(() => percentileInterval(Float64Array.of(1), 1.5)).toThrow(/level/);
  });
});

describe('unitSampler', () => {
  it('is reproducible from its seed and stays in range', () => {
    const a = new Int32Array(1000);
    const b = new Int32Array(1000);
    unitSampler(99).sample(7, a);
    unitSampler(99).sample(7, b);
    expect(b).toEqual(a);
    expect(Math.min(...a)).toBe(0);
    expect(Math.max(...a)).toBe(6);
  });
  it('draws each unit about equally often', () => {
    const draws = new Int32Array(70_000);
    unitSampler(3).sample(7, draws);
    const counts = new Array<number>(7).fill(0);
    for (const d of draws) counts[d]++;
    // χ² on 6 df; 22.46 is its 0.999 quantile.
    const chi2 = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(22.46);
  });
  it('rejects seeds mt19937 cannot take', () => {
    for (const seed of [0, -1, 1.5, 2 ** 32]) expect(() => unitSampler(seed)).toThrow(/seed/);
  });
});
