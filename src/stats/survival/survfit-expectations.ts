import { expect } from 'vitest';
import { expectClose } from '../testing/close.ts';
import type { KaplanMeierCurve, KaplanMeierResult } from './kaplan-meier.ts';
import type { ConfType } from './survival-interval.ts';

// Test support: the shape of the survfit fixtures (scripts/reference/survival.R) and assertions
// against them. Closed forms: agreement to 1e-9 (relative, absolute below 1).
const TOL = 1e-9;

type Num = number | null;
export interface ExpectedGroup {
  group: string | number | null;
  n: number;
  events: number;
  steps: { time: number[]; nRisk: number[]; nEvent: number[]; survival: number[]; standardError: Num[]; lower: Num[]; upper: Num[] };
  median: Num;
  medianLower: Num;
  medianUpper: Num;
  quantileMedian: Num;
}
export interface Case {
  name: string;
  note: string;
  time: number[];
  event: number[];
  group?: (string | number)[];
  fits: { confType: ConfType; level: number; groups: ExpectedGroup[] }[];
  logRank: { statistic: number; df: number; pValue: number; observed: number[]; expected: number[] } | null;
}

function expectValue(actual: number | null, expected: Num, label: string): void {
  if (expected === null) {
    expect(actual === null || Number.isNaN(actual), `${label}: actual ${actual}, expected null (R's NA)`).toBe(true);
  } else {
    expect(actual, `${label}: expected ${expected}`).not.toBeNull();
    expectClose(actual as number, expected, TOL, label);
  }
}

export function expectCurveMatchesR(actual: KaplanMeierCurve, expected: ExpectedGroup, label: string): void {
  expect(actual.group, `${label} group`).toEqual(expected.group);
  expect(actual.n, `${label} n`).toBe(expected.n);
  expect(actual.events, `${label} events`).toBe(expected.events);
  expect(Array.from(actual.time), `${label} step times`).toEqual(expected.steps.time);
  expect(Array.from(actual.nRisk), `${label} nRisk`).toEqual(expected.steps.nRisk);
  expect(Array.from(actual.nEvent), `${label} nEvent`).toEqual(expected.steps.nEvent);
  for (const key of ['survival', 'standardError', 'lower', 'upper'] as const) {
    const values = expected.steps[key];
    values.forEach((v, s) => expectValue(actual[key][s], v, `${label} ${key}[t=${expected.steps.time[s]}]`));
  }
  expectValue(actual.median, expected.median, `${label} median`);
  expectValue(actual.medianLower, expected.medianLower, `${label} medianLower`);
  expectValue(actual.medianUpper, expected.medianUpper, `${label} medianUpper`);
}

export function expectLogRankMatchesR(actual: KaplanMeierResult['logRank'], expected: Case['logRank'], label: string): void {
  if (expected === null) {
    expect(actual, `${label} logRank`).toBeNull();
    return;
  }
  expect(actual, `${label} logRank`).not.toBeNull();
  if (!actual) return;
  expectClose(actual.statistic, expected.statistic, TOL, `${label} log-rank statistic`);
  expect(actual.df, `${label} log-rank df`).toBe(expected.df);
  expectClose(actual.pValue, expected.pValue, TOL, `${label} log-rank p`);
  // p-values can be tiny: relative agreement too.
  expectClose(actual.pValue / expected.pValue, 1, 1e-8, `${label} log-rank p (ratio)`);
  expected.observed.forEach((o, g) => expectClose(actual.observed[g], o, TOL, `${label} observed[${g}]`));
  expected.expected.forEach((e, g) => expectClose(actual.expected[g], e, TOL, `${label} expected[${g}]`));
}
