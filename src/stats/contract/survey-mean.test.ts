import { describe, expect, it } from 'vitest';
import fixtures from '../survey/fixtures/survey-mean.json' with { type: 'json' };
import type { SurveyCase } from '../survey/fixture-cases.ts';
import { expectClose } from '../testing/close.ts';
import { describeMethod, findMethod, parseRequest, RequestError, runMethod } from './dispatch.ts';
import { NumericalError } from './method.ts';
import { surveyMeanMethod } from './survey-mean.ts';

interface Response {
  estimate: number;
  standardError: number;
  lower: number;
  upper: number;
  designEffect: number | null;
  degreesOfFreedom: number;
  level: number;
  n: number;
  sumWeights: number;
  strata: number;
  psus: number;
  warnings: string[];
}
const run = (request: unknown): Response => JSON.parse(JSON.stringify(runMethod(surveyMeanMethod, request))) as Response;
const cases = fixtures.cases as unknown as SurveyCase[];
const caseNamed = (name: string): SurveyCase => cases.find((c) => c.name === name)!;

function fieldsOf(request: unknown): string[] {
  try {
    parseRequest(surveyMeanMethod, request);
  } catch (e) {
    if (e instanceof RequestError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
}

describe('vindex stats survey-mean', () => {
  it('is registered', () => expect(findMethod('survey-mean')).toBe(surveyMeanMethod));

  it('answers as svymean for a stratified cluster sample with fpc', () => {
    const c = caseNamed('stratified-clustered-fpc');
    const out = run({ y: c.y, weights: c.weights, strata: c.strata, clusters: c.clusters, fpc: c.fpc });
    for (const key of ['estimate', 'standardError', 'lower', 'upper', 'designEffect'] as const) {
      expectClose(out[key] ?? NaN, c.expected![key] ?? NaN, 1e-9, key);
    }
    expect([out.degreesOfFreedom, out.strata, out.psus, out.n, out.level]).toEqual([9, 3, 12, 41, 0.95]);
  });

  it('takes lonelyPsu and level', () => {
    const c = caseNamed('lonely-cluster-adjust');
    const out = run({ y: c.y, weights: c.weights, strata: c.strata, clusters: c.clusters, lonelyPsu: 'adjust', level: c.level });
    expectClose(out.standardError, c.expected!.standardError, 1e-9, 'standardError');
    expect(out.warnings[0]).toContain('lonelyPsu "adjust"');
  });

  it('fails with a NumericalError naming the lonely stratum by default', () => {
    const c = caseNamed('lonely-cluster-fail');
    expect(() => run({ y: c.y, weights: c.weights, strata: c.strata, clusters: c.clusters })).toThrow(NumericalError);
    expect(() => run({ y: c.y, weights: c.weights, strata: c.strata, clusters: c.clusters })).toThrow(/strata "y", "v" have only one PSU/);
  });

  it('gives a null design effect where R gives NA', () => {
    const c = caseNamed('srs-weights-below-one');
    const out = run({ y: c.y, weights: c.weights });
    expect(out.designEffect).toBeNull();
    expect(out.warnings.length).toBe(1);
  });

  it('names each wrong or missing field', () => {
    expect(fieldsOf({})).toEqual(['y', 'weights']);
    expect(fieldsOf({ y: [], weights: [] })).toEqual(['y']);
    expect(fieldsOf({ y: [1, 2], weights: [1, 0] })).toEqual(['weights[1]']);
    expect(fieldsOf({ y: [1, 2], weights: [1, 1, 1] })).toEqual(['weights']);
    expect(fieldsOf({ y: [1, 2], weights: [1, 1], strata: ['a'] })).toEqual(['strata']);
    expect(fieldsOf({ y: [1, 2], weights: [1, 1], strata: ['a', 1] })).toEqual(['strata']);
    expect(fieldsOf({ y: [1, 2], weights: [1, 1], clusters: [1, 2, 3] })).toEqual(['clusters']);
    expect(fieldsOf({ y: [1, 2], weights: [1, 1], fpc: [0, 10] })).toEqual(['fpc[0]']);
    expect(fieldsOf({ y: [1, 2], weights: [1, 1], lonelyPsu: 'drop' })).toEqual(['lonelyPsu']);
    expect(fieldsOf({ y: [1, 2], weights: [1, 1], level: 95 })).toEqual(['level']);
    expect(fieldsOf({ y: [1, 2], weights: [1, 1], weight: [1, 1] })).toEqual(['']);
    expect(fieldsOf({ y: [1, '2'], weights: [1, 1] })).toEqual(['y[1]']);
  });

  it('documents every field for --help', () => {
    const help = describeMethod(surveyMeanMethod);
    for (const field of ['y', 'weights', 'strata', 'clusters', 'fpc', 'lonelyPsu', 'level']) expect(help).toContain(`  ${field} (`);
    expect(help).toContain('default "fail"');
    expect(help).toContain('default 0.95');
  });
});
