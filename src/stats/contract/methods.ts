import type { StatsMethod } from './method.ts';
// Each method lives in its own module beside this one; add it to the list below.
// ── proportions, tables, trend, sample size ──
import { proportionMethod } from './proportion.ts';
import { crosstabMethod } from './crosstab.ts';
import { ordinalAssociationMethod } from './ordinal-association.ts';
import { trendMethod } from './trend.ts';
// ── regression ──
import { coxMethod } from './cox.ts';
import { logisticMethod } from './logistic.ts';
import { ordinalLogisticMethod } from './ordinal-logistic.ts';
// ── survival, reliability ──
import { kaplanMeierMethod } from './kaplan-meier.ts';
import { cohenKappaMethod } from './cohen-kappa.ts';
import { fleissKappaMethod } from './fleiss-kappa.ts';
import { krippendorffAlphaMethod } from './krippendorff-alpha.ts';
// ── survey ──
import { surveyMeanMethod } from './survey-mean.ts';
import { surveyProportionMethod } from './survey-proportion.ts';
import { sampleSizeMethod } from './sample-size.ts';

export const STATS_METHODS: readonly StatsMethod[] = [
  // ── proportions, tables, trend, sample size ──
  proportionMethod,
  crosstabMethod,
  ordinalAssociationMethod,
  trendMethod,
  // ── regression ──
  logisticMethod,
  ordinalLogisticMethod,
  coxMethod,
  // ── survival, reliability ──
  kaplanMeierMethod,
  cohenKappaMethod,
  fleissKappaMethod,
  krippendorffAlphaMethod,
  // ── survey ──
  surveyMeanMethod,
  surveyProportionMethod,
  sampleSizeMethod,
];
