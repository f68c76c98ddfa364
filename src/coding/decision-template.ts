/**
 * A decisions file for the adjudicator to fill: one row per unresolved disagreement, in the
 * columns `vindex coding adjudicate --file` reads (unit, variable, value, reason). Where a strict
 * majority of the coders gave one value it is proposed with reason `majority`; every other row is
 * left blank, and the reader refuses blank fields, so nothing is decided by omission.
 */
import { stringify } from 'csv-stringify/sync';
import { DECISION_COLUMNS } from './adjudication-file.ts';
import type { Disagreement } from './disagreements.ts';

/** The value more than half of the coders gave, if any. */
export function majorityValue(values: Disagreement['values']): string | null {
  const counts = new Map<string, number>();
  for (const { value } of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  for (const [value, n] of counts) if (2 * n > values.length) return value;
  return null;
}

export function decisionTemplate(disagreements: readonly Disagreement[]): string {
  const rows = disagreements
    .filter((d) => d.adjudication === null)
    .map((d) => {
      const majority = majorityValue(d.values);
      return [d.unitKey, d.variable, majority ?? '', majority === null ? '' : 'majority'];
    });
  return stringify([[...DECISION_COLUMNS], ...rows]);
}
