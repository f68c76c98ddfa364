import { describe, expect, it } from 'vitest';
import { CODEBOOK, COPINE_TO_SAP, compileRecordValidator, harmonise, SCALE_CODES } from './index.ts';

const VICTIM = {
  'series.source': 'SRC-T',
  'series.id': 'S-1',
  'victim.id': 'V-1',
  'victim.gender': 'male',
  'victim.ageBand': 'pubescent',
  'victim.identified': 'no',
};

const validate = compileRecordValidator(CODEBOOK, 'victim', { today: '2024-06-30' });

function severityOf(scale: string, code: string, penetration?: string, extra: Record<string, string> = {}) {
  const r = validate({ ...VICTIM, 'victim.severityScale': scale, 'victim.severityCode': code, ...(penetration === undefined ? {} : { 'victim.penetration': penetration }), ...extra });
  return { problems: r.problems, code: r.values['victim.severityCode'], severity: r.values['victim.severity'], ambiguous: r.values['victim.severityAmbiguous'] };
}

/** The crosswalk of docs/codebook.md, written out by hand: [scale, code, harmonised]. */
const TABLE: ReadonlyArray<readonly [string, string, string]> = [
  ['copine', '1', 'indicative'], ['copine', '2', 'indicative'], ['copine', '3', 'indicative'],
  ['copine', '4', 'catC'], ['copine', '5', 'catC'], ['copine', '6', 'catC'],
  ['copine', '8', 'catB'], ['copine', '9', 'catA'], ['copine', '10', 'catA'],
  ['sap', '1', 'catC'], ['sap', '2', 'catB'], ['sap', '3', 'catB'], ['sap', '4', 'catA'], ['sap', '5', 'catA'],
  ['uk', 'C', 'catC'], ['uk', 'B', 'catB'], ['uk', 'A', 'catA'],
];

describe('severity crosswalk', () => {
  it('covers every code of every scale (COPINE 7 separately)', () => {
    const covered = TABLE.map(([s, c]) => `${s}:${c}`).sort();
    const all = Object.entries(SCALE_CODES).flatMap(([s, codes]) => codes.map((c) => `${s}:${c}`)).filter((x) => x !== 'copine:7').sort();
    expect(covered).toEqual(all);
  });

  it.each(TABLE)('%s %s → %s, not ambiguous, whatever the penetration code', (scale, code, expected) => {
    for (const penetration of [undefined, 'yes', 'no', 'notDeterminable']) {
      expect(severityOf(scale, code, penetration), `penetration ${String(penetration)}`).toEqual({ problems: [], code, severity: expected, ambiguous: 'no' });
      expect(harmonise(scale as 'copine', code, penetration === undefined ? 'notDeterminable' : (penetration as 'yes'))).toEqual({ severity: expected, ambiguous: false });
    }
  });

  it('COPINE 7: penetration yes → catA, no → catB, not determinable or missing → catB flagged ambiguous', () => {
    expect(severityOf('copine', '7', 'yes')).toEqual({ problems: [], code: '7', severity: 'catA', ambiguous: 'no' });
    expect(severityOf('copine', '7', 'no')).toEqual({ problems: [], code: '7', severity: 'catB', ambiguous: 'no' });
    expect(severityOf('copine', '7', 'notDeterminable')).toEqual({ problems: [], code: '7', severity: 'catB', ambiguous: 'yes' });
    expect(severityOf('copine', '7', 'nd')).toEqual({ problems: [], code: '7', severity: 'catB', ambiguous: 'yes' });
    expect(severityOf('copine', '7')).toEqual({ problems: [], code: '7', severity: 'catB', ambiguous: 'yes' });
    expect(harmonise('copine', '7', 'yes')).toEqual({ severity: 'catA', ambiguous: false });
    expect(harmonise('copine', '7', 'no')).toEqual({ severity: 'catB', ambiguous: false });
    expect(harmonise('copine', '7', 'notDeterminable')).toEqual({ severity: 'catB', ambiguous: true });
  });

  it('agrees with the published COPINE → SAP mapping wherever one exists, except the deliberately split COPINE 7', () => {
    expect(COPINE_TO_SAP).toEqual({ '1': null, '2': null, '3': null, '4': '1', '5': '1', '6': '1', '7': '2', '8': '3', '9': '4', '10': '5' });
    for (const [copine, sap] of Object.entries(COPINE_TO_SAP)) {
      if (sap === null || copine === '7') continue;
      expect(harmonise('copine', copine, 'notDeterminable'), `COPINE ${copine} vs SAP ${sap}`).toEqual(harmonise('sap', sap, 'notDeterminable'));
    }
    // COPINE 7 → SAP 2 is the non-penetrative reading; that is the ambiguous lower bound.
    expect(harmonise('copine', '7', 'notDeterminable').severity).toBe(harmonise('sap', '2', 'notDeterminable').severity);
  });

  it('UK codes are accepted in lower case and stored upper case', () => {
    expect(severityOf('uk', 'a')).toEqual({ problems: [], code: 'A', severity: 'catA', ambiguous: 'no' });
    expect(severityOf('UK Sentencing Council categories A/B/C', 'c')).toEqual({ problems: [], code: 'C', severity: 'catC', ambiguous: 'no' });
  });

  it('not determinable scale or code gives a not-determinable severity', () => {
    expect(severityOf('notDeterminable', 'notDeterminable')).toEqual({ problems: [], code: 'notDeterminable', severity: 'notDeterminable', ambiguous: 'no' });
    expect(severityOf('nd', 'nd')).toEqual({ problems: [], code: 'notDeterminable', severity: 'notDeterminable', ambiguous: 'no' });
    expect(severityOf('copine', 'nd')).toEqual({ problems: [], code: 'notDeterminable', severity: 'notDeterminable', ambiguous: 'no' });
    expect(severityOf('sap', 'notDeterminable')).toEqual({ problems: [], code: 'notDeterminable', severity: 'notDeterminable', ambiguous: 'no' });
  });

  it('refuses a code that is not on its scale', () => {
    expect(severityOf('sap', '6').problems).toEqual([{ field: 'victim.severityCode', value: '6', message: 'is not a code of the sap scale', allowed: '1, 2, 3, 4, 5' }]);
    expect(severityOf('sap', 'A').problems).toEqual([{ field: 'victim.severityCode', value: 'A', message: 'is not a code of the sap scale', allowed: '1, 2, 3, 4, 5' }]);
    expect(severityOf('uk', '1').problems).toEqual([{ field: 'victim.severityCode', value: '1', message: 'is not a code of the uk scale', allowed: 'C, B, A' }]);
    expect(severityOf('copine', 'B').problems).toEqual([{ field: 'victim.severityCode', value: 'B', message: 'is not a code of the copine scale', allowed: '1, 2, 3, 4, 5, 6, 7, 8, 9, 10' }]);
    expect(severityOf('notDeterminable', '7').problems).toEqual([
      { field: 'victim.severityCode', value: '7', message: 'must be notDeterminable when the scale is not determinable', allowed: 'COPINE 1–10, SAP 1–5, UK A/B/C or notDeterminable' },
    ]);
    for (const code of ['0', '11', 'D', '7a']) {
      expect(severityOf('copine', code).problems, code).toEqual([
        { field: 'victim.severityCode', value: code, message: 'does not have the required form', allowed: 'COPINE 1–10, SAP 1–5, UK A/B/C or notDeterminable' },
      ]);
    }
    expect(severityOf('richter', '7').problems.map((p) => [p.field, p.message])).toEqual([['victim.severityScale', 'is not a code of this variable']]);
  });

  it('accepts a given harmonised severity that agrees (code, label or alias)', () => {
    expect(severityOf('copine', '9', undefined, { 'victim.severity': 'catA' })).toEqual({ problems: [], code: '9', severity: 'catA', ambiguous: 'no' });
    expect(severityOf('copine', '7', 'no', { 'victim.severity': 'b' })).toEqual({ problems: [], code: '7', severity: 'catB', ambiguous: 'no' });
    expect(severityOf('uk', 'C', undefined, { 'victim.severity': 'C: indecent, no sexual activity' })).toEqual({ problems: [], code: 'C', severity: 'catC', ambiguous: 'no' });
  });

  it('refuses a given harmonised severity that disagrees with the crosswalk', () => {
    expect(severityOf('copine', '9', undefined, { 'victim.severity': 'catB' }).problems).toEqual([
      {
        field: 'victim.severity',
        value: 'catB',
        message: 'disagrees with the crosswalk (copine 9 → catA)',
        allowed: 'indicative, catC, catB, catA, notDeterminable (codes or labels, any case)',
      },
    ]);
    expect(severityOf('copine', '7', 'notDeterminable', { 'victim.severity': 'catA' }).problems.map((p) => p.message)).toEqual(['disagrees with the crosswalk (copine 7 → catB)']);
    expect(severityOf('uk', 'A', undefined, { 'victim.severity': 'catZ' }).problems.map((p) => [p.field, p.message])).toEqual([['victim.severity', 'is not a code of this variable']]);
  });

  it('accepts a given ambiguity flag only if it agrees', () => {
    expect(severityOf('copine', '7', 'notDeterminable', { 'victim.severityAmbiguous': 'yes' }).problems).toEqual([]);
    expect(severityOf('copine', '8', undefined, { 'victim.severityAmbiguous': 'no' }).problems).toEqual([]);
    expect(severityOf('copine', '7', 'notDeterminable', { 'victim.severityAmbiguous': 'no' }).problems).toEqual([
      { field: 'victim.severityAmbiguous', value: 'no', message: 'disagrees with the crosswalk (copine 7 → ambiguous yes)', allowed: 'yes, no, notDeterminable (codes or labels, any case)' },
    ]);
    expect(severityOf('sap', '4', undefined, { 'victim.severityAmbiguous': 'yes' }).problems.map((p) => p.message)).toEqual(['disagrees with the crosswalk (sap 4 → ambiguous no)']);
  });
});
