/**
 * Final values of a round — what analysis uses — and the provenance of each: every coder's value
 * with when and under which codebook version it was coded, and the adjudication.
 */
import { VindexError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { cellKey, groupByCell, loadRoundCodings, type Adjudication, type Coding } from './codings.ts';
import { codableVariable, type CodedRecord } from './variables.ts';

export interface FinalValues {
  readonly roundId: string;
  readonly sampleId: string;
  readonly variables: readonly string[];
  /** series key → variable → final code (only variables coded in the round) */
  readonly series: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** victim key → variable → final code */
  readonly victims: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** unit × variable with disagreeing coders and no adjudication: not in the maps */
  readonly unresolved: number;
  /** unit × variable assigned but not yet coded by anyone: not in the maps */
  readonly uncoded: number;
}

export type FinalStatus = 'adjudicated' | 'agreed' | 'single' | 'unresolved' | 'uncoded';

/** The rule: an adjudicated value if any; else the value all coders agree on (one coder → that value); else unresolved. */
export function finalOf(cell: readonly Coding[], adjudication: Adjudication | undefined): { value: string | null; status: FinalStatus } {
  if (adjudication) return { value: adjudication.value, status: 'adjudicated' };
  if (cell.length === 0) return { value: null, status: 'uncoded' };
  const first = cell[0]!.value;
  if (cell.some((c) => c.value !== first)) return { value: null, status: 'unresolved' };
  return { value: first, status: cell.length === 1 ? 'single' : 'agreed' };
}

/** Every assigned unit of the round (series and their victims). */
async function assignedUnits(store: Store, roundId: string): Promise<{ series: { key: string }[]; victims: { key: string }[] }> {
  const series = await store.db
    .selectFrom('coding_assignment')
    .innerJoin('series', 'series.id', 'coding_assignment.series_id')
    .select('series.key')
    .distinct()
    .where('coding_assignment.round_id', '=', roundId)
    .orderBy('series.key')
    .execute();
  const victims = await store.db
    .selectFrom('victim')
    .where('victim.series_id', 'in', (eb) => eb.selectFrom('coding_assignment').select('coding_assignment.series_id').where('coding_assignment.round_id', '=', roundId))
    .select('victim.key')
    .orderBy('victim.key')
    .execute();
  return { series, victims };
}

export async function finalValues(store: Store, roundId: string): Promise<FinalValues> {
  const { round, codings, adjudications } = await loadRoundCodings(store, roundId);
  const cells = groupByCell(codings);
  const units = await assignedUnits(store, roundId);
  let unresolved = 0;
  let uncoded = 0;
  const build = (record: CodedRecord, keys: readonly { key: string }[]): Map<string, Record<string, string>> => {
    const vars = round.variables.filter((v) => codableVariable(v).record === record);
    const out = new Map<string, Record<string, string>>();
    for (const { key } of keys) {
      const values: Record<string, string> = {};
      for (const v of vars) {
        const ck = cellKey(record, key, v);
        const f = finalOf(cells.get(ck) ?? [], adjudications.get(ck));
        if (f.value !== null) values[v] = f.value;
        else if (f.status === 'unresolved') unresolved++;
        else uncoded++;
      }
      if (Object.keys(values).length > 0) out.set(key, values);
    }
    return out;
  };
  const series = build('series', units.series);
  const victims = build('victim', units.victims);
  return { roundId: round.id, sampleId: round.sampleId, variables: round.variables, series, victims, unresolved, uncoded };
}

export interface VariableProvenance {
  readonly variable: string;
  readonly final: string | null;
  readonly status: FinalStatus;
  readonly codings: readonly { readonly coder: string; readonly value: string; readonly codedAt: string; readonly codebookVersion: string }[];
  readonly adjudication: { readonly value: string; readonly reason: string; readonly adjudicator: string; readonly decidedAt: string; readonly codebookVersion: string } | null;
}

export interface UnitProvenance {
  readonly roundId: string;
  readonly record: CodedRecord;
  readonly unitKey: string;
  readonly seriesKey: string;
  readonly variables: readonly VariableProvenance[];
}

/**
 * Who coded each variable of one unit (series or victim key) of the round, when, under which
 * codebook version, the adjudication and the resulting final value. VDX_USAGE when the unit was
 * not coded in the round.
 */
export async function finalValueProvenance(store: Store, roundId: string, unitKey: string): Promise<UnitProvenance> {
  const { round, codings, adjudications } = await loadRoundCodings(store, roundId);
  const mine = codings.filter((c) => c.unitKey === unitKey);
  if (mine.length === 0) throw new VindexError('VDX_USAGE', `unit "${unitKey}" has no coded values in round ${round.id}`);
  const record = mine[0]!.record;
  const cells = groupByCell(mine);
  const variables = round.variables
    .filter((v) => codableVariable(v).record === record)
    .map((v): VariableProvenance => {
      const ck = cellKey(record, unitKey, v);
      const cell = cells.get(ck) ?? [];
      const a = adjudications.get(ck);
      const f = finalOf(cell, a);
      return {
        variable: v,
        final: f.value,
        status: f.status,
        codings: cell.map((c) => ({ coder: c.coder, value: c.value, codedAt: c.codedAt, codebookVersion: c.codebookVersion })),
        adjudication: a ? { value: a.value, reason: a.reason, adjudicator: a.adjudicator, decidedAt: a.decidedAt, codebookVersion: a.codebookVersion } : null,
      };
    });
  return { roundId: round.id, record, unitKey, seriesKey: mine[0]!.seriesKey, variables };
}
