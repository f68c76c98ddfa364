import { NumericalError } from '../contract/method.ts';

/**
 * A sample design as R's survey::svydesign(ids = ~cluster or ~1, strata = ~stratum,
 * weights = ~w, fpc = ~N, nest = TRUE) reads it, grouped once into integer codes so that many
 * estimates (one per category share, say) can reuse it.
 *
 * Cluster labels are read within their stratum (nest = TRUE): cluster 1 of stratum A and
 * cluster 1 of stratum B are different PSUs. Without clusters every unit is its own PSU. fpc is
 * the population size of the unit's stratum — population units, or population PSUs when
 * clusters are given — and must be the same for every unit of a stratum and at least the
 * number of PSUs sampled there (R warns on the first and stops on the second; sampling
 * fractions, which R also accepts, are refused). Weights must be finite and positive.
 * Degrees of freedom are PSUs − strata, as survey::degf.
 */

/** What to do with a stratum holding a single PSU: R's options(survey.lonely.psu). */
export const LONELY_PSU_OPTIONS = ['fail', 'remove', 'certainty', 'adjust', 'average'] as const;
export type LonelyPsu = (typeof LONELY_PSU_OPTIONS)[number];

export interface SurveyDesignInput {
  /** Sampling weights (inverse inclusion probabilities), one per unit; finite and positive. */
  readonly weights: ArrayLike<number>;
  /** Stratum label of each unit; absent means one stratum. */
  readonly strata?: ArrayLike<string | number>;
  /** Primary sampling unit (cluster) label of each unit, read within its stratum; absent means each unit is a PSU. */
  readonly clusters?: ArrayLike<string | number>;
  /** Population size of the unit's stratum (units, or PSUs when clustered); absent means sampling with replacement. */
  readonly fpc?: ArrayLike<number>;
  /** Single-PSU strata, as options(survey.lonely.psu); default "fail". */
  readonly lonelyPsu?: LonelyPsu;
}

export interface SurveyDesign {
  readonly prepared: true;
  readonly n: number;
  readonly weights: ArrayLike<number>;
  readonly sumWeights: number;
  /** PSU code of each unit, or null when every unit is its own PSU. */
  readonly psuOfUnit: Int32Array | null;
  /** Stratum code of each PSU (of each unit when psuOfUnit is null), or null for a single stratum. */
  readonly stratumOfPsu: Int32Array | null;
  readonly psuCount: number;
  /** Stratum labels in code order (first appearance). */
  readonly strataLabels: readonly (string | number)[];
  readonly psusInStratum: Int32Array;
  /** 1 − n_h/N_h per stratum (1 without fpc), as survey's onestrat `f`. */
  readonly fpcFactor: Float64Array;
  readonly lonelyPsu: LonelyPsu;
  /** Codes of the strata with a single PSU that are not a census (f ≥ 1e-7). */
  readonly lonelyStrata: readonly number[];
  readonly degreesOfFreedom: number;
}

// survey's onestrat treats a stratum with sampling-fraction complement below this as a census.
export const CENSUS_FPC_FACTOR = 1e-7;

function codeLabels(labels: ArrayLike<string | number>, codes: Int32Array, seen: (string | number)[]): void {
  const index = new Map<string | number, number>();
  for (let i = 0; i < codes.length; i++) {
    const label = labels[i];
    let code = index.get(label);
    if (code === undefined) {
      code = seen.length;
      index.set(label, code);
      seen.push(label);
    }
    codes[i] = code;
  }
}

export function isPreparedDesign(design: SurveyDesignInput | SurveyDesign): design is SurveyDesign {
  return (design as SurveyDesign).prepared === true;
}

export function prepareSurveyDesign(input: SurveyDesignInput | SurveyDesign): SurveyDesign {
  if (isPreparedDesign(input)) return input;
  const { weights, strata, clusters, fpc } = input;
  const lonelyPsu = input.lonelyPsu ?? 'fail';
  if (!(LONELY_PSU_OPTIONS as readonly string[]).includes(lonelyPsu)) throw new NumericalError(`unknown lonelyPsu "${String(lonelyPsu)}"`);
  const n = weights.length;
  if (n === 0) throw new NumericalError('a survey design needs at least one unit');
  for (const [name, arr] of [['strata', strata], ['clusters', clusters], ['fpc', fpc]] as const) {
    if (arr && arr.length !== n) throw new NumericalError(`${name} has ${arr.length} values but weights has ${n}`);
  }
  let sumWeights = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!(w > 0 && Number.isFinite(w))) throw new NumericalError(`weights[${i}] must be finite and positive; got ${w}`);
    sumWeights += w;
  }

  const strataLabels: (string | number)[] = [];
  let stratumOfUnit: Int32Array | null = null;
  if (strata) {
    stratumOfUnit = new Int32Array(n);
    codeLabels(strata, stratumOfUnit, strataLabels);
  } else {
    strataLabels.push(1);
  }
  const H = strataLabels.length;

  let psuOfUnit: Int32Array | null = null;
  let stratumOfPsu: Int32Array | null = stratumOfUnit;
  let psuCount = n;
  if (clusters) {
    const clusterOfUnit = new Int32Array(n);
    const clusterLabels: (string | number)[] = [];
    codeLabels(clusters, clusterOfUnit, clusterLabels);
    if (stratumOfUnit) {
      // nest = TRUE: a PSU is a (stratum, cluster) pair, keyed as one exact integer; a dense
      // lookup table when that is at most a few bytes per unit (several times faster than a Map).
      psuOfUnit = new Int32Array(n);
      const keys = clusterLabels.length * H;
      const table = keys <= Math.max(1 << 20, 4 * n) ? new Int32Array(keys).fill(-1) : null;
      const index = table ? null : new Map<number, number>();
      const psuStrata: number[] = [];
      for (let i = 0; i < n; i++) {
        const key = clusterOfUnit[i] * H + stratumOfUnit[i];
        let code = table ? table[key] : (index!.get(key) ?? -1);
        if (code < 0) {
          code = psuStrata.length;
          if (table) table[key] = code;
          else index!.set(key, code);
          psuStrata.push(stratumOfUnit[i]);
        }
        psuOfUnit[i] = code;
      }
      stratumOfPsu = Int32Array.from(psuStrata);
      psuCount = psuStrata.length;
    } else {
      psuOfUnit = clusterOfUnit;
      stratumOfPsu = null;
      psuCount = clusterLabels.length;
    }
  }

  const psusInStratum = new Int32Array(H);
  if (stratumOfPsu) for (let p = 0; p < psuCount; p++) psusInStratum[stratumOfPsu[p]]++;
  else psusInStratum[0] = psuCount;

  const fpcFactor = new Float64Array(H).fill(1);
  if (fpc) {
    const population = new Float64Array(H).fill(NaN);
    for (let i = 0; i < n; i++) {
      const N = fpc[i];
      const h = stratumOfUnit ? stratumOfUnit[i] : 0;
      if (!(N > 0)) throw new NumericalError(`fpc[${i}] must be a positive population size; got ${N}`);
      if (Number.isNaN(population[h])) population[h] = N;
      else if (population[h] !== N) {
        throw new NumericalError(`fpc varies within stratum "${String(strataLabels[h])}" (${population[h]} and ${N}); give the stratum's population size on every unit`);
      }
    }
    for (let h = 0; h < H; h++) {
      const N = population[h];
      if (N < psusInStratum[h]) {
        throw new NumericalError(
          `fpc ${N} of stratum "${String(strataLabels[h])}" is smaller than the ${psusInStratum[h]} ${clusters ? 'PSUs' : 'units'} sampled there (more than 100% sampling)`,
        );
      }
      fpcFactor[h] = N === Infinity ? 1 : (N - psusInStratum[h]) / N;
    }
  }

  const lonelyStrata: number[] = [];
  for (let h = 0; h < H; h++) if (psusInStratum[h] === 1 && !(fpcFactor[h] < CENSUS_FPC_FACTOR)) lonelyStrata.push(h);
  if (lonelyStrata.length > 0 && lonelyPsu === 'fail') {
    if (!strata) throw new NumericalError('the sample has a single PSU, so the between-PSU variance is undefined');
    const names = lonelyStrata.slice(0, 5).map((h) => `"${String(strataLabels[h])}"`).join(', ');
    const more = lonelyStrata.length > 5 ? ` and ${lonelyStrata.length - 5} more` : '';
    throw new NumericalError(
      `${lonelyStrata.length === 1 ? 'stratum' : 'strata'} ${names}${more} ${lonelyStrata.length === 1 ? 'has' : 'have'} only one PSU, so the between-PSU variance is undefined; set lonelyPsu to "remove", "certainty", "adjust" or "average"`,
    );
  }
  if (lonelyPsu === 'average' && lonelyStrata.length === H) {
    throw new NumericalError('every stratum has a single PSU, so lonelyPsu "average" has no other strata to average over');
  }

  return Object.freeze({
    prepared: true,
    n,
    weights,
    sumWeights,
    psuOfUnit,
    stratumOfPsu,
    psuCount,
    strataLabels: Object.freeze(strataLabels),
    psusInStratum,
    fpcFactor,
    lonelyPsu,
    lonelyStrata: Object.freeze(lonelyStrata),
    degreesOfFreedom: psuCount - H,
  });
}
