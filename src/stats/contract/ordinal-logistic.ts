import { z } from 'zod';
import { ordinalLogistic } from '../regression/ordinal-logistic.ts';
import { defineMethod } from './method.ts';
import { checkCovariateShape, covariateNames, covariateRows } from './regression-request.ts';

const request = z
  .strictObject({
    y: z
      .array(z.number().int().min(1))
      .min(1)
      .describe('Ordered outcome level of each observation, 1..K (1 lowest). Every level from 1 to the highest must occur.'),
    x: covariateRows,
    names: covariateNames,
  })
  .superRefine((r, ctx) => checkCovariateShape(r, { field: 'y', length: r.y.length }, ctx));

/**
 * `vindex stats ordinal-logistic`: proportional-odds logistic regression parametrised as
 * MASS::polr — logit P(Y ≤ k) = ζₖ − xᵀβ — with standard errors from the exact Hessian
 * (summary(polr(…, Hess = TRUE))). An empty outcome level is refused, naming it.
 */
export const ordinalLogisticMethod = defineMethod({
  name: 'ordinal-logistic',
  summary: 'Proportional-odds (cumulative logit) regression for an ordered outcome, as MASS::polr',
  reference: 'McCullagh (1980); R MASS::polr(method = "logistic", Hess = TRUE), summary.polr',
  request,
  run(r) {
    const fit = ordinalLogistic(r.y, r.x, r.names);
    return {
      coefficients: fit.coefficients,
      thresholds: fit.thresholds,
      logLikelihood: fit.logLikelihood,
      deviance: fit.deviance,
      aic: fit.aic,
      levels: fit.levels,
      iterations: fit.iterations,
      converged: fit.converged,
      n: fit.n,
      warnings: fit.warnings,
    };
  },
});
