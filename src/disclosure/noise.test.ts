import { describe, expect, it } from 'vitest';
import { expectClose } from '../stats/testing/close.js';
import { geometricNoise, noisyCounts } from './noise.js';

describe('two-sided geometric mechanism (Ghosh, Roughgarden & Sundararajan 2009)', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = noisyCounts([10, 20, 30, 40, 50], 0.5, 42).values;
    expect(noisyCounts([10, 20, 30, 40, 50], 0.5, 42).values).toEqual(a);
    expect(noisyCounts([10, 20, 30, 40, 50], 0.5, 43).values).not.toEqual(a);
    expect(a.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
  });

  it('has mean 0, variance 2α/(1 − α)² and P(0) = (1 − α)/(1 + α) over 200 000 seeded draws (ε = 0.5)', () => {
    const eps = 0.5;
    const alpha = Math.exp(-eps);
    const draw = geometricNoise(eps, 7);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let zeros = 0;
    let integers = true;
    for (let i = 0; i < n; i++) {
      const z = draw();
      integers &&= Number.isInteger(z);
      sum += z;
      sumSq += z * z;
      if (z === 0) zeros += 1;
    }
    expect(integers).toBe(true);
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    const expectedVar = (2 * alpha) / (1 - alpha) ** 2; // 7.8348…
    // SE(mean) = √(7.83/2e5) ≈ 0.0063: 0.03 is ≈ 5 SE. SE(var)/var ≈ 0.6 %: 3 % is ≈ 5 SE.
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expectClose(variance, expectedVar, 0.03, 'variance');
    expectClose(zeros / n, (1 - alpha) / (1 + alpha), 0.01, 'P(Z = 0)');
  });

  it('records the budget under sequential composition', () => {
    const { budget } = noisyCounts([1, 2, 3, 4], 0.25, 1);
    expect(budget).toEqual({ mechanism: 'two-sided-geometric', sensitivity: 1, epsilonPerCell: 0.25, cells: 4, totalEpsilon: 1, prng: 'mt19937', seed: 1 });
  });

  it('clamps noisy counts at 0 (post-processing)', () => {
    const { values } = noisyCounts(Array.from({ length: 500 }, () => 0), 0.1, 3);
    expect(Math.min(...values)).toBe(0);
    expect(Math.max(...values)).toBeGreaterThan(0);
  });

  it('refuses ε ≤ 0, a bad seed and non-counts', () => {
    expect(() => geometricNoise(0, 1)).toThrow(/ε must be a positive number/);
    expect(() => geometricNoise(1, -1)).toThrow(/seed must be a whole number/);
    expect(() => noisyCounts([1.5], 1, 1)).toThrow(/count 0 is 1.5/);
  });
});
