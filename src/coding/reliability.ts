/**
 * Inter-coder reliability of a coding round, per variable: percent agreement, Cohen's κ (per coder
 * pair with more than two coders), Fleiss' κ, Krippendorff's α, each with a seeded percentile
 * bootstrap interval over units, and a verdict from α (Krippendorff 2004, §11.4).
 */
import { HARMONISED_SEVERITY } from '../codebook/index.ts';
import { VindexError } from '../errors.ts';
import { NumericalError } from '../stats/contract/method.ts';
import { cohenKappa, fleissKappa, krippendorffAlpha } from '../stats/index.ts';
import { percentileInterval, unitSampler } from '../stats/reliability/bootstrap.ts';
import type { Store } from '../store/store.ts';
import { deriveSeverity, DERIVED_SEVERITY, loadRoundCodings } from './codings.ts';
import { codableVariable, type CodedRecord, type ReliabilityLevel } from './variables.ts';

export interface Coefficient { readonly value: number; readonly lower: number; readonly upper: number } // NaN where undefined
export interface PairKappa { readonly coders: readonly [string, string]; readonly units: number; readonly kappa: Coefficient }
export interface VariableReliability {
  readonly variable: string;
  readonly record: 'series' | 'victim';
  readonly level: 'nominal' | 'ordinal' | 'ratio';
  /** Units with ≥ 2 codings of this variable. */
  readonly units: number;
  /** Codings on those units. */
  readonly codings: number;
  readonly percentAgreement: Coefficient;
  /** Exactly two coders in the round, else null. */
  readonly cohenKappa: Coefficient | null;
  readonly kappaWeights: 'none' | 'linear' | 'quadratic';
  /** More than two coders: one κ per pair with at least 2 common units. */
  readonly pairwiseKappa: readonly PairKappa[];
  readonly fleissKappa: Coefficient | null;
  readonly krippendorffAlpha: Coefficient;
  readonly verdict: 'reliable' | 'tentative' | 'unreliable' | 'insufficient';
}
export interface RoundReliability {
  readonly roundId: string;
  readonly sampleId: string;
  readonly coders: readonly string[];
  readonly level: number;
  readonly bootstrap: { readonly replicates: number; readonly seed: number };
  readonly thresholds: { readonly reliable: number; readonly tentative: number; readonly minimumUnits: number };
  readonly variables: readonly VariableReliability[];
}

export interface ReliabilityOptions {
  level?: number;
  replicates?: number;
  seed?: number;
  kappaWeights?: 'linear' | 'quadratic';
  thresholds?: Partial<RoundReliability['thresholds']>;
}

/** Krippendorff (2004), §11.4: rely on α ≥ .800, tentative conclusions for .667 ≤ α < .800. */
export const DEFAULT_THRESHOLDS: RoundReliability['thresholds'] = { reliable: 0.8, tentative: 0.667, minimumUnits: 10 };
export const DEFAULT_BOOTSTRAP = { replicates: 1000, seed: 1, level: 0.95 } as const;

/** What the core needs to know about a variable. */
export interface ReliabilityVariable {
  readonly name: string;
  readonly record: CodedRecord;
  readonly level: ReliabilityLevel;
  /** Ordinal scale points lowest first, not-determinable excluded; null otherwise. */
  readonly scale: readonly string[] | null;
  readonly notDeterminable: string | null;
}

/** One coder's value of the variable on one unit. */
export interface UnitCoding {
  readonly unitKey: string;
  readonly coder: string;
  readonly value: string;
}

export interface VariableReliabilityOptions {
  /** The round's coders: two → Cohen's κ, more → pairwise κ. */
  readonly coders: readonly string[];
  /** Fleiss' κ uses the units with exactly this many codings. */
  readonly ratersPerOverlap: number;
  readonly level: number;
  readonly replicates: number;
  readonly seed: number;
  readonly kappaWeights: 'linear' | 'quadratic';
  readonly thresholds: RoundReliability['thresholds'];
}

type Scored = string | number | null;
const NAN: Coefficient = { value: NaN, lower: NaN, upper: NaN };

/**
 * A value on the variable's scale: nominal codes as they are (not-determinable is a category);
 * ordinal codes as positions on the scale and counts as numbers, where not-determinable has no
 * place and is missing (null).
 */
export function scoreOf(v: ReliabilityVariable, value: string): Scored {
  if (v.level === 'nominal') return value;
  if (value === v.notDeterminable) return null;
  if (v.level === 'ordinal') {
    const i = v.scale!.indexOf(value);
    return i < 0 ? null : i;
  }
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * A statistic of units and its percentile bootstrap interval (Efron & Tibshirani 1993, ch. 13):
 * each replicate draws n units with replacement (engine unitSampler(seed)) and recomputes it.
 */
export function bootstrapCoefficient(n: number, stat: (units: Int32Array) => number, o: { replicates: number; seed: number; level: number }): Coefficient {
  if (n === 0) return NAN;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const value = stat(all);
  const sampler = unitSampler(o.seed);
  const draws = new Int32Array(n);
  const reps = new Float64Array(o.replicates);
  for (let b = 0; b < o.replicates; b++) {
    sampler.sample(n, draws);
    reps[b] = stat(draws);
  }
  return { value, ...percentileInterval(reps, o.level) };
}

/** NaN instead of a NumericalError (no data, a single category): the coefficient is undefined. */
function orNaN(f: () => number): number {
  try {
    return f();
  } catch (e) {
    if (e instanceof NumericalError) return NaN;
    throw e;
  }
}

/** Mean over units of the share of agreeing pairs of codings: Σ_c n_c(n_c − 1) / (m(m − 1)). */
function unitAgreement(values: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let agree = 0;
  for (const c of counts.values()) agree += c * (c - 1);
  return agree / (values.length * (values.length - 1));
}

/** Reliability of one variable over the units coded by ≥ 2 coders (pure; see docs/reliability.md). */
export function variableReliability(codings: readonly UnitCoding[], variable: ReliabilityVariable, options: VariableReliabilityOptions): VariableReliability {
  const byUnit = new Map<string, Map<string, string>>();
  for (const c of codings) {
    let m = byUnit.get(c.unitKey);
    if (!m) byUnit.set(c.unitKey, (m = new Map()));
    m.set(c.coder, c.value);
  }
  const units = [...byUnit.entries()].filter(([, m]) => m.size >= 2).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const boot = { replicates: options.replicates, seed: options.seed, level: options.level };
  const weights = variable.level === 'nominal' ? 'none' : options.kappaWeights;
  const scaleCats = variable.level === 'ordinal' ? variable.scale!.map((_, i) => i) : undefined;

  // Percent agreement: raw codes, not-determinable included as a code.
  const shares = units.map(([, m]) => unitAgreement([...m.values()]));
  const percentAgreement = bootstrapCoefficient(units.length, (idx) => {
    let s = 0;
    for (const i of idx) s += shares[i]!;
    return s / idx.length;
  }, boot);

  const kappaOf = (a: string, b: string): { units: number; kappa: Coefficient } => {
    const pairs: [Scored, Scored][] = [];
    for (const [, m] of units) {
      if (!m.has(a) || !m.has(b)) continue;
      const x = scoreOf(variable, m.get(a)!);
      const y = scoreOf(variable, m.get(b)!);
      if (x !== null && y !== null) pairs.push([x, y]);
    }
    if (pairs.length < 2) return { units: pairs.length, kappa: NAN };
    const kappa = bootstrapCoefficient(pairs.length, (idx) => orNaN(() => cohenKappa(Array.from(idx, (i) => pairs[i]!), scaleCats ? { weights, categories: scaleCats } : { weights }).kappa), boot);
    return { units: pairs.length, kappa };
  };
  let cohen: Coefficient | null = null;
  const pairwise: PairKappa[] = [];
  if (options.coders.length === 2) cohen = kappaOf(options.coders[0]!, options.coders[1]!).kappa;
  else if (options.coders.length > 2) {
    for (let i = 0; i < options.coders.length; i++) {
      for (let j = i + 1; j < options.coders.length; j++) {
        const [a, b] = [options.coders[i]!, options.coders[j]!];
        const k = kappaOf(a, b);
        if (k.units >= 2) pairwise.push({ coders: [a, b], units: k.units, kappa: k.kappa });
      }
    }
  }

  // Fleiss: units with exactly ratersPerOverlap codings and no missing score (irr's na.omit).
  let fleiss: Coefficient | null = null;
  if (options.ratersPerOverlap >= 2) {
    const rows = units
      .filter(([, m]) => m.size === options.ratersPerOverlap)
      .map(([, m]) => [...m.values()].map((v) => scoreOf(variable, v)))
      .filter((row) => row.every((x) => x !== null));
    if (rows.length >= 2) fleiss = bootstrapCoefficient(rows.length, (idx) => orNaN(() => fleissKappa(Array.from(idx, (i) => rows[i]!)).kappa), boot);
  }

  // α: coders × units, the engine's own unit bootstrap (same scheme: units drawn with replacement).
  const coders = [...new Set(codings.map((c) => c.coder))].sort();
  const data = coders.map((c) => units.map(([, m]) => (m.has(c) ? scoreOf(variable, m.get(c)!) : null)));
  let alpha = NAN;
  let pairable = 0;
  if (units.length > 0) {
    try {
      const a = krippendorffAlpha(data, { level: variable.level, bootstrap: { samples: options.replicates, seed: options.seed, level: options.level } });
      alpha = { value: a.alpha, lower: a.lower!, upper: a.upper! };
      pairable = a.units;
    } catch (e) {
      if (!(e instanceof NumericalError)) throw e;
    }
  }

  const t = options.thresholds;
  const verdict = pairable < t.minimumUnits || Number.isNaN(alpha.value) ? 'insufficient' : alpha.value >= t.reliable ? 'reliable' : alpha.value >= t.tentative ? 'tentative' : 'unreliable';
  return {
    variable: variable.name,
    record: variable.record,
    level: variable.level,
    units: units.length,
    codings: units.reduce((s, [, m]) => s + m.size, 0),
    percentAgreement,
    cohenKappa: cohen,
    kappaWeights: weights,
    pairwiseKappa: pairwise,
    fleissKappa: fleiss,
    krippendorffAlpha: alpha,
    verdict,
  };
}

/** The core's view of a codable variable (ordinal scale without its not-determinable code). */
export function reliabilityVariable(name: string): ReliabilityVariable {
  if (name === DERIVED_SEVERITY) {
    const nd = HARMONISED_SEVERITY.notDeterminable;
    return { name, record: 'victim', level: 'ordinal', scale: HARMONISED_SEVERITY.categories.map((c) => c.code).filter((c) => c !== nd), notDeterminable: nd };
  }
  const v = codableVariable(name);
  return { name, record: v.record, level: v.level, scale: v.level === 'ordinal' ? v.categories!.filter((c) => c !== v.notDeterminable) : null, notDeterminable: v.notDeterminable };
}

/**
 * Reliability of every variable of a round, plus the harmonised victim.severity (derived per
 * coding with the codebook crosswalk) when the round codes both severity scale and code.
 */
export async function computeRoundReliability(store: Store, roundId: string, options: ReliabilityOptions = {}): Promise<RoundReliability> {
  const { round, codings } = await loadRoundCodings(store, roundId);
  const level = options.level ?? DEFAULT_BOOTSTRAP.level;
  const replicates = options.replicates ?? DEFAULT_BOOTSTRAP.replicates;
  const seed = options.seed ?? DEFAULT_BOOTSTRAP.seed;
  if (!(level > 0 && level < 1)) throw new VindexError('VDX_USAGE', `level must be strictly between 0 and 1; got ${level}`);
  if (!(Number.isInteger(replicates) && replicates >= 1)) throw new VindexError('VDX_USAGE', `replicates must be a positive integer; got ${replicates}`);
  if (!(Number.isInteger(seed) && seed >= 1 && seed < 2 ** 32)) throw new VindexError('VDX_USAGE', `the bootstrap seed must be an integer from 1 to 4294967295; got ${seed}`);
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  if (!(thresholds.tentative <= thresholds.reliable && thresholds.reliable <= 1)) throw new VindexError('VDX_USAGE', `thresholds must satisfy tentative ≤ reliable ≤ 1; got ${thresholds.tentative} and ${thresholds.reliable}`);
  const common = { coders: round.coders, ratersPerOverlap: round.ratersPerOverlap, level, replicates, seed, kappaWeights: options.kappaWeights ?? 'linear', thresholds };
  const names = [...round.variables];
  const all = [...codings];
  if (names.includes('victim.severityScale') && names.includes('victim.severityCode')) {
    names.push(DERIVED_SEVERITY);
    all.push(...deriveSeverity(codings));
  }
  const variables = names.map((name) => variableReliability(all.filter((c) => c.variable === name), reliabilityVariable(name), common));
  return { roundId: round.id, sampleId: round.sampleId, coders: round.coders, level, bootstrap: { replicates, seed }, thresholds, variables };
}
