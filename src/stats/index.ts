// The statistical engine's public door: pure functions on typed arrays, for the other areas.
// Each area adds its own lines.

// survival
export { kaplanMeier } from './survival/kaplan-meier.ts';
export type { KaplanMeierCurve, KaplanMeierOptions, KaplanMeierResult } from './survival/kaplan-meier.ts';
export { logRank } from './survival/log-rank.ts';
export type { LogRankResult } from './survival/log-rank.ts';
export { medianSurvivalTime } from './survival/median.ts';
export { survivalAt } from './survival/survival-at.ts';
export type { SurvivalPoint } from './survival/survival-at.ts';
export { CONF_TYPES } from './survival/survival-interval.ts';
export type { ConfType } from './survival/survival-interval.ts';
export type { GroupLabel } from './survival/group-codes.ts';

// survey, sample size
export { LONELY_PSU_OPTIONS, prepareSurveyDesign } from './survey/design.ts';
export type { LonelyPsu, SurveyDesign, SurveyDesignInput } from './survey/design.ts';
export { surveyMean } from './survey/survey-mean.ts';
export type { SurveyEstimate } from './survey/survey-mean.ts';
export { surveyProportion } from './survey/survey-proportion.ts';
export type { ProportionInterval, SurveyProportionEstimate } from './survey/survey-proportion.ts';
export { surveyDomainMean } from './survey/survey-domain-mean.ts';
export type { SurveyDomainOptions } from './survey/survey-domain-mean.ts';
export { sampleSize } from './sample-size/proportion-sample-size.ts';
export type { SampleSizeOptions, SampleSizeResult } from './sample-size/proportion-sample-size.ts';

// reliability
export { cohenKappa, cohenKappaTable } from './reliability/cohen-kappa.ts';
export type { CohenKappaOptions, CohenKappaResult, KappaWeights } from './reliability/cohen-kappa.ts';
export { fleissKappa } from './reliability/fleiss-kappa.ts';
export type { FleissKappaResult } from './reliability/fleiss-kappa.ts';
export { krippendorffAlpha } from './reliability/krippendorff-alpha.ts';
export type { AlphaBootstrapOptions, AlphaBootstrapResult, KrippendorffAlphaOptions, KrippendorffAlphaResult, MeasurementLevel } from './reliability/krippendorff-alpha.ts';
export type { Category, Rating } from './reliability/categories.ts';

// regression (and Cox, in survival/)
export { logisticRegression } from './regression/logistic.ts';
export type { LogisticCoefficient, LogisticOptions, LogisticResult } from './regression/logistic.ts';
export { ordinalLogistic } from './regression/ordinal-logistic.ts';
export type { OrdinalCoefficient, OrdinalLogisticOptions, OrdinalLogisticResult, OrdinalThreshold } from './regression/ordinal-logistic.ts';
export { coxRegression } from './survival/cox.ts';
export type { CoxCoefficient, CoxOptions, CoxResult, CoxTies } from './survival/cox.ts';

// proportions
export { wilsonInterval } from './proportion/wilson.ts';
export type { ProportionInterval as BinomialInterval } from './proportion/wilson.ts';
export { clopperPearsonInterval } from './proportion/clopper-pearson.ts';
export { agrestiCoullInterval } from './proportion/agresti-coull.ts';
export { jeffreysInterval } from './proportion/jeffreys.ts';
export { PROPORTION_METHODS, proportionInterval } from './proportion/proportion-interval.ts';
export type { ProportionMethod } from './proportion/proportion-interval.ts';

// contingency tables
export { chiSquareUpper, crosstab } from './crosstab/crosstab.ts';
export type { ChiSquareTest, CrosstabOptions, CrosstabResult } from './crosstab/crosstab.ts';
export { FISHER_DEFAULT_BUDGET, fisherExact } from './crosstab/fisher-exact.ts';
export type { FisherExactOptions } from './crosstab/fisher-exact.ts';

// ordinal association, trend
export { concordance } from './ordinal/concordance.ts';
export type { Concordance } from './ordinal/concordance.ts';
export { goodmanKruskalGamma } from './ordinal/goodman-kruskal-gamma.ts';
export type { OrdinalEstimate } from './ordinal/goodman-kruskal-gamma.ts';
export { kendallTauB } from './ordinal/kendall-tau-b.ts';
export { ordinalAssociation } from './ordinal/ordinal-association.ts';
export type { OrdinalAssociationResult } from './ordinal/ordinal-association.ts';
export { cochranArmitageTrend } from './trend/cochran-armitage.ts';
export type { TrendTest } from './trend/cochran-armitage.ts';
