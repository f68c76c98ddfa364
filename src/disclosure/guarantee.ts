import { VindexError } from '../errors.js';
import { DEFAULT_MIN_FREQUENCY } from './rules.js';

/**
 * The last line of defence, run on every value of an output before it is written: no published
 * count may lie strictly between 0 and the threshold. `null` means suppressed. Fails closed:
 * a non-integer or negative count is an error too, because it cannot have come from protected counts.
 */
export function assertNoSmallCounts(
  values: Iterable<{ readonly id: string; readonly value: number | null }>,
  threshold: number = DEFAULT_MIN_FREQUENCY,
  options: { readonly allowZero?: boolean; readonly where?: string } = {},
): void {
  const allowZero = options.allowZero ?? true;
  const bad: string[] = [];
  for (const { id, value } of values) {
    if (value === null) continue;
    const small = value < threshold && !(value === 0 && allowZero);
    if (small || !Number.isInteger(value) || value < 0) bad.push(`${id} = ${value}`);
  }
  if (bad.length > 0) {
    const shown = bad.slice(0, 10).join(', ') + (bad.length > 10 ? `, … (${bad.length} in all)` : '');
    throw new VindexError('VDX_DISCLOSURE_SMALL_COUNT', `${options.where ?? 'output'}: count(s) below the threshold ${threshold} would be published: ${shown}`);
  }
}
