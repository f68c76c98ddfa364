import { describe, expect, it } from 'vitest';
import { decisionTemplate, majorityValue } from './decision-template.ts';
import type { Disagreement } from './disagreements.ts';

const d = (unitKey: string, variable: string, values: string[], adjudicated = false): Disagreement => ({
  record: variable.startsWith('series.') ? 'series' : 'victim',
  unitKey,
  seriesKey: 's',
  variable,
  values: values.map((value, i) => ({ coder: ['alice', 'bob', 'carol'][i]!, value })),
  adjudication: adjudicated ? { value: values[0]!, reason: 'consensus', adjudicator: 'dana', decidedAt: '2026-01-01T00:00:00.000Z' } : null,
});

describe('decision template', () => {
  it('proposes a strict majority only', () => {
    expect(majorityValue(d('u', 'victim.gender', ['girl', 'boy', 'girl']).values)).toBe('girl');
    expect(majorityValue(d('u', 'victim.gender', ['girl', 'boy']).values)).toBeNull();
    expect(majorityValue(d('u', 'victim.gender', ['girl', 'boy', 'notDeterminable']).values)).toBeNull();
  });

  it('one row per unresolved disagreement, blank where no majority', () => {
    const text = decisionTemplate([
      d('u1', 'victim.gender', ['girl', 'boy', 'girl']),
      d('u2', 'series.selfGenerated', ['yes', 'no']),
      d('u3', 'series.selfGenerated', ['yes', 'no'], true),
    ]);
    expect(text).toBe('unit,variable,value,reason\nu1,victim.gender,girl,majority\nu2,series.selfGenerated,,\n');
  });
});
