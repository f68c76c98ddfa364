import { describe, expect, it } from 'vitest';
import fixture from '../proportion/fixtures/proportion.json' with { type: 'json' };
import { expectClose } from '../testing/close.ts';
import { describeMethod, findMethod, parseRequest, RequestError, runMethod } from './dispatch.ts';
import { proportionMethod } from './proportion.ts';

interface Response {
  estimate: number;
  lower: number;
  upper: number;
  method: string;
  level: number;
}
const run = (request: unknown): Response => JSON.parse(JSON.stringify(runMethod(proportionMethod, request))) as Response;

function fieldsOf(request: unknown): string[] {
  try {
    parseRequest(proportionMethod, request);
  } catch (e) {
    if (e instanceof RequestError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
}

describe('vindex stats proportion', () => {
  it('is registered', () => expect(findMethod('proportion')).toBe(proportionMethod));

  it('answers as R for every method', () => {
    for (const method of ['wilson', 'clopper-pearson', 'agresti-coull', 'jeffreys']) {
      const c = fixture.cases.find((k) => k.method === method && k.x === 17 && k.n === 40 && k.level === 0.99)!;
      const out = run({ x: 17, n: 40, method, level: 0.99 });
      for (const key of ['estimate', 'lower', 'upper'] as const) expectClose(out[key], c[key], 1e-9, `${method} ${key}`);
      expect([out.method, out.level]).toEqual([method, 0.99]);
    }
  });

  it('defaults to Wilson at level 0.95', () => {
    const c = fixture.cases.find((k) => k.method === 'wilson' && k.x === 17 && k.n === 40 && k.level === 0.95)!;
    const out = run({ x: 17, n: 40 });
    expect([out.method, out.level]).toEqual(['wilson', 0.95]);
    expectClose(out.lower, c.lower, 1e-9, 'lower');
    expectClose(out.upper, c.upper, 1e-9, 'upper');
  });

  it('names each wrong or missing field', () => {
    expect(fieldsOf({})).toEqual(['x', 'n']);
    expect(fieldsOf({ x: 1 })).toEqual(['n']);
    expect(fieldsOf({ x: 5, n: 4 })).toEqual(['x']);
    expect(fieldsOf({ x: 1.5, n: 4 })).toEqual(['x']);
    expect(fieldsOf({ x: 1, n: 0 })).toEqual(['n']);
    expect(fieldsOf({ x: '1', n: 4 })).toEqual(['x']);
    expect(fieldsOf({ x: 1, n: 4, method: 'wald' })).toEqual(['method']);
    expect(fieldsOf({ x: 1, n: 4, level: 95 })).toEqual(['level']);
    expect(fieldsOf({ x: 1, n: 4, conf: 0.9 })).toEqual(['']);
  });

  it('documents every field for --help', () => {
    const help = describeMethod(proportionMethod);
    for (const field of ['x', 'n', 'method', 'level']) expect(help).toContain(`  ${field} (`);
  });
});
