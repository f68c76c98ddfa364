import { z } from 'zod';
import { coxRegression } from '../survival/cox.ts';
import { defineMethod } from './method.ts';
import { checkCovariateShape, covariateNames, covariateRows } from './regression-request.ts';

const request = z
  .strictObject({
    time: z.array(z.number()).min(1).describe('Follow-up time of each observation (any unit): time to the event, or to censoring.'),
    event: z
      .array(z.union([z.literal(0), z.literal(1)]))
      .describe('1 if the event was observed at `time`, 0 if the observation was censored then. Same length as `time`.'),
    x: covariateRows,
    names: covariateNames,
    ties: z
      .enum(['efron', 'breslow'])
      .default('efron')
      .describe('Handling of tied event times, as coxph: "efron" (coxph\'s default) or "breslow".'),
    level: z.number().gt(0).lt(1).default(0.95).describe('Confidence level of the Wald intervals for the hazard ratios.'),
  })
  .superRefine((r, ctx) => {
    if (r.event.length !== r.time.length) {
      ctx.addIssue({ code: 'custom', path: ['event'], message: `has ${r.event.length} values but time has ${r.time.length}` });
    }
    checkCovariateShape(r, { field: 'time', length: r.time.length }, ctx);
  });

/**
 * `vindex stats cox`: Cox proportional-hazards regression as R survival::coxph — coefficients
 * with Wald SE, z and p, hazard ratios with Wald intervals (summary(coxph, conf.int)), and the
 * partial log-likelihood at the estimate (loglik[2]). Monotone likelihood (an infinite hazard
 * ratio) and collinearity are refused with a message naming the covariates.
 */
export const coxMethod = defineMethod({
  name: 'cox',
  summary: 'Cox proportional-hazards regression: hazard ratios with Wald intervals (Efron or Breslow ties)',
  reference: 'Cox (1972); Efron (1977); Breslow (1974). R survival::coxph(Surv(time, event) ~ x, ties), summary.coxph',
  request,
  run(r) {
    const fit = coxRegression(r.time, r.event, r.x, r.names, { ties: r.ties, level: r.level });
    return {
      coefficients: fit.coefficients,
      logLikelihood: fit.logLikelihood,
      nullLogLikelihood: fit.nullLogLikelihood,
      ties: fit.ties,
      iterations: fit.iterations,
      converged: fit.converged,
      n: fit.n,
      events: fit.events,
      level: fit.level,
      warnings: fit.warnings,
    };
  },
});
