import { describe, expect, it } from 'vitest';
import fixtures from '../survey/fixtures/survey-proportion.json' with { type: 'json' };
import type { SurveyCase } from '../survey/fixture-cases.ts';
import { expectClose } from '../testing/close.ts';
import { describeMethod, findMethod, parseRequest, RequestError, runMethod } from './dispatch.ts';
import { surveyProportionMethod } from './survey-proportion.ts';

interface Response {
  estimate: number;
  standardError: number;
  lower: number;
  upper: number;
  designEffect: number | null;
  degreesOfFreedom: number;
  method: string;
}
const run = (request: unknown): Response => JSON.parse(JSON.stringify(runMethod(surveyProportionMethod, request))) as Response;
const cases = fixtures.cases as unknown as SurveyCase[];
const caseNamed = (name: string): SurveyCase => cases.find((c) => c.name === name)!;

function fieldsOf(request: unknown): string[] {
  try {
    parseRequest(surveyProportionMethod, request);
  } catch (e) {
    if (e instanceof RequestError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
}

describe('vindex stats survey-proportion', () => {
  it('is registered', () => expect(findMethod('survey-proportion')).toBe(surveyProportionMethod));

  it('defaults to the Wald t interval of confint(svymean)', () => {
    const c = caseNamed('stratified-fpc');
    const out = run({ y: c.y, weights: c.weights, strata: c.strata, fpc: c.fpc });
    expect(out.method).toBe('wald');
    for (const key of ['estimate', 'standardError', 'lower', 'upper', 'designEffect'] as const) {
      expectClose(out[key] ?? NaN, c.expected![key] ?? NaN, 1e-9, key);
    }
    expect(out.degreesOfFreedom).toBe(c.expected!.degreesOfFreedom);
  });

  it('gives svyciprop(method = "logit") with method "logit", from booleans too', () => {
    const c = caseNamed('stratified-clustered');
    const out = run({ y: c.y.map((v) => v === 1), weights: c.weights, strata: c.strata, clusters: c.clusters, method: 'logit' });
    expectClose(out.lower, c.expected!.logit!.lower, 1e-9, 'lower');
    expectClose(out.upper, c.expected!.logit!.upper, 1e-9, 'upper');
  });

  it('names each wrong or missing field', () => {
    expect(fieldsOf({ weights: [1] })).toEqual(['y']);
    expect(fieldsOf({ y: [0, 2], weights: [1, 1] })).toEqual(['y']);
    expect(fieldsOf({ y: [0, true], weights: [1, 1] })).toEqual(['y']);
    expect(fieldsOf({ y: [0, 1], weights: [1, 1], method: 'wilson' })).toEqual(['method']);
    expect(fieldsOf({ y: [0, 1], weights: [1] })).toEqual(['weights']);
  });

  it('documents every field for --help', () => {
    const help = describeMethod(surveyProportionMethod);
    for (const field of ['y', 'weights', 'strata', 'clusters', 'fpc', 'lonelyPsu', 'level', 'method']) expect(help).toContain(`  ${field} (`);
    expect(help).toContain('default "wald"');
  });
});
