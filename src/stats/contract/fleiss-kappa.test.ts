import { describe, expect, it } from 'vitest';
import fixtures from '../reliability/fixtures/fleiss-kappa.json' with { type: 'json' };
import { expectClose } from '../testing/close.ts';
import { describeMethod, findMethod, parseRequest, RequestError, runMethod } from './dispatch.ts';
import { fleissKappaMethod } from './fleiss-kappa.ts';
import { NumericalError } from './method.ts';

interface Response {
  kappa: number | null;
  standardError: number | null;
  z: number | null;
  pValue: number | null;
  subjects: number;
  raters: number;
  warnings: string[];
}
const run = (request: unknown): Response => JSON.parse(JSON.stringify(runMethod(fleissKappaMethod, request))) as Response;

function fieldsOf(request: unknown): string[] {
  try {
    parseRequest(fleissKappaMethod, request);
  } catch (e) {
    if (e instanceof RequestError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
}

describe('vindex stats fleiss-kappa', () => {
  it('is registered', () => expect(findMethod('fleiss-kappa')).toBe(fleissKappaMethod));

  it('answers the Fleiss (1971) diagnoses as irr::kappam.fleiss', () => {
    const c = fixtures.cases[0];
    const out = run({ ratings: c.ratings });
    for (const key of ['kappa', 'standardError', 'z', 'pValue'] as const) expectClose(out[key] ?? NaN, c.expected[key] as number, 1e-9, key);
    expect([out.subjects, out.raters]).toEqual([30, 6]);
  });

  it('gives nulls when every rating is one category', () => {
    const out = run({ ratings: [[1, 1], [1, 1]] });
    expect([out.kappa, out.standardError, out.z, out.pValue]).toEqual([null, null, null, null]);
  });

  it('names each wrong or missing field', () => {
    expect(fieldsOf({})).toEqual(['ratings']);
    expect(fieldsOf({ ratings: [] })).toEqual(['ratings']);
    expect(fieldsOf({ ratings: [[1]] })).toEqual(['ratings[0]']);
    expect(fieldsOf({ ratings: [[1, 2], [1, 2, 3]] })).toEqual(['ratings[1]']);
    expect(fieldsOf({ ratings: [[1, 'a']] })).toEqual(['ratings']);
    expect(fieldsOf({ ratings: [[1, {}]] })).toEqual(['ratings[0][1]']);
  });

  it('throws NumericalError when no unit has every rating', () => {
    expect(() => run({ ratings: [[1, null]] })).toThrow(NumericalError);
  });

  it('documents its field for --help', () => {
    expect(describeMethod(fleissKappaMethod)).toContain('  ratings (');
  });
});
