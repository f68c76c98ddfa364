/**
 * The result types of the indicator layer. Disclosure control (src/disclosure/) and the
 * publishable outputs (report, SDMX, map) consume IndicatorSet; keep these stable.
 */

/** share: numerator/denominator in 0…1; count: a number of units; median-time: years; rate: per × numerator/denominator. */
export type IndicatorUnit = 'share' | 'count' | 'median-time' | 'rate';

/** What an indicator can be broken down by. country/region follow the definition's countryVariable. */
export type Dimension = 'country' | 'region' | 'year' | 'ageBand' | 'gender' | 'source';

export const DIMENSIONS: readonly Dimension[] = ['country', 'region', 'year', 'ageBand', 'gender', 'source'];

/**
 * Conditions over canonical codebook variables, each to a list of allowed codes (OR within a
 * variable, AND across variables), e.g. `{ "victim.identified": ["no"], "victim.ageBand": ["infantToddler", "prepubescent"] }`.
 * Semantics by entity: a condition on the indicator's own entity tests that unit; on `series.*`
 * it tests the unit's series; on another entity (a victim or offender variable for a series
 * indicator, an offender variable for a victim indicator) it means "the series has at least one
 * victim/offender meeting ALL the conditions on that entity".
 */
export type Filter = Readonly<Record<string, readonly string[]>>;

export type IndicatorEntity = 'victim' | 'series';

export type IntervalMethod = 'wilson' | 'design' | 'kaplan-meier' | 'poisson' | 'none';

/** Time to an event for Kaplan–Meier indicators (unit median-time, or share with horizonYears). */
export interface TimeToEvent {
  /** Date the clock starts, e.g. `series.firstSeen`. */
  readonly start: string;
  /** Category variable whose code `yes` marks the event, e.g. `series.identified`. */
  readonly event: string;
  /** Date of the event, e.g. `series.identifiedOn`; units without the event are censored at the data date. */
  readonly eventDate: string;
  /** For unit share: the share with the event within this many years (1 − S(t) from Kaplan–Meier). */
  readonly horizonYears?: number;
}

export interface IndicatorDefinition {
  readonly id: string;
  readonly title: string;
  /** Plain-language definition, as printed in reports. */
  readonly definition: string;
  readonly unit: IndicatorUnit;
  /** The unit counted: victims or series. */
  readonly entity: IndicatorEntity;
  /** Units counted in the numerator; for shares and rates only units that also pass the denominator filter count, so a share is always a share of its denominator. */
  readonly numerator: Filter;
  /** Units of the denominator; null for counts and time indicators (all units passing numerator). */
  readonly denominator: Filter | null;
  /** Dimensions this indicator may be broken down by. */
  readonly disaggregations: readonly Dimension[];
  readonly interval: IntervalMethod;
  /** The country variable behind the country/region dimensions; default `series.country` (contributing country). */
  readonly countryVariable?: 'series.country' | 'series.abuseCountrySuspected' | 'series.abuseCountryConfirmed';
  /** For unit rate: the multiplier, e.g. 100 for "per 100 series". */
  readonly per?: number;
  /** For Kaplan–Meier indicators. */
  readonly time?: TimeToEvent;
}

export interface Observation {
  readonly indicator: string;
  /** Dimension codes; absent dimension = total over it. country: ISO 3166-1 alpha-2 (`ZZ` not determinable); region: the region name of src/codebook/countries.ts; year: first-sighting year; ageBand/gender/source: codebook codes. */
  readonly dims: Readonly<Partial<Record<Dimension, string>>>;
  /**
   * share 0…1, count, median years, rate. Never NaN: status no-data has value 0 and null bounds;
   * status not-reached (a Kaplan–Meier median that the curve never reaches) has value = the longest
   * follow-up in years (the median lies beyond it), lower = its lower limit when estimable, upper null.
   */
  readonly value: number;
  /** Interval bounds at 95 %; null when not estimable (e.g. KM median upper limit not reached). */
  readonly lower: number | null;
  readonly upper: number | null;
  /** The counts the value derives from (disclosure control works on these). share/rate: units in numerator and denominator; count: the count and null; KM: events and units at risk at time 0. */
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** no-data: nothing to estimate from (denominator 0, or a Kaplan–Meier horizon past the longest follow-up); not-reached: see value. */
  readonly status: 'estimated' | 'no-data' | 'not-reached';
  /** Design-based estimates only: Taylor-linearised standard error and design effect (null when R gives NA). */
  readonly standardError?: number;
  readonly designEffect?: number | null;
}

export interface TrendResult {
  /** `cochran-armitage` (shares over first-sighting years, scores = the years) or `poisson-score` (counts: Rao score test of a log-linear trend). */
  readonly test: string;
  readonly statistic: number;
  readonly pValue: number;
  /** Change per year of the value (weighted least squares of shares on year), when defined. */
  readonly slope?: number;
}

/** `pooled`: regional/global figures pool the units, so countries weigh by their number of units; `equal-country`: the unweighted mean of country values. */
export type AggregationMethod = 'pooled' | 'equal-country';

export interface IndicatorResult {
  readonly definition: IndicatorDefinition;
  readonly by: readonly Dimension[];
  /** Every cell of `by` and every margin: geography at country, region and total level; every subset of the other dimensions. */
  readonly observations: readonly Observation[];
  /** Test for trend over first-sighting years of the total-over-other-dimensions series, when `year` is in `by` and the unit allows it. */
  readonly trend?: TrendResult;
  readonly aggregation: AggregationMethod;
  /** `design`: weighted estimates from a sample (value, t interval, standardError, designEffect; numerator/denominator are unweighted sample counts). Absent: a census of the store. */
  readonly estimator?: 'design';
  /** Plain-language statement of how regional and global aggregates weight countries. */
  readonly aggregationNote: string;
}

export interface IndicatorManifest {
  readonly snapshotHash: string;
  readonly codebookVersion: string;
  readonly softwareVersion: string;
  readonly generatedAt: string;
  /** Censoring date of time indicators: --data-date, else the latest date in the data (YYYY-MM-DD). */
  readonly dataDate: string;
  readonly synthetic?: boolean;
  /** `census` (every unit in the store) or `sample:ID` for a design-based computation from stored sample ID. */
  readonly basis: string;
  /** Indicators asked for but not computed, with why (e.g. a count or Kaplan–Meier indicator from a sample). */
  readonly omitted?: readonly { readonly indicator: string; readonly reason: string }[];
  /** Interval confidence level. */
  readonly level: number;
}

export interface IndicatorSet {
  readonly manifest: IndicatorManifest;
  readonly results: readonly IndicatorResult[];
}
