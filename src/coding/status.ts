/**
 * Progress of a round: per coder and overall, and what still blocks closing it (coders with
 * remaining units, unresolved disagreements).
 */
import { sql } from 'kysely';
import type { Store } from '../store/store.ts';
import { listDisagreements } from './disagreements.ts';
import { codableVariable, loadRound, type CodingRound } from './variables.ts';

export interface CoderProgress {
  readonly coder: string;
  /** Series assigned to the coder. */
  readonly unitsAssigned: number;
  /** Series for which every round variable is coded for the series and all its victims. */
  readonly unitsComplete: number;
  readonly unitsRemaining: number;
  readonly valuesCoded: number;
  readonly valuesExpected: number;
}

export interface RoundStatus {
  readonly round: CodingRound;
  readonly coders: readonly CoderProgress[];
  readonly overall: {
    /** Distinct series of the round. */
    readonly unitsAssigned: number;
    /** Distinct series that every one of their coders has completed. */
    readonly unitsComplete: number;
    readonly overlapUnits: number;
    readonly valuesCoded: number;
    readonly valuesExpected: number;
  };
  /** Cells of overlap units where coders differ and no adjudication decided (listDisagreements). */
  readonly unresolvedDisagreements: number;
  /** Plain sentences of what keeps the round from being closed; empty when it can be closed. */
  readonly blockers: readonly string[];
}

/** Values a coder must give for one series: the series variables plus the victim variables once per victim. */
export function expectedValues(seriesVariables: number, victimVariables: number, victims: number): number {
  return seriesVariables + victimVariables * victims;
}

export async function roundStatus(store: Store, roundId: string): Promise<RoundStatus> {
  const round = await loadRound(store, roundId);
  const nSeriesVars = round.variables.filter((v) => codableVariable(v).record === 'series').length;
  const nVictimVars = round.variables.length - nSeriesVars;
  const assignments = await store.db.selectFrom('coding_assignment').select(['series_id', 'coder', 'overlap']).where('round_id', '=', roundId).execute();
  const victims = await store.db
    .selectFrom('victim')
    .select(['victim.series_id', sql<number>`count(*)`.as('n')])
    .where('victim.series_id', 'in', store.db.selectFrom('coding_assignment').select('series_id').where('round_id', '=', roundId))
    .groupBy('victim.series_id')
    .execute();
  const victimsOf = new Map(victims.map((v) => [v.series_id, Number(v.n)]));
  const coded = await store.db
    .selectFrom('coding_value')
    .select(['coder', 'series_id', sql<number>`count(*)`.as('n')])
    .where('round_id', '=', roundId)
    .where('variable', 'in', [...round.variables])
    .groupBy(['coder', 'series_id'])
    .execute();
  const codedOf = new Map(coded.map((c) => [`${c.coder}\u0000${c.series_id}`, Number(c.n)]));

  const per = new Map<string, { assigned: number; complete: number; coded: number; expected: number }>(round.coders.map((c) => [c, { assigned: 0, complete: 0, coded: 0, expected: 0 }]));
  const unitDone = new Map<number, boolean>();
  const overlapUnits = new Set<number>();
  for (const a of assignments) {
    const p = per.get(a.coder)!;
    const expected = expectedValues(nSeriesVars, nVictimVars, victimsOf.get(a.series_id) ?? 0);
    const got = codedOf.get(`${a.coder}\u0000${a.series_id}`) ?? 0;
    const done = got >= expected;
    p.assigned++;
    p.expected += expected;
    p.coded += got;
    if (done) p.complete++;
    unitDone.set(a.series_id, (unitDone.get(a.series_id) ?? true) && done);
    if (a.overlap === 1) overlapUnits.add(a.series_id);
  }
  const coders = round.coders.map((coder) => {
    const p = per.get(coder)!;
    return { coder, unitsAssigned: p.assigned, unitsComplete: p.complete, unitsRemaining: p.assigned - p.complete, valuesCoded: p.coded, valuesExpected: p.expected };
  });
  const unresolved = await unresolvedDisagreementCount(store, roundId);
  return {
    round,
    coders,
    overall: {
      unitsAssigned: unitDone.size,
      unitsComplete: [...unitDone.values()].filter(Boolean).length,
      overlapUnits: overlapUnits.size,
      valuesCoded: coders.reduce((s, c) => s + c.valuesCoded, 0),
      valuesExpected: coders.reduce((s, c) => s + c.valuesExpected, 0),
    },
    unresolvedDisagreements: unresolved,
    blockers: blockersOf(coders, unresolved),
  };
}

/** What keeps a round open: every coder with units left, then unresolved disagreements. */
export function blockersOf(coders: readonly CoderProgress[], unresolvedDisagreements: number): string[] {
  const out = coders.filter((c) => c.unitsRemaining > 0).map((c) => `coder ${c.coder} has ${c.unitsRemaining} of ${c.unitsAssigned} unit(s) not complete (${c.valuesExpected - c.valuesCoded} value(s) missing)`);
  if (unresolvedDisagreements > 0) out.push(`${unresolvedDisagreements} disagreement(s) between coders are not adjudicated (vindex coding disagreements)`);
  return out;
}

/** Unresolved disagreements of the round: coded cells whose coders differ and that no adjudication decided. */
export async function unresolvedDisagreementCount(store: Store, roundId: string): Promise<number> {
  return (await listDisagreements(store, roundId, { unresolvedOnly: true })).length;
}
