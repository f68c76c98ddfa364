import { expect } from 'vitest';
import { expectClose } from '../testing/close.ts';
import type { LonelyPsu, SurveyDesignInput } from './design.ts';
import type { SurveyEstimate } from './survey-mean.ts';

/** The shape of a case in fixtures/survey-*.json (scripts/reference/survey.R) and how tests compare with it. */

// Closed forms: agreement with R survey 4.1 to rounding error.
export const TOL = 1e-9;

export interface SurveyCase {
  name: string;
  lonelyPsu: LonelyPsu;
  level: number;
  y: number[];
  weights: number[];
  strata?: (string | number)[];
  clusters?: (string | number)[];
  fpc?: number[];
  error?: string;
  expected?: {
    estimate: number;
    standardError: number;
    lower: number;
    upper: number;
    designEffect: number | null;
    degreesOfFreedom: number;
    logit?: { lower: number; upper: number };
    xlogit?: { lower: number; upper: number };
  };
}

export function designOfCase(c: SurveyCase): SurveyDesignInput {
  return {
    weights: c.weights,
    lonelyPsu: c.lonelyPsu,
    ...(c.strata ? { strata: c.strata } : {}),
    ...(c.clusters ? { clusters: c.clusters } : {}),
    ...(c.fpc ? { fpc: c.fpc } : {}),
  };
}

export function expectMatchesR(actual: SurveyEstimate, expected: NonNullable<SurveyCase['expected']>, label: string): void {
  for (const key of ['estimate', 'standardError', 'lower', 'upper'] as const) expectClose(actual[key], expected[key], TOL, `${label} ${key}`);
  expect(actual.degreesOfFreedom, `${label} degreesOfFreedom`).toBe(expected.degreesOfFreedom);
  if (expected.designEffect === null) expect(actual.designEffect, `${label} designEffect`).toBeNull();
  else expectClose(actual.designEffect ?? NaN, expected.designEffect, TOL, `${label} designEffect`);
}

