import { z } from 'zod';
import { cochranArmitageTrend } from '../trend/cochran-armitage.ts';
import { defineMethod, NumericalError } from './method.ts';

const request = z
  .strictObject({
    successes: z.array(z.number().nonnegative()).min(2).describe('Successes (events) in each ordered group.'),
    totals: z.array(z.number().nonnegative()).min(2).describe('Group sizes, one per group; a group with total 0 is left out (as R does).'),
    scores: z.array(z.number()).optional().describe('Score of each group, the x of the linear trend (e.g. the year or the dose). Default 1, 2, …, k.'),
  })
  .superRefine((r, ctx) => {
    if (r.totals.length !== r.successes.length) ctx.addIssue({ code: 'custom', path: ['totals'], message: `has ${r.totals.length} groups where successes has ${r.successes.length}` });
    if (r.scores && r.scores.length !== r.successes.length) ctx.addIssue({ code: 'custom', path: ['scores'], message: `has ${r.scores.length} groups where successes has ${r.successes.length}` });
    r.successes.forEach((x, i) => {
      if (x > (r.totals[i] ?? Infinity)) ctx.addIssue({ code: 'custom', path: ['successes', i], message: `${x} successes exceed the group total ${r.totals[i]}` });
    });
  });

/**
 * `vindex stats trend`: Cochran–Armitage χ² test (1 df) for a linear trend in proportions across
 * ordered groups. No successes, no failures, fewer than two non-empty groups or equal scores
 * leave nothing to test: NumericalError.
 */
export const trendMethod = defineMethod({
  name: 'trend',
  summary: 'Cochran–Armitage test for a linear trend in proportions across ordered groups',
  reference: 'Cochran (1954); Armitage (1955). R prop.trend.test(successes, totals, score)',
  request,
  run(r) {
    const t = cochranArmitageTrend(r.successes, r.totals, r.scores);
    if (Number.isNaN(t.statistic)) {
      throw new NumericalError('no trend can be tested: it needs successes and failures, at least two groups with a total above 0, and scores that differ among them');
    }
    return t;
  },
});
