import { CODEBOOK, compileRecordValidator, type EntityName, type RecordValidator } from '../codebook/index.ts';
import { SYNTH_END_DATE } from './model.ts';

/** Helpers shared by the synth tests (not part of the public API). */

export type Row = Readonly<Record<string, string | number>>;

/** The codebook validators with `today` at the end date of the synthetic data — the importer's contract. */
export function validators(): Record<EntityName, RecordValidator & { accepted: ReadonlySet<string> }> {
  const make = (e: EntityName) => compileRecordValidator(CODEBOOK, e, { today: SYNTH_END_DATE });
  return { source: make('source'), series: make('series'), victim: make('victim'), offender: make('offender') };
}

/** Share of `count` in `total`, as a percentage with one decimal, for messages. */
export const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Asserts |actual − expected| ≤ tolerance, and says actual, expected, difference and tolerance when not. */
export function near(what: string, actual: number, expected: number, tolerance: number): string | null {
  const diff = actual - expected;
  return Math.abs(diff) <= tolerance ? null : `${what}: actual ${pct(actual)}, expected ${pct(expected)}, difference ${pct(diff)}, tolerance ±${pct(tolerance)}`;
}

/** Days between two ISO dates. */
export function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/** Counts of codes, with shares among the determinable ones. */
export class Tally {
  readonly counts = new Map<string, number>();
  add(code: string | number | undefined): void {
    const k = String(code);
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
  get(code: string): number {
    return this.counts.get(code) ?? 0;
  }
  total(): number {
    let t = 0;
    for (const n of this.counts.values()) t += n;
    return t;
  }
  /** Share of `code` among codes other than notDeterminable. */
  share(code: string): number {
    return this.get(code) / (this.total() - this.get('notDeterminable'));
  }
}
