import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fixtures from '../survival/fixtures/cox.json' with { type: 'json' };
import { expectClose } from '../testing/close.ts';
import { coxMethod } from './cox.ts';
import { describeMethod, findMethod, parseRequest, RequestError, runMethod } from './dispatch.ts';
import { NumericalError } from './method.ts';

interface Coefficient {
  name: string;
  estimate: number;
  standardError: number;
  z: number;
  pValue: number;
  hazardRatio: number;
  lower: number;
  upper: number;
}
interface Fit {
  coefficients: Coefficient[];
  logLikelihood: number;
}
interface Response extends Fit {
  ties: string;
  level: number;
  events: number;
}
interface Case {
  name: string;
  time: number[];
  event: number[];
  x: number[][];
  names: string[];
  level: number;
  expected: { efron: Fit; breslow: Fit };
}
const cases = fixtures.cases as unknown as Case[];
const byName = (name: string): Case => cases.find((k) => k.name === name)!;

const run = (request: unknown): Response => JSON.parse(JSON.stringify(runMethod(coxMethod, request))) as Response;

function fieldsOf(request: unknown): string[] {
  try {
    parseRequest(coxMethod, request);
  } catch (e) {
    if (e instanceof RequestError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
}

function expectMatches(out: Fit, expected: Fit, label: string): void {
  out.coefficients.forEach((k, j) => {
    const e = expected.coefficients[j];
    expect(k.name).toBe(e.name);
    for (const key of ['estimate', 'standardError', 'z', 'pValue', 'hazardRatio', 'lower', 'upper'] as const) expectClose(k[key], e[key], 1e-6, `${label} ${k.name}.${key}`);
  });
  expectClose(out.logLikelihood, expected.logLikelihood, 1e-6, `${label} logLikelihood`);
}

describe('vindex stats cox', () => {
  it('is registered', () => expect(findMethod('cox')).toBe(coxMethod));

  it('answers as R survival::coxph: Efron by default, Breslow on request, any level', () => {
    const c = byName('random-n400-q3-ties');
    const efron = run({ time: c.time, event: c.event, x: c.x, names: c.names });
    expect([efron.ties, efron.level]).toEqual(['efron', 0.95]);
    expectMatches(efron, c.expected.efron, 'efron');
    expectMatches(run({ time: c.time, event: c.event, x: c.x, names: c.names, ties: 'breslow' }), c.expected.breslow, 'breslow');
    const c90 = byName('random-n400-q3-ties-level90');
    expectMatches(run({ time: c90.time, event: c90.event, x: c90.x, names: c90.names, level: 0.9 }), c90.expected.efron, 'level 0.90');
  });

  it('names each missing or wrongly typed field', () => {
    expect(fieldsOf({ event: [1], x: [[1]], names: ['a'] })).toEqual(['time']);
    expect(fieldsOf({ time: [1, 2], x: [[1], [2]], names: ['a'] })).toEqual(['event']);
    expect(fieldsOf({ time: [1, 2], event: [1, 2], x: [[1], [2]], names: ['a'] })).toEqual(['event[1]']);
    expect(fieldsOf({ time: [1, 2], event: [1], x: [[1], [2]], names: ['a'] })).toEqual(['event']);
    expect(fieldsOf({ time: [1, 2], event: [1, 0], x: [[1]], names: ['a'] })).toEqual(['x']);
    expect(fieldsOf({ time: [1, 2], event: [1, 0], x: [[1], [2]], names: ['a'], ties: 'exact' })).toEqual(['ties']);
  });

  it('refuses monotone likelihood with a NumericalError naming the covariate', () => {
    const c = byName('monotone-likelihood');
    expect(() => runMethod(coxMethod, { time: c.time, event: c.event, x: c.x, names: c.names })).toThrow(NumericalError);
    expect(() => runMethod(coxMethod, { time: c.time, event: c.event, x: c.x, names: c.names })).toThrow(/^monotone likelihood: "g"/);
  });

  it('documents every field for --help', () => {
    const help = describeMethod(coxMethod);
    for (const field of ['time', 'event', 'x', 'names', 'ties', 'level']) expect(help).toMatch(new RegExp(`^  ${field} \\(`, 'm'));
    expect(help).toContain('default "efron"');
  });

  it('runs end to end through the CLI', () => {
    const c = byName('aml');
    const out = JSON.parse(execFileSync('node', ['bin/vindex.js', 'stats', 'cox'], { input: JSON.stringify({ time: c.time, event: c.event, x: c.x, names: c.names }), encoding: 'utf8' })) as Response;
    expect(out.events).toBe(18);
    expectMatches(out, c.expected.efron, 'aml');
  });
});
