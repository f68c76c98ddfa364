import { CENSUS_FPC_FACTOR, type SurveyDesign } from './design.ts';

/**
 * Taylor-linearised variance of the weighted mean Σwy/Σw, as survey::svymean → svyrecvar
 * (one stage, ultimate clusters): influence values zᵢ = wᵢ(yᵢ − ȳ)/Σw are totalled per PSU and
 * v = Σ_h f_h · n_h/(n_h − 1) · Σ_i (z_hi − z̄_h)², with f_h = 1 − n_h/N_h under fpc, else 1.
 * Census strata (f_h < 1e-7) add 0. Single-PSU strata follow survey's onestrat: "remove" and
 * "certainty" add 0; "adjust" adds f_h·z_h1² (the PSU total, not centred: the zᵢ are already
 * centred at the overall mean); "average" leaves them out and scales the sum by
 * strata / strata-with-more-than-one-PSU. "fail" never gets here (prepareSurveyDesign throws).
 */
export function linearisedMeanVariance(y: ArrayLike<number>, design: SurveyDesign, mean: number): number {
  const { weights, sumWeights, psuOfUnit, psuCount } = design;
  const n = design.n;

  // Hot loop: PSU totals of the influence values, accumulated in place.
  let totals: Float64Array | null = null;
  if (psuOfUnit) {
    totals = new Float64Array(psuCount);
    for (let i = 0; i < n; i++) totals[psuOfUnit[i]] += ((y[i] - mean) * weights[i]) / sumWeights;
  }
  const psuValue = totals
    ? (p: number) => totals[p]
    : (p: number) => ((y[p] - mean) * weights[p]) / sumWeights;
  return betweenPsuVariance(psuValue, design, null);
}

/**
 * The stratified between-PSU variance of PSU totals `psuValue(p)` of influence values, as
 * survey's onestage/onestrat (see linearisedMeanVariance for the rules). `present`, when given,
 * marks the strata that hold units of a domain: the others add nothing and, as survey does for a
 * subset (whose strata are those of the rows kept), are not counted among the strata that
 * lonelyPsu "average" scales by. Zero PSU totals in a stratum are PSUs of the design without
 * domain units: they stay in n_h and in the centring, as survey's onestrat pads them back in.
 */
export function betweenPsuVariance(psuValue: (p: number) => number, design: SurveyDesign, present: Uint8Array | null): number {
  const { stratumOfPsu, psuCount, psusInStratum, fpcFactor } = design;
  const H = psusInStratum.length;

  // Two passes (stratum means, then centred squares) keep the sums of squares accurate.
  const stratumSum = new Float64Array(H);
  for (let p = 0; p < psuCount; p++) stratumSum[stratumOfPsu ? stratumOfPsu[p] : 0] += psuValue(p);
  const stratumMean = new Float64Array(H);
  for (let h = 0; h < H; h++) stratumMean[h] = stratumSum[h] / psusInStratum[h];
  const squares = new Float64Array(H);
  for (let p = 0; p < psuCount; p++) {
    const h = stratumOfPsu ? stratumOfPsu[p] : 0;
    const d = psuValue(p) - stratumMean[h];
    squares[h] += d * d;
  }

  let variance = 0;
  let strata = 0;
  let counted = 0;
  for (let h = 0; h < H; h++) {
    if (present && !present[h]) continue;
    strata++;
    const f = fpcFactor[h];
    const nh = psusInStratum[h];
    if (f < CENSUS_FPC_FACTOR) {
      counted++;
      continue;
    }
    if (nh > 1) {
      variance += ((f * nh) / (nh - 1)) * squares[h];
      counted++;
      continue;
    }
    switch (design.lonelyPsu) {
      case 'adjust':
        variance += f * stratumSum[h] * stratumSum[h];
        counted++;
        break;
      case 'average':
        break;
      default:
        counted++;
    }
  }
  return counted === strata ? variance : (variance * strata) / counted;
}
