import { z } from 'zod';
import { PROPORTION_METHODS, proportionInterval } from '../proportion/proportion-interval.ts';
import { defineMethod } from './method.ts';

const request = z
  .strictObject({
    x: z.number().int().nonnegative().describe('Number of successes (cases with the attribute).'),
    n: z.number().int().positive().describe('Number of trials (cases); x ≤ n.'),
    method: z
      .enum(PROPORTION_METHODS)
      .default('wilson')
      .describe('Interval: "wilson" (score, R prop.test(correct = FALSE)), "clopper-pearson" (exact, R binom.test), "agresti-coull" or "jeffreys" (Brown, Cai & DasGupta 2001; Jeffreys has lower = 0 at x = 0 and upper = 1 at x = n).'),
    level: z.number().gt(0).lt(1).default(0.95).describe('Confidence level.'),
  })
  .superRefine((r, ctx) => {
    // Only against a valid n: a bad n is reported on its own.
    if (Number.isInteger(r.n) && r.n > 0 && r.x > r.n) ctx.addIssue({ code: 'custom', path: ['x'], message: `${r.x} successes exceed n = ${r.n}` });
  });

/** `vindex stats proportion`: a binomial proportion x/n with its confidence interval by the chosen method. */
export const proportionMethod = defineMethod({
  name: 'proportion',
  summary: 'A proportion with its Wilson, Clopper–Pearson, Agresti–Coull or Jeffreys confidence interval',
  reference: 'Brown, Cai & DasGupta (2001) Statistical Science 16(2); R prop.test(correct = FALSE), binom.test',
  request,
  run(r) {
    const ci = proportionInterval(r.x, r.n, r.method, r.level);
    return { estimate: ci.estimate, lower: ci.lower, upper: ci.upper, method: r.method, level: r.level };
  },
});
