import { describe, expect, it } from 'vitest';
import { medianSurvivalTime } from './median.ts';

describe('medianSurvivalTime (print(survfit) rule)', () => {
  it('is the first time the curve reaches 0.5 or below', () => {
    expect(medianSurvivalTime([1, 2, 3], [0.8, 0.45, 0.2])).toBe(2);
    expect(medianSurvivalTime([1, 2, 3], [0.6, 0.55, 0])).toBe(3);
  });

  it('averages with the next drop when the curve equals 0.5 over an interval', () => {
    expect(medianSurvivalTime([1, 2, 4], [0.75, 0.5, 0])).toBe(3);
    // Equality within √ε (2^-26) counts as 0.5.
    expect(medianSurvivalTime([1, 2, 4], [0.75, 0.5 + 1e-9, 0.2])).toBe(3);
    expect(medianSurvivalTime([1, 2, 4], [0.75, 0.5 - 1e-9, 0.2])).toBe(3);
    expect(medianSurvivalTime([1, 2, 4], [0.75, 0.5 - 1e-7, 0.2])).toBe(2);
  });

  it('takes the time it reaches 0.5 when the curve stays there to the end (print, not quantile())', () => {
    expect(medianSurvivalTime([1, 2], [0.75, 0.5])).toBe(2);
  });

  it('is null when not reached, and skips undefined (NaN) points', () => {
    expect(medianSurvivalTime([1, 2], [0.9, 0.6])).toBeNull();
    expect(medianSurvivalTime([], [])).toBeNull();
    expect(medianSurvivalTime([1, 2, 3], [0.7, 0.6, NaN])).toBeNull();
    expect(medianSurvivalTime([1, 2, 3], [0.7, NaN, 0.4])).toBe(3);
  });

  it('takes the first crossing of a non-monotone confidence curve', () => {
    expect(medianSurvivalTime([1, 2, 3, 4], [0.7, 0.45, 0.55, 0.3])).toBe(2);
  });
});
