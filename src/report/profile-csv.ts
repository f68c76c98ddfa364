/**
 * The profile's tables as CSV files for R, Stata or a spreadsheet: one tidy file per table, one
 * row per cell, proportions (not percentages) at full precision, missing values empty. File
 * names are the table ids made safe for a path (see `slug`).
 */
import type { Association, Comparison, Profile, ProfileTable } from '../profile/types.ts';
import { toCsv } from './csv.ts';
import type { ReportFile } from './section.ts';
import type { ProfileLabels } from './sections/labels.ts';
import { slug } from './sections/labels.ts';

export const tableCsvPath = (t: ProfileTable): string => `tables/${slug(t.id)}.csv`;
export const associationCsvPath = (a: Association): string => `associations/${slug(a.id)}.csv`;
export const comparisonCsvPath = (c: Comparison): string => `comparisons/${slug(c.id)}.csv`;
export const ASSOCIATION_TESTS_CSV = 'associations/tests.csv';
export const COMPARISON_TESTS_CSV = 'comparisons/tests.csv';
export const MANIFEST_CSV = 'manifest.csv';

/**
 * `table_id, variable, unit, population, category, label, count, total, share, lower, upper, level`;
 * design-based tables add `standard_error, design_effect, weighted_total, df`.
 */
export function tableCsv(t: ProfileTable, level: number): ReportFile {
  const design = t.estimator === 'design';
  const header = ['table_id', 'variable', 'unit', 'population', 'category', 'label', 'count', 'total', 'share', 'lower', 'upper', 'level', ...(design ? ['standard_error', 'design_effect', 'weighted_total', 'df'] : [])];
  const rows = t.rows.map((r) => [
    ...[t.id, t.variable, t.unit, t.population, r.category, r.label, r.count, t.total, r.share, r.lower, r.upper, level],
    ...(design ? [r.standardError ?? null, r.designEffect ?? null, t.weightedTotal ?? null, t.degreesOfFreedom ?? null] : []),
  ]);
  return { path: tableCsvPath(t), content: toCsv(header, rows) };
}

/** One row per cell of the contingency table (determinable categories only, as tested). */
export function associationCsv(a: Association, labels: ProfileLabels): ReportFile {
  const header = ['association_id', 'population', 'row_variable', 'row_category', 'row_label', 'column_variable', 'column_category', 'column_label', 'count'];
  const rows = a.rowCategories.flatMap((r, i) =>
    a.columnCategories.map((c, j) => [a.id, a.population, a.rowVariable, r, labels.category(a.rowVariable, r), a.columnVariable, c, labels.category(a.columnVariable, c), a.table[i]?.[j] ?? null]),
  );
  return { path: associationCsvPath(a), content: toCsv(header, rows) };
}

const tableTotal = (t: readonly (readonly number[])[]): number => t.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);

/** Pearson χ² tests of every association, one row each. */
export function associationTestsCsv(associations: readonly Association[]): ReportFile {
  const header = ['association_id', 'population', 'row_variable', 'column_variable', 'n', 'chi_square', 'df', 'p_value', 'cramers_v'];
  const rows = associations.map((a) => [a.id, a.population, a.rowVariable, a.columnVariable, tableTotal(a.table), a.chiSquare, a.df, a.pValue, a.cramersV]);
  return { path: ASSOCIATION_TESTS_CSV, content: toCsv(header, rows) };
}

/** Counts of identified and unidentified units per compared category. */
export function comparisonCsv(c: Comparison, labels: ProfileLabels): ReportFile {
  const header = ['comparison_id', 'variable', 'category', 'label', 'identified', 'unidentified'];
  const rows = c.categories.map((code, i) => [c.id, c.variable, code, labels.category(c.variable, code), c.identified[i] ?? null, c.unidentified[i] ?? null]);
  return { path: comparisonCsvPath(c), content: toCsv(header, rows) };
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Pearson χ² tests of identified against unidentified, one row per variable. */
export function comparisonTestsCsv(comparisons: readonly Comparison[]): ReportFile {
  const header = ['comparison_id', 'variable', 'n_identified', 'n_unidentified', 'chi_square', 'df', 'p_value', 'cramers_v'];
  const rows = comparisons.map((c) => [c.id, c.variable, sum(c.identified), sum(c.unidentified), c.chiSquare, c.df, c.pValue, c.cramersV]);
  return { path: COMPARISON_TESTS_CSV, content: toCsv(header, rows) };
}

/** The data manifest as `field, value` rows, so the CSVs carry their provenance. */
export function manifestCsv(profile: Profile): ReportFile {
  const m = profile.manifest;
  const rows: [string, string | number][] = [
    ['snapshot_hash', m.snapshotHash],
    ['codebook_version', m.codebookVersion],
    ['software_version', m.softwareVersion],
    ['generated_at', m.generatedAt],
    ['sources', m.counts.sources],
    ['series', m.counts.series],
    ['victims', m.counts.victims],
    ['offenders', m.counts.offenders],
    ['method', m.method],
    ['level', m.level],
    ['synthetic', m.synthetic ? 'true' : 'false'],
  ];
  if (m.sample) {
    const s = m.sample;
    rows.push(['sample_id', s.id], ['sample_frame', s.frame], ['sample_design', JSON.stringify(s.design)], ['sample_frame_hash', s.frameHash], ['sample_frame_size', s.frameSize], ['sample_size', s.sampleSize], ['sample_seed', s.seed], ['sample_prng', s.prng], ['sample_strata_by', s.strataBy === null ? '' : s.strataBy.join(',')]);
  }
  if (m.round) rows.push(['round_id', m.round.id], ['round_variables', m.round.variables.join(',')], ['round_adjudicated', m.round.adjudicated], ['round_without_final_value', m.round.unresolvedUsedStoreValue]);
  return { path: MANIFEST_CSV, content: toCsv(['field', 'value'], rows) };
}
