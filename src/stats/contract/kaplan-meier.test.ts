import { describe, expect, it } from 'vitest';
import aml from '../survival/fixtures/aml.json' with { type: 'json' };
import { expectClose } from '../testing/close.ts';
import { describeMethod, findMethod, parseRequest, RequestError, runMethod } from './dispatch.ts';
import { kaplanMeierMethod } from './kaplan-meier.ts';
import { NumericalError } from './method.ts';

interface Step {
  time: number;
  nRisk: number;
  nEvent: number;
  survival: number;
  standardError: number | null;
  lower: number | null;
  upper: number | null;
}
interface Response {
  groups: { group: string | number | null; n: number; events: number; steps: Step[]; median: number | null; medianLower: number | null; medianUpper: number | null }[];
  logRank: { statistic: number; df: number; pValue: number } | null;
}

const run = (request: unknown): Response => JSON.parse(JSON.stringify(runMethod(kaplanMeierMethod, request))) as Response;

function fieldsOf(request: unknown): string[] {
  try {
    parseRequest(kaplanMeierMethod, request);
  } catch (e) {
    if (e instanceof RequestError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
}

describe('vindex stats kaplan-meier', () => {
  it('is registered', () => expect(findMethod('kaplan-meier')).toBe(kaplanMeierMethod));

  it('answers the aml example as survfit (log-log) and survdiff', () => {
    const c = aml.case;
    const out = run({ time: c.time, event: c.event, group: c.group });
    const expected = c.fits.find((f) => f.confType === 'log-log' && f.level === 0.95);
    expect(out.groups.map((g) => g.group)).toEqual(['Maintained', 'Nonmaintained']);
    out.groups.forEach((g, i) => {
      const e = expected?.groups[i];
      if (!e) throw new Error('fixture');
      expect(g.n).toBe(e.n);
      expect(g.events).toBe(e.events);
      expect(g.steps.map((s) => s.time)).toEqual(e.steps.time);
      g.steps.forEach((s, k) => {
        expect(s.nRisk).toBe(e.steps.nRisk[k]);
        expectClose(s.survival, e.steps.survival[k], 1e-9, `survival ${k}`);
        for (const key of ['standardError', 'lower', 'upper'] as const) {
          const v = e.steps[key][k];
          if (v === null) expect(s[key]).toBeNull();
          else expectClose(s[key] ?? NaN, v, 1e-9, `${key} ${k}`);
        }
      });
      expect([g.median, g.medianLower, g.medianUpper]).toEqual([e.median, e.medianLower, e.medianUpper]);
    });
    expectClose(out.logRank?.statistic ?? NaN, c.logRank.statistic, 1e-9, 'statistic');
    expect(out.logRank?.df).toBe(1);
    expectClose(out.logRank?.pValue ?? NaN, c.logRank.pValue, 1e-9, 'p');
  });

  it('defaults to one curve, log-log, 0.95; writes R NA as null', () => {
    const out = run({ time: [1, 2, 3], event: [1, 0, 1] });
    expect(out.groups).toHaveLength(1);
    expect(out.groups[0].group).toBeNull();
    expect(out.groups[0].steps[1]).toEqual({ time: 3, nRisk: 1, nEvent: 1, survival: 0, standardError: null, lower: null, upper: null });
    expect(out.groups[0].medianUpper).toBeNull();
    expect(out.logRank).toBeNull();
    // log-log at 0.95: S = 2/3, se(log S) = √(1/6).
    const s = 2 / 3;
    const half = (1.959963984540054 * Math.sqrt(1 / 6)) / Math.log(s);
    expectClose(out.groups[0].steps[0].lower ?? NaN, Math.exp(-Math.exp(Math.log(-Math.log(s)) - half)), 1e-12);
  });

  it('takes numeric groups and the other interval types', () => {
    const out = run({ time: [1, 2, 3, 4], event: [1, 1, 1, 1], group: [2, 1, 2, 1], confType: 'plain', level: 0.9 });
    expect(out.groups.map((g) => g.group)).toEqual([1, 2]);
    expect(out.groups[0].steps[0].upper).toBe(1);
    expect(out.logRank?.df).toBe(1);
  });

  it('rejects missing, wrong and unknown fields, naming them', () => {
    expect(fieldsOf({ event: [1] })).toEqual(['time']);
    expect(fieldsOf({ time: [], event: [] })).toEqual(['time']);
    expect(fieldsOf({ time: [1, -1], event: [1, 1] })).toEqual(['time[1]']);
    expect(fieldsOf({ time: [1, '2'], event: [1, 1] })).toEqual(['time[1]']);
    expect(fieldsOf({ time: [1, 2], event: [1, 2] })).toEqual(['event[1]']);
    expect(fieldsOf({ time: [1, 2], event: [true, false] })).toEqual(['event[0]', 'event[1]']);
    expect(fieldsOf({ time: [1, 2], event: [1] })).toEqual(['event']);
    expect(fieldsOf({ time: [1, 2], event: [1, 0], group: ['a'] })).toEqual(['group']);
    expect(fieldsOf({ time: [1, 2], event: [1, 0], group: ['a', 1] })).toEqual(['group']);
    expect(fieldsOf({ time: [1], event: [1], confType: 'logit' })).toEqual(['confType']);
    expect(fieldsOf({ time: [1], event: [1], level: 1 })).toEqual(['level']);
    expect(fieldsOf({ time: [1], event: [1], conftype: 'log' })).toEqual(['']);
    expect(() => runMethod(kaplanMeierMethod, { time: [1], event: [2] })).toThrow(RequestError);
  });

  it('throws NumericalError when a log-rank test over the groups cannot be run', () => {
    const group = Array.from({ length: 1001 }, (_, i) => `g${i}`);
    expect(() => runMethod(kaplanMeierMethod, { time: group.map(() => 1), event: group.map(() => 1), group })).toThrow(NumericalError);
  });

  it('documents every field for --help', () => {
    const help = describeMethod(kaplanMeierMethod);
    for (const field of ['time', 'event', 'group', 'confType', 'level']) expect(help).toContain(`  ${field} (`);
    expect(help).toContain('default "log-log"');
    expect(help).toContain('default 0.95');
  });
});
