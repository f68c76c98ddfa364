import { describe, expect, it } from 'vitest';
import fixtures from '../reliability/fixtures/cohen-kappa.json' with { type: 'json' };
import { expectClose } from '../testing/close.ts';
import { cohenKappaMethod } from './cohen-kappa.ts';
import { describeMethod, findMethod, parseRequest, RequestError, runMethod } from './dispatch.ts';
import { NumericalError } from './method.ts';

interface Response {
  kappa: number | null;
  standardError: number | null;
  lower: number | null;
  upper: number | null;
  observedAgreement: number;
  expectedAgreement: number;
  n: number;
  categories: (number | string)[];
  warnings: string[];
}
const run = (request: unknown): Response => JSON.parse(JSON.stringify(runMethod(cohenKappaMethod, request))) as Response;

function fieldsOf(request: unknown): string[] {
  try {
    parseRequest(cohenKappaMethod, request);
  } catch (e) {
    if (e instanceof RequestError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
}

describe('vindex stats cohen-kappa', () => {
  it('is registered', () => expect(findMethod('cohen-kappa')).toBe(cohenKappaMethod));

  it('answers as vcd::Kappa, weights and level included', () => {
    const c = fixtures.cases.find((k) => k.name === 'anxiety r1-r2 (irr, published kappa 0.119) [quadratic]')!;
    const out = run({ pairs: c.pairs, weights: 'quadratic' });
    for (const key of ['kappa', 'standardError', 'lower', 'upper', 'observedAgreement', 'expectedAgreement'] as const) {
      expectClose(out[key] ?? NaN, c.expected[key] as number, 1e-9, key);
    }
    expect(out.n).toBe(20);
  });

  it('defaults to unweighted κ at level 0.95', () => {
    const c = fixtures.cases.find((k) => k.name === 'anxiety r1-r2 (irr, published kappa 0.119) [none]')!;
    const out = run({ pairs: c.pairs });
    expectClose(out.kappa ?? NaN, c.expected.kappa as number, 1e-9, 'kappa');
    expectClose(out.upper ?? NaN, c.expected.upper as number, 1e-9, 'upper');
  });

  it('gives null κ with a warning when all ratings are one category', () => {
    const out = run({ pairs: [['a', 'a'], ['a', 'a'], [null, 'b']] });
    expect([out.kappa, out.standardError, out.lower, out.upper]).toEqual([null, null, null, null]);
    expect(out.expectedAgreement).toBe(1);
    expect(out.warnings.length).toBe(2);
  });

  it('names each wrong or missing field', () => {
    expect(fieldsOf({})).toEqual(['pairs']);
    expect(fieldsOf({ pairs: [] })).toEqual(['pairs']);
    expect(fieldsOf({ pairs: [[1, 2, 3]] })).toEqual(['pairs[0]']);
    expect(fieldsOf({ pairs: [[1, true]] })).toEqual(['pairs[0][1]']);
    expect(fieldsOf({ pairs: [[1, 'a']] })).toEqual(['pairs']);
    expect(fieldsOf({ pairs: [[1, 2]], weights: 'cubic' })).toEqual(['weights']);
    expect(fieldsOf({ pairs: [[1, 2]], level: 95 })).toEqual(['level']);
    expect(fieldsOf({ pairs: [[1, 2]], categories: [1, 'b'] })).toEqual(['categories']);
    expect(fieldsOf({ pairs: [[1, 2]], extra: 1 })).toEqual(['']);
  });

  it('throws NumericalError when no unit has both ratings or a rating is off the scale', () => {
    expect(() => run({ pairs: [[null, 1]] })).toThrow(NumericalError);
    expect(() => run({ pairs: [[1, 2]], categories: [1, 3] })).toThrow(NumericalError);
  });

  it('documents every field for --help', () => {
    const help = describeMethod(cohenKappaMethod);
    for (const field of ['pairs', 'weights', 'level', 'categories']) expect(help).toContain(`  ${field} (`);
    expect(help).toContain('vcd::Kappa');
  });
});
