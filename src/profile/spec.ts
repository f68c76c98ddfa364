import { categoriesOf } from '../codebook/index.ts';
import type { Population } from './types.ts';

/** The study profile's tables: which unit, which variable, which cube dimension. */

export type Unit = 'victims' | 'series' | 'offenders';

export interface TableSpec {
  readonly key: string;
  readonly title: string;
  readonly variable: string;
  readonly unit: Unit;
  /** Cube dimension holding the variable. */
  readonly dim: string;
  readonly categories: readonly { readonly code: string; readonly label: string }[];
}

const cats = (variable: string): TableSpec['categories'] => categoriesOf(variable).map((c) => ({ code: c.code, label: c.label }));

/** Victims per series, from `series.victimCount`, in the study's bands. */
export const VICTIMS_PER_SERIES_BANDS = [
  { code: '1', label: '1 victim' },
  { code: '2', label: '2 victims' },
  { code: '3', label: '3 victims' },
  { code: '4-5', label: '4–5 victims' },
  { code: '6+', label: '6 or more victims' },
  { code: 'notDeterminable', label: 'Not determinable' },
] as const;

export function victimsPerSeriesBand(count: number | null): string {
  if (count === null || count < 1) return 'notDeterminable';
  if (count <= 3) return String(count);
  return count <= 5 ? '4-5' : '6+';
}

export const TABLE_SPECS: readonly TableSpec[] = [
  { key: 'victim-gender', title: 'Gender of victims', variable: 'victim.gender', unit: 'victims', dim: 'gender', categories: cats('victim.gender') },
  { key: 'victim-age-band', title: 'Age band of victims', variable: 'victim.ageBand', unit: 'victims', dim: 'age_band', categories: cats('victim.ageBand') },
  { key: 'victim-severity', title: 'Highest severity recorded (harmonised scale)', variable: 'victim.severity', unit: 'victims', dim: 'severity', categories: cats('victim.severity') },
  { key: 'victim-ethnicity', title: 'Ethnicity of victims (as coded)', variable: 'victim.ethnicity', unit: 'victims', dim: 'ethnicity', categories: cats('victim.ethnicity') },
  { key: 'series-victim-gender', title: "Victims' gender per series", variable: 'series.victimGender', unit: 'series', dim: 'victim_gender', categories: cats('series.victimGender') },
  { key: 'series-victim-age-group', title: "Victims' age group per series", variable: 'series.victimAgeGroup', unit: 'series', dim: 'victim_age_group', categories: cats('series.victimAgeGroup') },
  { key: 'series-victims-per-series', title: 'Victims depicted per series', variable: 'series.victimCount', unit: 'series', dim: 'victims_band', categories: VICTIMS_PER_SERIES_BANDS },
  { key: 'series-self-generated', title: 'Self-generated (youth-produced) material', variable: 'series.selfGenerated', unit: 'series', dim: 'self_generated', categories: cats('series.selfGenerated') },
  { key: 'offender-visible', title: 'Offender visible in the material', variable: 'offender.visible', unit: 'offenders', dim: 'visible', categories: cats('offender.visible') },
  { key: 'offender-gender', title: 'Gender of offenders', variable: 'offender.gender', unit: 'offenders', dim: 'gender', categories: cats('offender.gender') },
];

export interface AssociationSpec {
  readonly key: string;
  readonly title: string;
  readonly rowVariable: string;
  readonly rowDim: string;
  readonly columnVariable: string;
  readonly columnDim: string;
}

/** Cross-tabulations of the study (not-determinable codes excluded from the tests). */
export const ASSOCIATION_SPECS: readonly AssociationSpec[] = [
  { key: 'age-band-by-severity', title: 'Age band × harmonised severity', rowVariable: 'victim.ageBand', rowDim: 'age_band', columnVariable: 'victim.severity', columnDim: 'severity' },
  { key: 'gender-by-severity', title: 'Gender × harmonised severity', rowVariable: 'victim.gender', rowDim: 'gender', columnVariable: 'victim.severity', columnDim: 'severity' },
];

/** Variables compared between identified and unidentified units. */
export const COMPARISON_KEYS: readonly string[] = ['victim-gender', 'victim-age-band', 'victim-severity', 'series-self-generated', 'offender-visible'];

export const POPULATIONS: readonly Population[] = ['unidentified', 'identified', 'all'];

/** The identification code a population selects (`all` selects every unit, including not determinable). */
export function inPopulation(identified: string | null, population: Population): boolean {
  if (population === 'all') return true;
  return identified === (population === 'identified' ? 'yes' : 'no');
}
