import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fixtures from '../regression/fixtures/logistic.json' with { type: 'json' };
import { expectClose } from '../testing/close.ts';
import { describeMethod, findMethod, parseRequest, RequestError, runMethod } from './dispatch.ts';
import { logisticMethod } from './logistic.ts';
import { NumericalError } from './method.ts';

interface Coefficient {
  name: string;
  estimate: number;
  standardError: number;
  z: number;
  pValue: number;
  oddsRatio: number;
  lower: number;
  upper: number;
}
interface Response {
  coefficients: Coefficient[];
  deviance: number;
  nullDeviance: number;
  aic: number;
  iterations: number;
  converged: boolean;
  level: number;
  warnings: string[];
}
interface Case {
  name: string;
  y: number[];
  x: number[][];
  names: string[];
  level: number;
  expected: { coefficients: Coefficient[]; deviance: number; nullDeviance: number; aic: number };
}
const cases = fixtures.cases as unknown as Case[];
const byName = (name: string): Case => cases.find((c) => c.name === name)!;

const run = (request: unknown): Response => JSON.parse(JSON.stringify(runMethod(logisticMethod, request))) as Response;

function fieldsOf(request: unknown): string[] {
  try {
    parseRequest(logisticMethod, request);
  } catch (e) {
    if (e instanceof RequestError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
}

describe('vindex stats logistic', () => {
  it('is registered', () => expect(findMethod('logistic')).toBe(logisticMethod));

  it('answers as R glm(family = binomial), at the default level 0.95 and at 0.90', () => {
    for (const c of [byName('random-n300-q4'), byName('random-n300-q4-level90')]) {
      const out = run(c.level === 0.95 ? { y: c.y, x: c.x, names: c.names } : { y: c.y, x: c.x, names: c.names, level: c.level });
      expect(out.level).toBe(c.level);
      expect(out.converged).toBe(true);
      out.coefficients.forEach((k, j) => {
        const e = c.expected.coefficients[j];
        expect(k.name).toBe(e.name);
        for (const key of ['estimate', 'standardError', 'z', 'pValue', 'oddsRatio', 'lower', 'upper'] as const) expectClose(k[key], e[key], 1e-6, `${c.name} ${k.name}.${key}`);
      });
      expectClose(out.deviance, c.expected.deviance, 1e-6, 'deviance');
      expectClose(out.nullDeviance, c.expected.nullDeviance, 1e-6, 'nullDeviance');
      expectClose(out.aic, c.expected.aic, 1e-6, 'aic');
    }
  });

  it('names each missing or wrongly typed field', () => {
    expect(fieldsOf({ x: [[1]], names: ['a'] })).toEqual(['y']);
    expect(fieldsOf({ y: [0, 1], names: ['a'] })).toEqual(['x']);
    expect(fieldsOf({ y: [0, 1], x: [[1], [2]] })).toEqual(['names']);
    expect(fieldsOf({ y: [0, 2], x: [[1], [2]], names: ['a'] })).toEqual(['y[1]']);
    expect(fieldsOf({ y: [0, 1], x: [[1], ['2']], names: ['a'] })).toEqual(['x[1][0]']);
    expect(fieldsOf({ y: [0, 1], x: [[1], [2]], names: ['a'], level: 1.5 })).toEqual(['level']);
    expect(fieldsOf({ y: [0, 1], x: [[1], [2]], names: ['a'], extra: 1 })).toEqual(['']);
    expect(fieldsOf({ y: [], x: [], names: [] })).toEqual(['y']);
  });

  it('checks the shape of x against y and names', () => {
    expect(fieldsOf({ y: [0, 1, 1], x: [[1], [2]], names: ['a'] })).toEqual(['x']);
    expect(fieldsOf({ y: [0, 1], x: [[1], [2, 3]], names: ['a'] })).toEqual(['x[1]']);
    expect(fieldsOf({ y: [0, 1], x: [[1, 1], [2, 3]], names: ['a', 'a'] })).toEqual(['names[1]']);
  });

  it('refuses separation with a NumericalError naming the covariate', () => {
    const c = cases.find((k) => k.name === 'quasi-separation-zero-cell')!;
    expect(() => runMethod(logisticMethod, { y: c.y, x: c.x, names: c.names })).toThrow(NumericalError);
    expect(() => runMethod(logisticMethod, { y: c.y, x: c.x, names: c.names })).toThrow(/quasi-complete separation: "g"/);
  });

  it('documents every field for --help', () => {
    const help = describeMethod(logisticMethod);
    for (const field of ['y', 'x', 'names', 'level']) expect(help).toMatch(new RegExp(`^  ${field} \\(`, 'm'));
    expect(help).toContain('optional, default 0.95');
  });

  it('runs end to end through the CLI: 0 with JSON, 1 for separation', () => {
    const c = byName('random-n300-q4');
    const out = JSON.parse(execFileSync('node', ['bin/vindex.js', 'stats', 'logistic'], { input: JSON.stringify({ y: c.y, x: c.x, names: c.names }), encoding: 'utf8' })) as Response;
    expectClose(out.coefficients[1].estimate, c.expected.coefficients[1].estimate, 1e-6, 'CLI x1');
    const status = (request: unknown): number => {
      try {
        execFileSync('node', ['bin/vindex.js', 'stats', 'logistic'], { input: JSON.stringify(request), encoding: 'utf8', stdio: 'pipe' });
        return 0;
      } catch (e) {
        return (e as { status: number }).status;
      }
    };
    expect(status({ y: [0, 0, 1, 1], x: [[1], [2], [3], [4]], names: ['a'] })).toBe(1);
  });
});
