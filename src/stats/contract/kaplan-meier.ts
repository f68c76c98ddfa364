import { z } from 'zod';
import { kaplanMeier, type KaplanMeierCurve } from '../survival/kaplan-meier.ts';
import { CONF_TYPES } from '../survival/survival-interval.ts';
import { defineMethod } from './method.ts';

const request = z
  .strictObject({
    time: z
      .array(z.number().nonnegative())
      .min(1)
      .describe('Follow-up time of each row (finite, ≥ 0; any unit): time to the event, or to censoring.'),
    event: z
      .array(z.union([z.literal(0), z.literal(1)]))
      .describe('1 if the event (e.g. identification) was observed at `time`, 0 if the row was censored then. Same length as `time`.'),
    group: z
      .union([z.array(z.string()), z.array(z.number())])
      .optional()
      .describe('Group of each row, all strings or all numbers; one curve per group, groups in sorted order (numbers ascending, strings by code unit), and a log-rank test between them. Omit for one curve.'),
    confType: z
      .enum(CONF_TYPES)
      .default('log-log')
      .describe('Scale of the pointwise confidence interval for S(t), as survfit conf.type: "log-log", "log" or "plain" (clipped to [0, 1]).'),
    level: z.number().gt(0).lt(1).default(0.95).describe('Confidence level of the intervals for S(t) and for the median.'),
  })
  .superRefine((r, ctx) => {
    if (r.event.length !== r.time.length) {
      ctx.addIssue({ code: 'custom', path: ['event'], message: `has ${r.event.length} values but time has ${r.time.length}` });
    }
    if (r.group && r.group.length !== r.time.length) {
      ctx.addIssue({ code: 'custom', path: ['group'], message: `has ${r.group.length} values but time has ${r.time.length}` });
    }
  });

const orNull = (x: number | null): number | null => (x === null || Number.isNaN(x) ? null : x);

function steps(c: KaplanMeierCurve): object[] {
  return Array.from(c.time, (time, s) => ({
    time,
    nRisk: c.nRisk[s],
    nEvent: c.nEvent[s],
    survival: c.survival[s],
    standardError: orNull(c.standardError[s]),
    lower: orNull(c.lower[s]),
    upper: orNull(c.upper[s]),
  }));
}

/**
 * `vindex stats kaplan-meier`: Kaplan–Meier curves per group (steps at event times, Greenwood SE
 * of S(t), survfit's intervals, print(survfit)'s median and its limits) and survdiff's log-rank
 * test. null marks what R reports as NA: the SE and limits where S(t) = 0, a median or limit not
 * reached, the log-rank test with one group or nothing to compare.
 */
export const kaplanMeierMethod = defineMethod({
  name: 'kaplan-meier',
  summary: 'Kaplan–Meier survival curves with Greenwood SE, median survival and the log-rank test',
  reference: 'Kaplan & Meier (1958); Greenwood (1926); Mantel (1966). R survival::survfit(Surv(time, event) ~ group, conf.type), print(survfit), survdiff',
  request,
  run(r) {
    const result = kaplanMeier(r.time, r.event, {
      confType: r.confType,
      level: r.level,
      ...(r.group ? { group: r.group } : {}),
    });
    return {
      groups: result.groups.map((g) => ({
        group: g.group,
        n: g.n,
        events: g.events,
        steps: steps(g),
        median: g.median,
        medianLower: g.medianLower,
        medianUpper: g.medianUpper,
      })),
      logRank: result.logRank ? { statistic: result.logRank.statistic, df: result.logRank.df, pValue: result.logRank.pValue } : null,
    };
  },
});
