import { z } from 'zod';
import { checkDesignLengths, designOf, designRequestFields } from '../survey/design-request.ts';
import { surveyProportion } from '../survey/survey-proportion.ts';
import { defineMethod } from './method.ts';

const request = z
  .strictObject({
    y: z
      .union([z.array(z.union([z.literal(0), z.literal(1)])).min(1), z.array(z.boolean()).min(1)])
      .describe('Whether each sampled unit has the attribute: all 0/1 or all true/false.'),
    ...designRequestFields,
    method: z
      .enum(['wald', 'logit'])
      .default('wald')
      .describe('Interval: "wald" is p ± t·SE, as confint(svymean(…), df = degf(design)) (may leave [0, 1]); "logit" is computed on the logit scale and stays inside (0, 1), as svyciprop(method = "logit").'),
  })
  .superRefine(checkDesignLengths);

/**
 * `vindex stats survey-proportion`: the design-based share of units with an attribute, with the
 * same estimator, SE, degrees of freedom and design effect as survey-mean, and a Wald or logit
 * t interval.
 */
export const surveyProportionMethod = defineMethod({
  name: 'survey-proportion',
  summary: 'Design-based proportion with Taylor-linearised SE and Wald or logit t interval',
  reference: 'Taylor linearisation (Wolter 2007, ch. 6; Lumley 2010, Complex Surveys). R survey::svymean(deff = TRUE) with confint(df = degf(design)); svyciprop(method = "logit")',
  request,
  run(r) {
    return surveyProportion(r.y, designOf(r), r.level, r.method);
  },
});
