import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fixtures from '../regression/fixtures/ordinal-logistic.json' with { type: 'json' };
import { expectClose } from '../testing/close.ts';
import { describeMethod, findMethod, parseRequest, RequestError, runMethod } from './dispatch.ts';
import { NumericalError } from './method.ts';
import { ordinalLogisticMethod } from './ordinal-logistic.ts';

interface Param {
  name: string;
  estimate: number;
  standardError: number;
}
interface Response {
  coefficients: Param[];
  thresholds: Param[];
  logLikelihood: number;
  levels: number;
}
interface Case {
  name: string;
  y: number[];
  x: number[][];
  names: string[];
  expected: { coefficients: Param[]; thresholds: Param[]; logLikelihood: number };
}
const c = (fixtures.cases as unknown as Case[])[0];

const run = (request: unknown): Response => JSON.parse(JSON.stringify(runMethod(ordinalLogisticMethod, request))) as Response;

function fieldsOf(request: unknown): string[] {
  try {
    parseRequest(ordinalLogisticMethod, request);
  } catch (e) {
    if (e instanceof RequestError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
}

function expectMatches(out: Response): void {
  expect(out.levels).toBe(c.expected.thresholds.length + 1);
  const pairs = [...out.coefficients.map((k, j) => [k, c.expected.coefficients[j]] as const), ...out.thresholds.map((k, j) => [k, c.expected.thresholds[j]] as const)];
  for (const [actual, expected] of pairs) {
    expect(actual.name).toBe(expected.name);
    expectClose(actual.estimate, expected.estimate, 1e-6, `${actual.name}.estimate`);
    expectClose(actual.standardError, expected.standardError, 1e-6, `${actual.name}.standardError`);
  }
  expectClose(out.logLikelihood, c.expected.logLikelihood, 1e-6, 'logLikelihood');
}

describe('vindex stats ordinal-logistic', () => {
  it('is registered', () => expect(findMethod('ordinal-logistic')).toBe(ordinalLogisticMethod));

  it('answers as R MASS::polr', () => expectMatches(run({ y: c.y, x: c.x, names: c.names })));

  it('names each missing or wrongly typed field', () => {
    expect(fieldsOf({ x: [[1]], names: ['a'] })).toEqual(['y']);
    expect(fieldsOf({ y: [1, 2.5], x: [[1], [2]], names: ['a'] })).toEqual(['y[1]']);
    expect(fieldsOf({ y: [0, 1], x: [[1], [2]], names: ['a'] })).toEqual(['y[0]']);
    expect(fieldsOf({ y: [1, 2], x: [[1], [2, 3]], names: ['a'] })).toEqual(['x[1]']);
    expect(fieldsOf({ y: [1, 2], x: [[1], [2]], names: [1] })).toEqual(['names[0]']);
  });

  it('refuses an empty level with a NumericalError naming it', () => {
    expect(() => runMethod(ordinalLogisticMethod, { y: [1, 3, 3, 1, 3], x: [[1], [2], [3], [4], [5]], names: ['a'] })).toThrow(NumericalError);
    expect(() => runMethod(ordinalLogisticMethod, { y: [1, 3, 3, 1, 3], x: [[1], [2], [3], [4], [5]], names: ['a'] })).toThrow(/^level 2 of y/);
  });

  it('documents every field for --help', () => {
    const help = describeMethod(ordinalLogisticMethod);
    for (const field of ['y', 'x', 'names']) expect(help).toMatch(new RegExp(`^  ${field} \\(`, 'm'));
  });

  it('runs end to end through the CLI', () => {
    const out = JSON.parse(execFileSync('node', ['bin/vindex.js', 'stats', 'ordinal-logistic'], { input: JSON.stringify({ y: c.y, x: c.x, names: c.names }), encoding: 'utf8' })) as Response;
    expectMatches(out);
  });
});
