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
}

export interface Profile {
  readonly manifest: ProfileManifest;
  readonly tables: readonly ProfileTable[];
  readonly associations: readonly Association[];
  readonly comparisons: readonly Comparison[];
}
