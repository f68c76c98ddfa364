import { describe, expect, it } from 'vitest';
import fixtures from '../reliability/fixtures/krippendorff-alpha.json' with { type: 'json' };
import { expectClose } from '../testing/close.ts';
import { describeMethod, findMethod, parseRequest, RequestError, runMethod } from './dispatch.ts';
import { krippendorffAlphaMethod } from './krippendorff-alpha.ts';
import { NumericalError } from './method.ts';

interface Response {
  alpha: number | null;
  lower?: number | null;
  upper?: number | null;
  bootstrap?: { samples: number; seed: number; level: number; undefinedSamples: number };
  level: string;
  pairableValues: number;
  units: number;
  droppedUnits: number;
  warnings: string[];
}
const run = (request: unknown): Response => JSON.parse(JSON.stringify(runMethod(krippendorffAlphaMethod, request))) as Response;
const example = fixtures.cases.find((c) => c.name.startsWith('Krippendorff 2011'))!.data;

function fieldsOf(request: unknown): string[] {
  try {
    parseRequest(krippendorffAlphaMethod, request);
  } catch (e) {
    if (e instanceof RequestError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
}

describe('vindex stats krippendorff-alpha', () => {
  it('is registered', () => expect(findMethod('krippendorff-alpha')).toBe(krippendorffAlphaMethod));

  it('reproduces Krippendorff (2011) at every level; nominal by default', () => {
    expect(run({ data: example }).alpha?.toFixed(3)).toBe('0.743');
    const published = { nominal: '0.743', ordinal: '0.815', interval: '0.849', ratio: '0.797' };
    for (const [level, alpha] of Object.entries(published)) expect(run({ data: example, level }).alpha?.toFixed(3)).toBe(alpha);
    const out = run({ data: example });
    expect([out.pairableValues, out.units, out.droppedUnits]).toEqual([40, 11, 1]);
    expect(out).not.toHaveProperty('lower');
  });

  it('adds a seeded percentile interval when asked, the same for the same seed', () => {
    const a = run({ data: example, level: 'interval', bootstrap: { seed: 11, samples: 300 } });
    const b = run({ data: example, level: 'interval', bootstrap: { seed: 11, samples: 300 } });
    expect([b.lower, b.upper]).toEqual([a.lower, a.upper]);
    expect(a.lower!).toBeLessThan(a.alpha!);
    expect(a.bootstrap).toEqual({ samples: 300, seed: 11, level: 0.95, undefinedSamples: 0 });
    expectClose(a.alpha ?? NaN, 0.8491071428571428, 1e-9, 'alpha');
  });

  it('gives null α when the values do not vary', () => {
    expect(run({ data: [['a', 'a'], ['a', null]] }).alpha).toBeNull();
  });

  it('names each wrong or missing field', () => {
    expect(fieldsOf({})).toEqual(['data']);
    expect(fieldsOf({ data: [] })).toEqual(['data']);
    expect(fieldsOf({ data: [[1, 2], [1]] })).toEqual(['data[1]']);
    expect(fieldsOf({ data: [[1, 'a']] })).toEqual(['data']);
    expect(fieldsOf({ data: [['a', 'b']], level: 'interval' })).toEqual(['level']);
    expect(fieldsOf({ data: [[1, 2]], level: 'metric' })).toEqual(['level']);
    expect(fieldsOf({ data: [[1, 2]], bootstrap: { samples: 10 } })).toEqual(['bootstrap.seed']);
    expect(fieldsOf({ data: [[1, 2]], bootstrap: { seed: 0 } })).toEqual(['bootstrap.seed']);
    expect(fieldsOf({ data: [[1, 2]], bootstrap: { seed: 1, samples: 1.5 } })).toEqual(['bootstrap.samples']);
    expect(fieldsOf({ data: [[1, 2]], bootstrap: { seed: 1, level: 2 } })).toEqual(['bootstrap.level']);
  });

  it('throws NumericalError for no pairable unit or negative ratio data', () => {
    expect(() => run({ data: [[1, null], [null, 2]] })).toThrow(NumericalError);
    expect(() => run({ data: [[-1, 2], [1, 2]], level: 'ratio' })).toThrow(NumericalError);
  });

  it('documents every field for --help', () => {
    const help = describeMethod(krippendorffAlphaMethod);
    for (const field of ['data', 'level', 'bootstrap']) expect(help).toContain(`  ${field} (`);
  });
});
