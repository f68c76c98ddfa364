/**
 * Disagreements of a round: every unit × variable where the coders' values differ, with the
 * adjudication that resolved it, if any.
 */
import { VindexError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { cellKey, groupByCell, loadRoundCodings } from './codings.ts';
import type { CodedRecord } from './variables.ts';

export interface Disagreement {
  readonly record: CodedRecord;
  readonly unitKey: string;
  readonly seriesKey: string;
  readonly variable: string;
  /** Each coder's value, coders in name order. */
  readonly values: readonly { readonly coder: string; readonly value: string }[];
  readonly adjudication: { readonly value: string; readonly reason: string; readonly adjudicator: string; readonly decidedAt: string } | null;
}

/**
 * Every unit × variable of the round coded by two or more coders with differing values, ordered by
 * record, unit and variable. `unresolvedOnly` keeps those with no adjudication; `variable` keeps
 * one variable (which must be a variable of the round: VDX_USAGE otherwise).
 */
export async function listDisagreements(store: Store, roundId: string, options: { unresolvedOnly?: boolean; variable?: string } = {}): Promise<Disagreement[]> {
  const { round, codings, adjudications } = await loadRoundCodings(store, roundId);
  if (options.variable !== undefined && !round.variables.includes(options.variable)) {
    throw new VindexError('VDX_USAGE', `"${options.variable}" is not a variable of round ${round.id}; its variables are: ${round.variables.join(', ')}`);
  }
  const out: Disagreement[] = [];
  for (const cell of groupByCell(codings).values()) {
    const first = cell[0]!;
    if (options.variable !== undefined && first.variable !== options.variable) continue;
    if (cell.length < 2 || cell.every((c) => c.value === first.value)) continue;
    const a = adjudications.get(cellKey(first.record, first.unitKey, first.variable));
    if (options.unresolvedOnly && a) continue;
    out.push({
      record: first.record,
      unitKey: first.unitKey,
      seriesKey: first.seriesKey,
      variable: first.variable,
      values: cell.map((c) => ({ coder: c.coder, value: c.value })),
      adjudication: a ? { value: a.value, reason: a.reason, adjudicator: a.adjudicator, decidedAt: a.decidedAt } : null,
    });
  }
  return out;
}
