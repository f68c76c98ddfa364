import { z } from 'zod';
import { crosstab, type ChiSquareTest } from '../crosstab/crosstab.ts';
import { countTableSchema } from './count-table.ts';
import { defineMethod } from './method.ts';

const request = z.strictObject({
  table: countTableSchema(
    'Counts of a two-way table: table[i][j] is the count in row category i and column category j; at least 2 rows and 2 columns. Rows or columns that are all 0 are left out of the tests. Whole numbers are needed for the Fisher test (fisherExactP is null otherwise).',
  ).superRefine((rows, ctx) => {
    // An empty table or first row is already reported by the count-table schema.
    const width = rows[0]?.length ?? 0;
    if (width > 0 && (rows.length < 2 || width < 2)) ctx.addIssue({ code: 'custom', message: `needs at least 2 rows and 2 columns, got ${rows.length} × ${width}` });
  }),
  fisher: z.boolean().default(true).describe("Compute Fisher's exact p (exact for 2 × 2 at any n; for larger tables null when beyond about a second of work). false skips it."),
});

/** JSON has no NaN: undefined values (R's NaN/NA) are null. */
const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);
const test = (t: ChiSquareTest) => ({ statistic: orNull(t.statistic), df: t.df, pValue: orNull(t.pValue) });

/**
 * `vindex stats crosstab`: Pearson χ² (no continuity correction) and likelihood-ratio G² tests of
 * independence, Cramér's V, expected counts, adjusted residuals and Fisher's exact p. With fewer
 * than 2 non-empty rows or columns the statistics are null (not an error: the expected counts
 * still describe the table); adjusted residuals are null in empty rows and columns.
 */
export const crosstabMethod = defineMethod({
  name: 'crosstab',
  summary: "Chi-square and G² tests, Cramér's V, expected counts, adjusted residuals and Fisher's exact test of a two-way table",
  reference: 'R chisq.test(correct = FALSE) with $expected and $stdres; fisher.test (Mehta & Patel 1983 network algorithm for r × c); Agresti (2013) Categorical Data Analysis §3',
  request,
  run(r) {
    const x = crosstab(r.table, { fisher: r.fisher });
    return {
      n: r.table.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0),
      chiSquare: test(x.chiSquare),
      likelihoodRatio: test(x.likelihoodRatio),
      cramersV: orNull(x.cramersV),
      fisherExactP: x.fisherExactP,
      expected: x.expected.map((row) => row.map(orNull)),
      adjustedResiduals: x.adjustedResiduals.map((row) => row.map(orNull)),
    };
  },
});
