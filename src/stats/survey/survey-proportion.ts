import { NumericalError } from '../contract/method.ts';
import { prepareSurveyDesign, type SurveyDesign, type SurveyDesignInput } from './design.ts';
import { designCritical, surveyMean, type SurveyEstimate } from './survey-mean.ts';

/**
 * Design-based proportion of a 0/1 variable: the survey mean of y (R survey::svymean, SE by
 * Taylor linearisation) with either the Wald t interval p ± t·SE of confint(svymean, df =
 * degf(design)) ("wald", the default; it may leave [0, 1]) or the logit interval of
 * svyciprop(method = "logit"), computed as expit(logit p ∓ t·SE/(p(1 − p))) (svyciprop's
 * "xlogit", the same interval by the delta method; svyciprop's "logit" gets it from an
 * intercept-only svyglm, agreeing to its convergence tolerance). At p = 0 or 1 the SE is 0 and
 * the logit interval is [p, p] (svyglm's diverges towards it). y other than 0/1 throws.
 */

export type ProportionInterval = 'wald' | 'logit';

export interface SurveyProportionEstimate extends SurveyEstimate {
  readonly method: ProportionInterval;
}

export function surveyProportion(
  y: ArrayLike<number | boolean>,
  designInput: SurveyDesignInput | SurveyDesign,
  level = 0.95,
  method: ProportionInterval = 'wald',
): SurveyProportionEstimate {
  const design = prepareSurveyDesign(designInput);
  let values: ArrayLike<number>;
  if (y.length > 0 && typeof y[0] === 'boolean') {
    const coded = new Uint8Array(y.length);
    for (let i = 0; i < y.length; i++) {
      if (typeof y[i] !== 'boolean') throw new NumericalError(`y[${i}] must be a boolean like the other values; got ${String(y[i])}`);
      coded[i] = y[i] ? 1 : 0;
    }
    values = coded;
  } else {
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== 0 && y[i] !== 1) throw new NumericalError(`y[${i}] must be 0 or 1 for a proportion; got ${String(y[i])}`);
    }
    values = y as ArrayLike<number>;
  }
  const mean = surveyMean(values, design, level);
  if (method === 'wald') return Object.freeze({ ...mean, method });
  if (method !== 'logit') throw new NumericalError(`unknown proportion interval "${String(method)}"`);

  const p = mean.estimate;
  if (p <= 0 || p >= 1 || mean.standardError === 0) return Object.freeze({ ...mean, lower: p, upper: p, method });
  const critical = designCritical(level, mean.degreesOfFreedom);
  const logit = Math.log(p / (1 - p));
  const half = (critical * mean.standardError) / (p * (1 - p));
  return Object.freeze({
    ...mean,
    lower: 1 / (1 + Math.exp(-(logit - half))),
    upper: 1 / (1 + Math.exp(-(logit + half))),
    method,
  });
}
