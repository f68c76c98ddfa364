import { describe, expect, it } from 'vitest';
import { compileVariable } from './compile.ts';
import { normaliseCountry } from './countries.ts';
import { CODEBOOK, compileRecordValidator, type EntityName, type Variable } from './index.ts';

const TODAY = '2024-06-30';

function variables(): Variable[] {
  return CODEBOOK.entities.flatMap((e) => [...e.variables]);
}

function variable(name: string): Variable {
  const v = variables().find((x) => x.name === name);
  if (!v) throw new Error(`no variable ${name}`);
  return v;
}

const check = (name: string) => compileVariable(variable(name), { today: TODAY });

const validate = (entity: EntityName, raw: Record<string, unknown>) => compileRecordValidator(CODEBOOK, entity, { today: TODAY })(raw);

const SERIES = {
  'series.source': 'SRC-T',
  'series.id': 'S-1',
  'series.country': 'DE',
  'series.firstSeen': '2015-03-01',
  'series.identified': 'no',
};

const VICTIM = {
  'series.source': 'SRC-T',
  'series.id': 'S-1',
  'victim.id': 'V-1',
  'victim.gender': 'female',
  'victim.ageBand': 'prepubescent',
  'victim.identified': 'no',
  'victim.severityScale': 'copine',
  'victim.severityCode': '4',
};

const OFFENDER = { 'series.source': 'SRC-T', 'series.id': 'S-1', 'offender.id': 'O-1', 'offender.visible': 'yes', 'offender.gender': 'male' };

describe('category variables', () => {
  const categorical = variables().filter((v): v is Extract<Variable, { type: 'category' }> => v.type === 'category');

  it('accept every code, label and alias in its own, upper, lower and mixed case, and store the code', () => {
    let checked = 0;
    for (const v of categorical) {
      const c = compileVariable(v, { today: TODAY });
      for (const cat of v.set.categories) {
        for (const spelling of [cat.code, cat.label, ...(cat.aliases ?? [])]) {
          const mixed = [...spelling].map((ch, i) => (i % 2 ? ch.toLowerCase() : ch.toUpperCase())).join('');
          for (const s of [spelling, spelling.toUpperCase(), spelling.toLowerCase(), mixed, `  ${spelling} `]) {
            expect(c(s), `${v.name} ${JSON.stringify(s)}`).toEqual({ ok: true, value: cat.code });
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('no spelling means two different codes within a category set (case-insensitively)', () => {
    for (const v of categorical) {
      const owner = new Map<string, string>();
      for (const cat of v.set.categories) {
        for (const spelling of [cat.code, cat.label, ...(cat.aliases ?? [])]) {
          const key = spelling.toLowerCase();
          expect(owner.get(key) ?? cat.code, `${v.set.id}: "${spelling}"`).toBe(cat.code);
          owner.set(key, cat.code);
        }
      }
    }
  });

  it('every category set has an explicit not-determinable code among its categories', () => {
    for (const v of categorical) expect(v.set.categories.map((c) => c.code), v.set.id).toContain(v.set.notDeterminable);
  });

  it('names known examples', () => {
    expect(check('victim.gender')('F')).toEqual({ ok: true, value: 'female' });
    expect(check('victim.gender')('Boy')).toEqual({ ok: true, value: 'male' });
    expect(check('victim.ageBand')('Infant/Toddler')).toEqual({ ok: true, value: 'infantToddler' });
    expect(check('victim.ageBand')('POST-PUBESCENT')).toEqual({ ok: true, value: 'postPubescent' });
    expect(check('series.identified')('TRUE')).toEqual({ ok: true, value: 'yes' });
    expect(check('series.identified')('0')).toEqual({ ok: true, value: 'no' });
    expect(check('series.identified')('99')).toEqual({ ok: true, value: 'notDeterminable' });
    expect(check('victim.ethnicity')('latino')).toEqual({ ok: true, value: 'hispanicLatino' });
    expect(check('victim.severityScale')('Oliver')).toEqual({ ok: true, value: 'sap' });
    expect(check('victim.severityScale')('UK-SENTENCING')).toEqual({ ok: true, value: 'uk' });
    // JSON values that are not strings are read through their text form.
    expect(check('series.identified')(true)).toEqual({ ok: true, value: 'yes' });
    expect(check('series.identified')(1)).toEqual({ ok: true, value: 'yes' });
  });

  it('refuse an unknown code with the allowed codes', () => {
    expect(check('victim.gender')('x')).toEqual({ ok: false, message: 'is not a code of this variable' });
    const r = validate('victim', { ...VICTIM, 'victim.gender': 'girlish' });
    expect(r.problems).toEqual([
      { field: 'victim.gender', value: 'girlish', message: 'is not a code of this variable', allowed: 'female, male, notDeterminable (codes or labels, any case)' },
    ]);
  });
});

describe('required variables', () => {
  const cases: Array<[EntityName, Record<string, unknown>]> = [
    ['source', { 'source.code': 'SRC-T' }],
    ['series', SERIES],
    ['victim', VICTIM],
    ['offender', OFFENDER],
  ];

  it('a complete minimal record of each entity passes', () => {
    for (const [entity, raw] of cases) expect(validate(entity, raw).problems, entity).toEqual([]);
  });

  it('each required field, left out or blank, is reported as required', () => {
    for (const [entity, raw] of cases) {
      for (const field of Object.keys(raw)) {
        for (const blank of [undefined, null, '', '   ']) {
          const r = validate(entity, { ...raw, [field]: blank });
          expect(r.problems.map((p) => [p.field, p.message]), `${entity} without ${field}`).toEqual([[field, 'is required']]);
        }
      }
    }
  });

  it('optional fields left out are stored as null', () => {
    const r = validate('series', SERIES);
    expect(r.values).toEqual({
      'series.source': 'SRC-T', 'series.id': 'S-1', 'series.country': 'DE', 'series.firstSeen': '2015-03-01', 'series.identified': 'no',
      'series.identifiedOn': null, 'series.offenderIdentified': null, 'series.abuseCountryConfirmed': null, 'series.abuseCountrySuspected': null,
      'series.victimCount': null, 'series.offenderCount': null, 'series.imageCount': null, 'series.videoCount': null, 'series.selfGenerated': null,
      'series.paraphilicThemes': null, 'series.victimGender': null, 'series.victimAgeGroup': null, 'series.provenance': null,
    });
  });
});

describe('dates', () => {
  const date = check('series.firstSeen');

  it('accept valid dates up to and including today', () => {
    for (const d of ['1970-01-01', '2020-02-29', '2000-02-29', TODAY]) expect(date(d), d).toEqual({ ok: true, value: d });
    expect(date(' 2019-12-31 ')).toEqual({ ok: true, value: '2019-12-31' });
  });

  it('refuse malformed and impossible dates', () => {
    for (const d of ['2023-02-29', '1900-02-29', '2020-13-01', '2020-00-10', '2020-04-31', '2020-1-1', '20200101', '01/02/2020', '2020-01-01T00:00:00Z', 'soon']) {
      expect(date(d), d).toEqual({ ok: false, message: 'is not a valid date' });
    }
  });

  it('refuse future dates and dates before 1970', () => {
    expect(date('2024-07-01')).toEqual({ ok: false, message: 'is in the future (after 2024-06-30)' });
    expect(date('2099-01-01')).toEqual({ ok: false, message: 'is in the future (after 2024-06-30)' });
    expect(date('1969-12-31')).toEqual({ ok: false, message: 'is before 1970' });
  });

  it('report the date problem with the allowed form', () => {
    expect(validate('series', { ...SERIES, 'series.firstSeen': '2024-07-01' }).problems).toEqual([
      { field: 'series.firstSeen', value: '2024-07-01', message: 'is in the future (after 2024-06-30)', allowed: 'a date YYYY-MM-DD, not in the future' },
    ]);
  });
});

describe('countries', () => {
  it('turn ISO alpha-3 into alpha-2, any case', () => {
    expect(normaliseCountry('FRA')).toBe('FR');
    expect(normaliseCountry('deu')).toBe('DE');
    expect(normaliseCountry('Usa')).toBe('US');
    expect(normaliseCountry('GBR')).toBe('GB');
    expect(normaliseCountry('PHL')).toBe('PH');
    expect(normaliseCountry('de')).toBe('DE');
    expect(check('series.country')('bra')).toEqual({ ok: true, value: 'BR' });
  });

  it('accept ZZ and its spellings as not determinable', () => {
    for (const s of ['ZZ', 'zz', 'nd', 'ND', 'unknown', 'notDeterminable']) expect(normaliseCountry(s), s).toBe('ZZ');
  });

  it('refuse codes that are not ISO 3166-1', () => {
    for (const s of ['XX', 'XXX', 'UK', 'France', 'D', '276']) expect(normaliseCountry(s), s).toBeUndefined();
    expect(validate('series', { ...SERIES, 'series.country': 'UK' }).problems).toEqual([
      { field: 'series.country', value: 'UK', message: 'is not an ISO 3166-1 country code', allowed: 'an ISO 3166-1 alpha-2 or alpha-3 country code, or ZZ (not determinable)' },
    ]);
  });
});

describe('counts, identifiers and codes', () => {
  it('accept whole numbers in range', () => {
    expect(check('series.victimCount')('3')).toEqual({ ok: true, value: 3 });
    expect(check('series.victimCount')(0)).toEqual({ ok: true, value: 0 });
    expect(check('series.victimCount')('10000')).toEqual({ ok: true, value: 10_000 });
  });

  it('refuse fractions, negatives, words and numbers above the maximum', () => {
    for (const raw of ['3.5', 3.5, '-1', -1, 'three', '10001', true, '1e3']) {
      expect(check('series.victimCount')(raw), String(raw)).toEqual({ ok: false, message: 'is not a whole number in range' });
    }
  });

  it('identifiers: up to 128 characters, no control characters, string or number', () => {
    expect(check('series.id')('SER-ALPHA-000123')).toEqual({ ok: true, value: 'SER-ALPHA-000123' });
    expect(check('series.id')(123)).toEqual({ ok: true, value: '123' });
    expect(check('series.id')('x'.repeat(128))).toEqual({ ok: true, value: 'x'.repeat(128) });
    expect(check('series.id')('x'.repeat(129))).toEqual({ ok: false, message: 'is not a valid identifier' });
    expect(check('series.id')('S\u00071')).toEqual({ ok: false, message: 'is not a valid identifier' });
    expect(check('series.id')(true)).toEqual({ ok: false, message: 'must be a string or number' });
  });

  it('source codes: 1–32 letters, digits, _ . -', () => {
    expect(check('series.source')('NAT-DE_2.1')).toEqual({ ok: true, value: 'NAT-DE_2.1' });
    expect(check('series.source')('-X')).toEqual({ ok: false, message: 'does not have the required form' });
    expect(check('series.source')('A'.repeat(33))).toEqual({ ok: false, message: 'does not have the required form' });
  });
});

describe('the identification-date rule', () => {
  for (const [entity, base, flag, date] of [
    ['series', SERIES, 'series.identified', 'series.identifiedOn'],
    ['victim', VICTIM, 'victim.identified', 'victim.identifiedOn'],
  ] as const) {
    it(`${entity}: a date goes with, and only with, identified = yes`, () => {
      expect(validate(entity, { ...base, [flag]: 'yes', [date]: '2017-01-01' }).problems).toEqual([]);
      expect(validate(entity, { ...base, [flag]: 'yes', [date]: '2017-01-01' }).values[date]).toBe('2017-01-01');
      expect(validate(entity, { ...base, [flag]: 'no' }).problems).toEqual([]);
      expect(validate(entity, { ...base, [flag]: 'notDeterminable' }).problems).toEqual([]);
      const allowed = 'a date YYYY-MM-DD, not in the future';
      expect(validate(entity, { ...base, [flag]: 'yes' }).problems).toEqual([{ field: date, value: null, message: `is required when ${flag} is yes`, allowed }]);
      expect(validate(entity, { ...base, [flag]: 'no', [date]: '2017-01-01' }).problems).toEqual([
        { field: date, value: '2017-01-01', message: `must be empty when ${flag} is no`, allowed },
      ]);
      expect(validate(entity, { ...base, [flag]: 'nd', [date]: '2017-01-01' }).problems).toEqual([
        { field: date, value: '2017-01-01', message: `must be empty when ${flag} is notDeterminable`, allowed },
      ]);
      // A bad date is reported once, as a bad date, not also as missing.
      expect(validate(entity, { ...base, [flag]: 'yes', [date]: '2017-02-30' }).problems).toEqual([
        { field: date, value: '2017-02-30', message: 'is not a valid date', allowed },
      ]);
    });
  }
});
