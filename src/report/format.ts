/**
 * Number formatting for the HTML report, locale-independent so output is identical everywhere.
 * Missing or undefined values (NaN, e.g. a share of an empty population) print as an en dash.
 */

export const MISSING = '–';

/** Thousands separated by commas: 12,345. */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Fixed decimals with grouped thousands; NaN → –. */
export function formatNumber(x: number, decimals = 0): string {
  if (!Number.isFinite(x)) return MISSING;
  const [int, frac] = Math.abs(x).toFixed(decimals).split('.');
  const sign = x < 0 && Number(Math.abs(x).toFixed(decimals)) !== 0 ? '−' : '';
  return sign + group(int!) + (frac ? '.' + frac : '');
}

export const formatCount = (n: number): string => formatNumber(n, 0);

/** A proportion as a percentage without the sign: 0.6196 → "62.0". */
export const formatPercent = (p: number, decimals = 1): string => formatNumber(100 * p, decimals);

/** An interval of proportions in percent: "59.5–64.4". */
export function formatInterval(lower: number, upper: number, decimals = 1): string {
  if (!Number.isFinite(lower) || !Number.isFinite(upper)) return MISSING;
  return `${formatPercent(lower, decimals)}–${formatPercent(upper, decimals)}`;
}

/** A p-value as journals print it: "< 0.001" below 0.001, else three decimals. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return MISSING;
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** A confidence level as a percentage: 0.95 → "95%", 0.995 → "99.5%". */
export function formatLevel(level: number): string {
  return `${Number((100 * level).toFixed(2))}%`;
}
