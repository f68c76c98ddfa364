import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fixture from '../crosstab/fixtures/crosstab.json' with { type: 'json' };
import { expectClose } from '../testing/close.ts';
import { crosstabMethod } from './crosstab.ts';
import { describeMethod, findMethod, parseRequest, RequestError, runMethod } from './dispatch.ts';

interface Test {
  statistic: number | null;
  df: number;
  pValue: number | null;
}
interface Response {
  n: number;
  chiSquare: Test;
  likelihoodRatio: Test;
  cramersV: number | null;
  fisherExactP: number | null;
  expected: (number | null)[][];
  adjustedResiduals: (number | null)[][];
}
const run = (request: unknown): Response => JSON.parse(JSON.stringify(runMethod(crosstabMethod, request))) as Response;

function fieldsOf(request: unknown): string[] {
  try {
    parseRequest(crosstabMethod, request);
  } catch (e) {
    if (e instanceof RequestError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
}

describe('vindex stats crosstab', () => {
  it('is registered', () => expect(findMethod('crosstab')).toBe(crosstabMethod));

  it('answers as R for the job satisfaction table', () => {
    const c = fixture.cases.find((k) => k.name.startsWith('job satisfaction'))!;
    const out = run({ table: c.table });
    expect(out.n).toBe(96);
    expectClose(out.chiSquare.statistic!, c.chiSquare!.statistic, 1e-9, 'χ²');
    expect(out.chiSquare.df).toBe(9);
    expectClose(out.chiSquare.pValue!, c.chiSquare!.pValue, 1e-9, 'χ² p');
    expectClose(out.likelihoodRatio.statistic!, c.likelihoodRatio!.statistic, 1e-9, 'G²');
    expectClose(out.cramersV!, c.cramersV!, 1e-9, 'V');
    expectClose(out.fisherExactP!, c.fisherExactP!, 1e-9, 'Fisher p');
    expectClose(out.adjustedResiduals[3]![3]!, c.adjustedResiduals![3]![3]!, 1e-9, 'adjusted residual');
    expectClose(out.expected[0]![0]!, c.expected[0]![0]!, 1e-9, 'expected');
  });

  it('answers null, not NaN, for what R leaves undefined', () => {
    const empty = run({ table: [[3, 0, 4], [0, 0, 0], [5, 0, 1]] });
    expect(empty.chiSquare.df).toBe(1);
    expect(empty.adjustedResiduals[1]).toEqual([null, null, null]);
    expect(empty.adjustedResiduals[0]![1]).toBeNull();
    const oneRow = run({ table: [[3, 4, 5], [0, 0, 0]] });
    expect([oneRow.chiSquare.statistic, oneRow.chiSquare.pValue, oneRow.likelihoodRatio.statistic, oneRow.cramersV]).toEqual([null, null, null, null]);
    expect(oneRow.fisherExactP).toBe(1);
    const zero = run({ table: [[0, 0], [0, 0]] });
    expect([zero.chiSquare.statistic, zero.fisherExactP, zero.expected[0]![0]]).toEqual([null, null, null]);
  });

  it('skips Fisher on request and for weighted (non-integer) counts', () => {
    expect(run({ table: [[12, 7], [5, 15]], fisher: false }).fisherExactP).toBeNull();
    const weighted = run({ table: [[12.5, 7], [5, 15]] });
    expect(weighted.fisherExactP).toBeNull();
    expect(weighted.chiSquare.statistic).toBeGreaterThan(0);
  });

  it('names each wrong or missing field', () => {
    expect(fieldsOf({})).toEqual(['table']);
    expect(fieldsOf({ table: [] })).toEqual(['table']);
    expect(fieldsOf({ table: [[1, 2, 3]] })).toEqual(['table']);
    expect(fieldsOf({ table: [[1], [2]] })).toEqual(['table']);
    expect(fieldsOf({ table: [[1, 2], [3]] })).toEqual(['table[1]']);
    expect(fieldsOf({ table: [[1, -2], [3, 4]] })).toEqual(['table[0][1]']);
    expect(fieldsOf({ table: [[1, 2], [3, 4]], fisher: 'yes' })).toEqual(['fisher']);
    expect(fieldsOf({ table: [[1, 2], [3, 4]], correct: true })).toEqual(['']);
  });

  it('documents every field for --help', () => {
    const help = describeMethod(crosstabMethod);
    for (const field of ['table', 'fisher']) expect(help).toContain(`  ${field} (`);
  });

  it('runs from the command line', () => {
    const out = JSON.parse(execFileSync('node', ['bin/vindex.js', 'stats', 'crosstab'], { input: '{"table":[[12,7],[5,15]]}', encoding: 'utf8' })) as Response;
    expectClose(out.fisherExactP!, 0.0248417203778233, 1e-9, 'Fisher p');
  });
});
