import { CODEBOOK, regionOf } from '../codebook/index.ts';
import { VindexError } from '../errors.ts';
import { columnOf } from '../store/schema.ts';
import type { SeriesTable } from '../store/schema.ts';

/** Derived stratification variables: the region of series.country and the year of series.firstSeen. */
export const DERIVED_STRATA = ['region', 'year'] as const;

/** Separator of the codes in a stratum label, e.g. `female / Europe`. */
export const STRATUM_SEPARATOR = ' / ';

/** The label part of a variable that has no value for a series. */
export const STRATUM_NOT_DETERMINABLE = 'notDeterminable';

/** Series variables a frame can be stratified by: categories, countries and the source, plus the derived ones. */
export const STRATIFIABLE: readonly string[] = Object.freeze([
  ...CODEBOOK.entities
    .find((e) => e.name === 'series')!
    .variables.filter((v) => v.type === 'category' || v.type === 'country' || v.name === 'series.source')
    .map((v) => v.name),
  ...DERIVED_STRATA,
]);

type SeriesColumn = keyof SeriesTable;

/** The series columns needed to label a series under these stratification variables. */
export function strataColumns(strataBy: readonly string[]): SeriesColumn[] {
  const cols = new Set<SeriesColumn>();
  for (const v of strataBy) {
    if (v === 'region') cols.add('country');
    else if (v === 'year') cols.add('first_seen');
    else cols.add(columnOf(v) as SeriesColumn);
  }
  return [...cols];
}

/**
 * Parses `--strata a,b,…`: names from STRATIFIABLE, each once, in the order given (the order of
 * the codes in the labels). Throws VDX_SAMPLE_INVALID naming an unknown or repeated variable.
 */
export function parseStrataBy(text: string): string[] {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new VindexError('VDX_SAMPLE_INVALID', '--strata names no variable');
  const seen = new Set<string>();
  for (const name of names) {
    if (!STRATIFIABLE.includes(name)) throw new VindexError('VDX_SAMPLE_INVALID', `--strata: "${name}" cannot stratify series (allowed: ${STRATIFIABLE.join(', ')})`);
    if (seen.has(name)) throw new VindexError('VDX_SAMPLE_INVALID', `--strata: "${name}" is given twice`);
    seen.add(name);
  }
  return names;
}

/** One series' part of a label: the stored code, the region of the country, or the year first seen; null → notDeterminable. */
function partOf(row: Readonly<Partial<Record<SeriesColumn, unknown>>>, variable: string): string {
  let value: unknown;
  if (variable === 'region') value = typeof row.country === 'string' ? regionOf(row.country) : null;
  else if (variable === 'year') value = typeof row.first_seen === 'string' ? row.first_seen.slice(0, 4) : null;
  else value = row[columnOf(variable) as SeriesColumn];
  return value === null || value === undefined || value === '' ? STRATUM_NOT_DETERMINABLE : String(value);
}

/** The stratum label of a series: its codes for the variables, in order, joined by ` / `. */
export function stratumLabel(row: Readonly<Partial<Record<SeriesColumn, unknown>>>, strataBy: readonly string[]): string {
  return strataBy.map((v) => partOf(row, v)).join(STRATUM_SEPARATOR);
}
