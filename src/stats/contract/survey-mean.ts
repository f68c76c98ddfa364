import { z } from 'zod';
import { checkDesignLengths, designOf, designRequestFields } from '../survey/design-request.ts';
import { surveyMean } from '../survey/survey-mean.ts';
import { defineMethod } from './method.ts';

const request = z
  .strictObject({
    y: z.array(z.number()).min(1).describe('Value of each sampled unit (finite).'),
    ...designRequestFields,
  })
  .superRefine(checkDesignLengths);

/**
 * `vindex stats survey-mean`: the weighted mean Σwy/Σw of a complex sample with its
 * Taylor-linearised SE, t interval on PSUs − strata degrees of freedom and svymean's design
 * effect (null where R gives NA or Inf).
 */
export const surveyMeanMethod = defineMethod({
  name: 'survey-mean',
  summary: 'Design-based mean with Taylor-linearised SE (strata, clusters, fpc, lonely PSUs)',
  reference: 'Taylor linearisation (Wolter 2007, ch. 6; Lumley 2010, Complex Surveys). R survey::svydesign(nest = TRUE), svymean(deff = TRUE), confint(df = degf(design))',
  request,
  run(r) {
    return surveyMean(r.y, designOf(r), r.level);
  },
});
