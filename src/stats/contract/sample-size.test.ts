import { describe, expect, it } from 'vitest';
import { describeMethod, findMethod, parseRequest, RequestError, runMethod } from './dispatch.ts';
import { sampleSizeMethod } from './sample-size.ts';

interface Response {
  n: number;
  unroundedN: number;
  n0: number;
  populationSize: number | null;
  proportion: number;
  designEffect: number;
}
const run = (request: unknown): Response => JSON.parse(JSON.stringify(runMethod(sampleSizeMethod, request))) as Response;

function fieldsOf(request: unknown): string[] {
  try {
    parseRequest(sampleSizeMethod, request);
  } catch (e) {
    if (e instanceof RequestError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
}

describe('vindex stats sample-size', () => {
  it('is registered', () => expect(findMethod('sample-size')).toBe(sampleSizeMethod));

  it('gives 385 for ±5 points at 95%, and 278 from a population of 1000', () => {
    const infinite = run({ marginOfError: 0.05 });
    expect([infinite.n, infinite.populationSize, infinite.proportion, infinite.designEffect]).toEqual([385, null, 0.5, 1]);
    expect(run({ marginOfError: 0.05, populationSize: 1000 }).n).toBe(278);
    expect(run({ marginOfError: 0.05, populationSize: 1000, designEffect: 2, level: 0.95, proportion: 0.5 }).n).toBe(435);
  });

  it('names each wrong or missing field', () => {
    expect(fieldsOf({})).toEqual(['marginOfError']);
    expect(fieldsOf({ marginOfError: 5 })).toEqual(['marginOfError']);
    expect(fieldsOf({ marginOfError: 0.05, proportion: 0 })).toEqual(['proportion']);
    expect(fieldsOf({ marginOfError: 0.05, designEffect: -1 })).toEqual(['designEffect']);
    expect(fieldsOf({ marginOfError: 0.05, populationSize: 0 })).toEqual(['populationSize']);
    expect(fieldsOf({ marginOfError: 0.05, level: 1 })).toEqual(['level']);
    expect(fieldsOf({ marginOfError: 0.05, margin: 0.05 })).toEqual(['']);
  });

  it('documents every field for --help', () => {
    const help = describeMethod(sampleSizeMethod);
    for (const field of ['marginOfError', 'proportion', 'level', 'designEffect', 'populationSize']) expect(help).toContain(`  ${field} (`);
  });
});
