import { z } from 'zod';
import { logisticRegression } from '../regression/logistic.ts';
import { defineMethod } from './method.ts';
import { checkCovariateShape, covariateNames, covariateRows } from './regression-request.ts';

const request = z
  .strictObject({
    y: z
      .array(z.union([z.literal(0), z.literal(1)]))
      .min(1)
      .describe('Binary outcome of each observation: 1 (event, e.g. identified) or 0.'),
    x: covariateRows,
    names: covariateNames,
    level: z.number().gt(0).lt(1).default(0.95).describe('Confidence level of the Wald intervals for the odds ratios.'),
  })
  .superRefine((r, ctx) => checkCovariateShape(r, { field: 'y', length: r.y.length }, ctx));

/**
 * `vindex stats logistic`: binary logistic regression as R glm(family = binomial) — coefficients
 * with Wald SE, z and p (summary.glm), odds ratios with Wald intervals (exp(confint.default)),
 * deviance, null deviance, AIC. Separation and collinearity are refused with a message naming
 * the covariates (exit 1), never answered with diverging numbers.
 */
export const logisticMethod = defineMethod({
  name: 'logistic',
  summary: 'Binary logistic regression: odds ratios with Wald intervals, deviance and AIC',
  reference: 'R stats::glm(y ~ x, family = binomial), summary.glm, exp(confint.default); separation per Albert & Anderson (1984)',
  request,
  run(r) {
    const fit = logisticRegression(r.y, r.x, r.names, { level: r.level });
    return {
      coefficients: fit.coefficients,
      deviance: fit.deviance,
      nullDeviance: fit.nullDeviance,
      aic: fit.aic,
      logLikelihood: fit.logLikelihood,
      iterations: fit.iterations,
      converged: fit.converged,
      n: fit.n,
      level: fit.level,
      warnings: fit.warnings,
    };
  },
});
