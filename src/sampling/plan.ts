import { VindexError } from '../errors.ts';
import { sampleSize, type SampleSizeResult } from '../stats/sample-size/proportion-sample-size.ts';

export interface PlanInput {
  readonly marginOfError: number;
  readonly level?: number;
  readonly proportion?: number;
  readonly designEffect?: number;
  /** Population size N for the finite-population correction; absent = infinite. */
  readonly populationSize?: number;
}

/**
 * The sample size to estimate a share to ±margin (Cochran 1977, §4.4, with the design effect):
 * the engine's sampleSize, with its numerical refusals turned into VDX_USAGE naming the option.
 */
export function planSampleSize(input: PlanInput): SampleSizeResult {
  const checks: [number | undefined, string, (x: number) => boolean, string][] = [
    [input.marginOfError, '--margin', (x) => x > 0 && x < 1, 'strictly between 0 and 1 (0.05 = ±5 percentage points)'],
    [input.level, '--level', (x) => x > 0 && x < 1, 'strictly between 0 and 1 (e.g. 0.95)'],
    [input.proportion, '--proportion', (x) => x > 0 && x < 1, 'strictly between 0 and 1 (0.5 is the most conservative)'],
    [input.designEffect, '--deff', (x) => x > 0 && Number.isFinite(x), 'a positive number (1 = simple random sampling)'],
    [input.populationSize, '--population', (x) => Number.isInteger(x) && x >= 1, 'a whole number ≥ 1'],
  ];
  for (const [value, option, ok, what] of checks) {
    if (value !== undefined && !(Number.isFinite(value) && ok(value))) throw new VindexError('VDX_USAGE', `${option} must be ${what}; got ${value}`);
  }
  return sampleSize({
    marginOfError: input.marginOfError,
    ...(input.level !== undefined ? { level: input.level } : {}),
    ...(input.proportion !== undefined ? { proportion: input.proportion } : {}),
    ...(input.designEffect !== undefined ? { designEffect: input.designEffect } : {}),
    ...(input.populationSize !== undefined ? { populationSize: input.populationSize } : {}),
  });
}
