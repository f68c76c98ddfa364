/** The study profile: the shapes `vindex profile --json` prints and the report renders. */

export type Population = 'unidentified' | 'identified' | 'all';

export interface ProfileRow {
  readonly category: string;
  /** Human label of the category from the codebook. */
  readonly label: string;
  readonly count: number;
  readonly share: number;
  /** 95% interval: Wilson for simple counts, design-based when the data carry sample weights. */
  readonly lower: number;
  readonly upper: number;
  /** Design-based tables only: the Taylor-linearised standard error of `share` (R survey::SE(svymean)). */
  readonly standardError?: number;
  /**
   * Design-based tables only: Kish's design effect of `share`, as svymean(deff = TRUE) — its
   * variance over that of simple random sampling without replacement of the same number of units;
   * null where undefined (a share of 0 or 1, or weights not scaled to the population).
   */
  readonly designEffect?: number | null;
}

export interface ProfileTable {
  readonly id: string;
  readonly title: string;
  /** Canonical codebook variable name, e.g. `victim.gender`. */
  readonly variable: string;
  readonly population: Population;
  /** What is counted: victims, series or offenders. */
  readonly unit: 'victims' | 'series' | 'offenders';
  readonly total: number;
  readonly rows: readonly ProfileRow[];
  /**
   * How shares and intervals were estimated: `wilson` (every unit counted; Wilson score intervals)
   * or `design` (a probability sample; design-based estimates, src/profile/design.ts). Absent
   * means `wilson`.
   */
  readonly estimator?: 'wilson' | 'design';
  /** Design-based tables only: the estimated number of units in the population, Σ of the weights of the `total` units. */
  readonly weightedTotal?: number;
  /** Design-based tables only: degrees of freedom of the t intervals (PSUs − strata holding units of the population, unless chosen otherwise). */
  readonly degreesOfFreedom?: number;
}

export interface Association {
  readonly id: string;
  readonly title: string;
  readonly rowVariable: string;
  readonly columnVariable: string;
  readonly population: Population;
  readonly rowCategories: readonly string[];
  readonly columnCategories: readonly string[];
  /** Counts, rows × columns, in the category orders above (not-determinable codes excluded). */
  readonly table: readonly (readonly number[])[];
  readonly chiSquare: number;
  readonly df: number;
  readonly pValue: number;
  readonly cramersV: number;
}

/** Identified vs unidentified: for one variable, the χ² test of the two populations' distributions. */
export interface Comparison {
  readonly id: string;
  readonly variable: string;
  readonly categories: readonly string[];
  readonly identified: readonly number[];
  readonly unidentified: readonly number[];
  readonly chiSquare: number;
  readonly df: number;
  readonly pValue: number;
  readonly cramersV: number;
}

export interface ProfileManifest {
  /** SHA-256 over the analysed rows, in key order: the same data give the same hash. */
  readonly snapshotHash: string;
  readonly codebookVersion: string;
  readonly softwareVersion: string;
  readonly generatedAt: string;
  readonly counts: { readonly sources: number; readonly series: number; readonly victims: number; readonly offenders: number };
  readonly method: string;
  readonly level: number;
  /** True when the data are synthetic (the seeded generator or a demo): the report then says so prominently. Absent means real data. */
  readonly synthetic?: boolean;
  /** Design-based profiles only: the stored sample the estimates come from (src/profile/sample-profile.ts). */
  readonly sample?: SampleManifest;
  /** Design-based profiles from a coding round only: the round whose final values replaced the store's. */
  readonly round?: RoundManifest;
}

/** The stored sample behind a design-based profile: enough to redraw it (design, seed, PRNG, frame hash). */
export interface SampleManifest {
  readonly id: string;
  /** The frame: which series of the store could be drawn (formatFrameFilter, e.g. "all series", "source=a;years=2015-2020"). */
  readonly frame: string;
  /** The SamplingDesign as stored, e.g. { kind: 'stratified', n, allocation: 'proportional', … }. */
  readonly design: Readonly<Record<string, unknown>> & { readonly kind: string };
  readonly frameHash: string;
  /** Snapshot hash of the store when the sample was drawn; differs from the manifest's snapshotHash if data were imported since. */
  readonly drawnFromSnapshot: string;
  /** N: series in the frame. */
  readonly frameSize: number;
  /** n: sampled series. */
  readonly sampleSize: number;
  readonly seed: number;
  readonly prng: string;
  /** Stratification variables, null under simple random sampling. */
  readonly strataBy: readonly string[] | null;
  /** Per stratum: label, N_h (frame series), n_h (sampled series); weights are N_h / n_h. */
  readonly allocation: readonly { readonly stratum: string | null; readonly populationSize: number; readonly sampleSize: number }[];
}

/** The coding round whose final (agreed or adjudicated) values override the store's coded values. */
export interface RoundManifest {
  readonly id: string;
  readonly coders: readonly string[];
  /** Canonical codebook variables the round coded (series.* and victim.*). */
  readonly variables: readonly string[];
  /** Unit × variable values without a final value (unresolved disagreements or uncoded) for which the store's value was used (allowIncomplete). */
  readonly unresolvedUsedStoreValue: number;
  /** Final values decided by adjudication. */
  readonly adjudicated: number;
}

export interface Profile {
  readonly manifest: ProfileManifest;
  readonly tables: readonly ProfileTable[];
  readonly associations: readonly Association[];
  readonly comparisons: readonly Comparison[];
}
