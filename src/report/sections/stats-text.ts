import { formatNumber, formatP, MISSING } from '../format.ts';
import { html, type Html } from '../html.ts';

export interface TestResult {
  readonly chiSquare: number;
  readonly df: number;
  readonly pValue: number;
  readonly cramersV: number;
}

/** “χ² = 12.34, df = 2, p < 0.001, Cramér’s V = 0.081”, or a note when the test could not be computed. */
export function testSentence(t: TestResult): Html {
  if (!Number.isFinite(t.chiSquare)) return html`not computable (fewer than two categories with counts on one side)`;
  const p = formatP(t.pValue);
  return html`<i>χ</i>² = ${formatNumber(t.chiSquare, 2)}, df = ${t.df}, <i>p</i> ${p.startsWith('<') ? p : `= ${p}`}, Cramér’s <i>V</i> = ${formatNumber(t.cramersV, 3)}`;
}

export const formatChi = (x: number): string => formatNumber(x, 2);
export const formatV = (x: number): string => formatNumber(x, 3);
export const formatDf = (df: number, chi: number): string => (Number.isFinite(chi) ? String(df) : MISSING);
