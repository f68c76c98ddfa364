import { describe, expect, it } from 'vitest';
import fixture from '../ordinal/fixtures/ordinal-association.json' with { type: 'json' };
import { expectClose } from '../testing/close.ts';
import { describeMethod, findMethod, parseRequest, RequestError, runMethod } from './dispatch.ts';
import { NumericalError } from './method.ts';
import { ordinalAssociationMethod } from './ordinal-association.ts';

const run = (request: unknown): Record<string, number> => JSON.parse(JSON.stringify(runMethod(ordinalAssociationMethod, request))) as Record<string, number>;

function fieldsOf(request: unknown): string[] {
  try {
    parseRequest(ordinalAssociationMethod, request);
  } catch (e) {
    if (e instanceof RequestError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
}

describe('vindex stats ordinal-association', () => {
  it('is registered', () => expect(findMethod('ordinal-association')).toBe(ordinalAssociationMethod));

  it('answers as R for the job satisfaction table', () => {
    const c = fixture.cases.find((k) => k.name.startsWith('job satisfaction'))!;
    const out = run({ table: c.table });
    for (const key of ['gamma', 'gammaAse', 'kendallTauB', 'kendallTauBAse', 'concordantPairs', 'discordantPairs'] as const) expectClose(out[key]!, c[key], 1e-9, key);
    expect(out.n).toBe(96);
  });

  it('refuses a table with one non-empty row as a NumericalError', () => {
    expect(() => runMethod(ordinalAssociationMethod, { table: [[1, 2, 3], [0, 0, 0]] })).toThrow(NumericalError);
    expect(() => runMethod(ordinalAssociationMethod, { table: [[0, 0], [0, 0]] })).toThrow(NumericalError);
  });

  it('names each wrong or missing field', () => {
    expect(fieldsOf({})).toEqual(['table']);
    expect(fieldsOf({ table: [] })).toEqual(['table']);
    expect(fieldsOf({ table: [[1, 2], [3]] })).toEqual(['table[1]']);
    expect(fieldsOf({ table: [[1, -2], [3, 4]] })).toEqual(['table[0][1]']);
    expect(fieldsOf({ table: [[1, '2'], [3, 4]] })).toEqual(['table[0][1]']);
    expect(fieldsOf({ table: [[1, 2], [3, 4]], level: 0.9 })).toEqual(['']);
  });

  it('documents every field for --help', () => expect(describeMethod(ordinalAssociationMethod)).toContain('  table ('));
});
