import { VindexError } from '../errors.ts';
import { ALLOCATION_RULES, type AllocationRule } from './allocation.ts';

/** What `--design` names: simple random sampling or a stratified allocation rule. */
export const DESIGN_NAMES = ['srs', ...ALLOCATION_RULES] as const;
export type DesignName = (typeof DESIGN_NAMES)[number];

export function parseDesignName(text: string): DesignName {
  const name = text.trim().toLowerCase();
  if (!(DESIGN_NAMES as readonly string[]).includes(name)) throw new VindexError('VDX_SAMPLE_INVALID', `--design "${text}" is not a design (allowed: ${DESIGN_NAMES.join(', ')})`);
  return name as DesignName;
}

export const isStratified = (name: DesignName): name is AllocationRule => name !== 'srs';

/**
 * Parses `--neyman-sd "label=0.3,label=0.5"`: a prior standard deviation S_h per stratum label.
 * The last `=` of each item separates label and value (labels are codes joined by ` / `, which
 * hold neither `,` nor `=`). Values must be finite and ≥ 0; a label may be given once.
 */
export function parseNeymanSd(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new VindexError('VDX_SAMPLE_INVALID', '--neyman-sd gives no standard deviation; use "label=0.3,label=0.5"');
  for (const item of items) {
    const eq = item.lastIndexOf('=');
    const label = eq < 0 ? '' : item.slice(0, eq).trim();
    const raw = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (label === '') throw new VindexError('VDX_SAMPLE_INVALID', `--neyman-sd item "${item}": expected label=value`);
    const value = raw === '' ? NaN : Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new VindexError('VDX_SAMPLE_INVALID', `--neyman-sd item "${item}": the standard deviation must be a number ≥ 0`);
    if (Object.prototype.hasOwnProperty.call(out, label)) throw new VindexError('VDX_SAMPLE_INVALID', `--neyman-sd: stratum "${label}" is given twice`);
    out[label] = value;
  }
  return out;
}

/** A whole number option (size, minimum, seed) in [min, max]; VDX_USAGE naming the option otherwise. */
export function parseWholeNumber(text: string | undefined, option: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  const value = text === undefined || text.trim() === '' ? NaN : Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new VindexError('VDX_USAGE', `${option} must be a whole number from ${min} to ${max}; got ${text ?? '(nothing)'}`);
  return value;
}
