import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VindexError } from '../errors.ts';
import { allDefinitions, loadDefinitionsFile, shippedDefinitions } from './load.ts';
import { parseDefinitions } from './schema.ts';
import { SHIPPED_INDICATORS } from './shipped.ts';

const dir = mkdtempSync(join(tmpdir(), 'vindex-indicators-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const base = { id: 'x', title: 'X', definition: 'An indicator.', unit: 'share', entity: 'victim', numerator: { 'victim.identified': ['no'] }, denominator: {}, disaggregations: ['country'], interval: 'wilson' };

/** The message of the VindexError thrown by fn. */
function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(VindexError);
    expect((e as VindexError).code).toBe('VDX_INDICATOR_DEFINITION');
    return (e as VindexError).message;
  }
  throw new Error('expected a failure');
}

describe('shipped definitions', () => {
  it('all validate and have distinct ids, covering the issue\'s list', () => {
    const defs = shippedDefinitions();
    expect(defs.map((d) => d.id)).toEqual([
      'victims-unidentified', 'unidentified-prepubescent', 'unidentified-boys', 'victims-most-severe', 'series-most-severe', 'series-visible-offender',
      'visible-offender-male', 'series-self-generated', 'time-to-identification', 'identified-within-1y', 'identified-within-2y', 'identified-within-5y', 'series-by-abuse-country',
    ]);
    expect(defs).toEqual(SHIPPED_INDICATORS);
  });
});

describe('definition validation', () => {
  it('names the path and the allowed codes for an unknown code', () => {
    const msg = failure(() => parseDefinitions([{ ...base, numerator: { 'victim.ageBand': ['infantToddler', 'baby'] } }], 'defs.yaml'));
    expect(msg).toContain('defs.yaml: [0].numerator.victim.ageBand[1] (x): "baby" is not a code of victim.ageBand (allowed: infantToddler, prepubescent, pubescent, postPubescent, notDeterminable)');
  });

  it('refuses unknown variables, non-categorical variables and empty code lists', () => {
    const msg = failure(() => parseDefinitions([{ ...base, numerator: { 'victim.shoeSize': ['9'], 'series.firstSeen': ['2015'], 'victim.gender': [] } }], 'f.json'));
    expect(msg).toContain('[0].numerator.victim.shoeSize (x): unknown variable "victim.shoeSize"');
    expect(msg).toContain('[0].numerator.series.firstSeen (x): series.firstSeen is a date variable; filters take categorical or country variables only');
    expect(msg).toContain('[0].numerator.victim.gender (x): lists no codes');
  });

  it('checks country codes against ISO 3166 and ZZ', () => {
    expect(() => parseDefinitions([{ ...base, denominator: { 'series.country': ['DE', 'ZZ'] } }], 'f')).not.toThrow();
    expect(failure(() => parseDefinitions([{ ...base, denominator: { 'series.country': ['XX'] } }], 'f'))).toContain('[0].denominator.series.country[0] (x): "XX" is not a code of series.country (allowed: ISO 3166-1 alpha-2 codes or ZZ)');
  });

  it('reports shape errors with their path (zod), and unknown keys', () => {
    const msg = failure(() => parseDefinitions([{ ...base, unit: 'percent', colour: 'red' }], 'f.yaml'));
    expect(msg).toMatch(/f\.yaml: \[0\]\.unit: Invalid option: expected one of "share"\|"count"\|"median-time"\|"rate"/);
    expect(msg).toMatch(/f\.yaml: \[0\]: Unrecognized key: "colour"/);
  });

  it('refuses combinations that make no sense, each with what is allowed', () => {
    expect(failure(() => parseDefinitions([{ ...base, denominator: null }], 'f'))).toContain('[0].denominator (x): a share needs a denominator filter');
    expect(failure(() => parseDefinitions([{ ...base, unit: 'count', interval: 'wilson' }], 'f'))).toContain('[0].interval (x): a count takes interval poisson or none');
    expect(failure(() => parseDefinitions([{ ...base, entity: 'series', numerator: {}, disaggregations: ['gender'] }], 'f'))).toContain('[0].disaggregations[0] (x): gender is a victim variable');
    expect(failure(() => parseDefinitions([{ ...base, unit: 'rate', interval: 'poisson' }], 'f'))).toContain('[0].per (x): a rate needs per');
    expect(failure(() => parseDefinitions([{ ...base, unit: 'median-time', denominator: null, interval: 'kaplan-meier', entity: 'series', numerator: {}, time: { start: 'series.firstSeen', event: 'series.identified', eventDate: 'victim.identifiedOn' } }], 'f'))).toContain('[0].time.eventDate (x): "victim.identifiedOn" must be a date variable of series');
    expect(failure(() => parseDefinitions([base, base], 'f'))).toContain('[1].id: "x" is defined twice');
  });

  it('reports every problem of every definition at once', () => {
    const msg = failure(() => parseDefinitions([{ ...base, numerator: { 'victim.gender': ['boy'] } }, { ...base, id: 'y', denominator: { 'victim.ageBand': ['old'] } }], 'f'));
    expect(msg.split('\n').filter((l) => l.startsWith('  f: '))).toHaveLength(2);
  });
});

describe('user definition files', () => {
  it('loads YAML with an indicators list, after the built-in definitions', () => {
    const p = file('mine.yaml', [
      'indicators:',
      '  - id: unidentified-infants',
      '    title: Unidentified victims who are infants or toddlers',
      '    definition: Among unidentified victims with a known age band, the share coded infant/toddler.',
      '    unit: share',
      '    entity: victim',
      '    numerator: { victim.ageBand: [infantToddler] }',
      '    denominator:',
      '      victim.identified: [no]',
      '      victim.ageBand: [infantToddler, prepubescent, pubescent, postPubescent]',
      '    disaggregations: [country, region, year]',
      '    interval: wilson',
      '',
    ].join('\n'));
    const defs = loadDefinitionsFile(p);
    expect(defs).toEqual([{
      id: 'unidentified-infants', title: 'Unidentified victims who are infants or toddlers', definition: 'Among unidentified victims with a known age band, the share coded infant/toddler.',
      unit: 'share', entity: 'victim', numerator: { 'victim.ageBand': ['infantToddler'] },
      denominator: { 'victim.identified': ['no'], 'victim.ageBand': ['infantToddler', 'prepubescent', 'pubescent', 'postPubescent'] }, disaggregations: ['country', 'region', 'year'], interval: 'wilson',
    }]);
    expect(allDefinitions(p).map((d) => d.id).slice(-2)).toEqual(['series-by-abuse-country', 'unidentified-infants']);
  });

  it('YAML 1.2 reads a bare no as the code "no" (not false); a top-level list is accepted', () => {
    const p = file('list.yml', '- id: a\n  title: A\n  definition: d\n  unit: count\n  entity: series\n  numerator: { series.identified: [no] }\n  denominator: null\n  disaggregations: []\n  interval: poisson\n');
    expect(loadDefinitionsFile(p)[0]!.numerator).toEqual({ 'series.identified': ['no'] });
  });

  it('JSON files; errors name the file and the path', () => {
    const p = file('bad.json', JSON.stringify({ indicators: [{ ...base, numerator: { 'victim.gender': ['girl'] } }] }));
    expect(failure(() => loadDefinitionsFile(p))).toContain(`${p}: indicators[0].numerator.victim.gender[0] (x): "girl" is not a code of victim.gender (allowed: female, male, notDeterminable)`);
  });

  it('unparseable files, wrong top-level shapes, missing files and clashes with built-in ids', () => {
    expect(failure(() => loadDefinitionsFile(file('broken.yaml', 'indicators: [\n')))).toMatch(/broken\.yaml: not valid YAML/);
    expect(failure(() => loadDefinitionsFile(file('scalar.yaml', 'hello\n')))).toContain('scalar.yaml: expected a list of indicator definitions');
    expect(() => loadDefinitionsFile(join(dir, 'missing.yaml'))).toThrow(expect.objectContaining({ code: 'VDX_FILE_NOT_FOUND' }));
    const clash = file('clash.json', JSON.stringify([{ ...base, id: 'victims-unidentified' }]));
    expect(failure(() => allDefinitions(clash))).toContain('"victims-unidentified" is the id of a built-in indicator');
  });
});
