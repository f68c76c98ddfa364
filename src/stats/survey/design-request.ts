import { z } from 'zod';
import { LONELY_PSU_OPTIONS, type LonelyPsu, type SurveyDesignInput } from './design.ts';

/**
 * The design fields shared by the survey-mean and survey-proportion requests (svydesign's ids,
 * strata, weights, fpc and options(survey.lonely.psu)), and the check that each has one value
 * per unit.
 */
export const designRequestFields = {
  weights: z
    .array(z.number().positive())
    .describe('Sampling weight of each unit (inverse inclusion probability; finite, > 0). Same length as `y`. The weighted mean Σwy/Σw does not depend on their scale; the design effect does (it compares with SRS of n from N̂ = Σw).'),
  strata: z
    .union([z.array(z.string()), z.array(z.number())])
    .optional()
    .describe('Stratum of each unit, all strings or all numbers. Omit for an unstratified design.'),
  clusters: z
    .union([z.array(z.string()), z.array(z.number())])
    .optional()
    .describe('Primary sampling unit (cluster) of each unit, all strings or all numbers, read within its stratum (svydesign nest = TRUE: cluster 1 of stratum A differs from cluster 1 of stratum B). Omit when units were sampled individually.'),
  fpc: z
    .array(z.number().positive())
    .optional()
    .describe('Population size of each unit\'s stratum, for the finite-population correction (svydesign fpc = ~N): population units, or population PSUs when `clusters` is given. The same on every unit of a stratum and at least the number sampled there. Omit for sampling with replacement.'),
  lonelyPsu: z
    .enum(LONELY_PSU_OPTIONS)
    .default('fail')
    .describe('Strata with a single PSU, as R options(survey.lonely.psu): "fail" (an error naming the strata), "remove" or "certainty" (they add no variance), "adjust" (centre them at the overall mean), "average" (replace their contribution by the average of the other strata).'),
  level: z.number().gt(0).lt(1).default(0.95).describe('Confidence level of the t interval (degrees of freedom = PSUs − strata).'),
};

interface DesignRequest {
  y: readonly unknown[];
  weights: readonly number[];
  strata?: readonly (string | number)[] | undefined;
  clusters?: readonly (string | number)[] | undefined;
  fpc?: readonly number[] | undefined;
}

export function checkDesignLengths(r: DesignRequest, ctx: z.RefinementCtx): void {
  const n = r.y.length;
  for (const field of ['weights', 'strata', 'clusters', 'fpc'] as const) {
    const values = r[field];
    if (values && values.length !== n) ctx.addIssue({ code: 'custom', path: [field], message: `has ${values.length} values but y has ${n}` });
  }
}

export function designOf(r: DesignRequest & { lonelyPsu: LonelyPsu }): SurveyDesignInput {
  return {
    weights: r.weights,
    lonelyPsu: r.lonelyPsu,
    ...(r.strata ? { strata: r.strata } : {}),
    ...(r.clusters ? { clusters: r.clusters } : {}),
    ...(r.fpc ? { fpc: r.fpc } : {}),
  };
}
