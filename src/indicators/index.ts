export type * from './types.ts';
export { DIMENSIONS } from './types.ts';
export { AGGREGATION_NOTES, DESIGN_AGGREGATION_NOTE, computeIndicators, yearCountTrend, yearTrend, type ComputeOptions } from './compute.ts';
export { allDefinitions, loadDefinitionsFile, shippedDefinitions } from './load.ts';
export { parseDefinitions, definitionProblems } from './schema.ts';
export { SHIPPED_INDICATORS } from './shipped.ts';
export { poissonInterval, followUp, DAYS_PER_YEAR } from './estimate.ts';
export { poissonTrend } from './count-trend.ts';
export { groupings } from './margins.ts';
