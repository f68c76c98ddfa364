/**
 * Loader of a round's coded data: every coder's values and the adjudications, keyed by unit and
 * variable. Shared by reliability, disagreements, adjudication and final values.
 */
import { harmonise, type SeverityScale } from '../codebook/index.ts';
import type { Store } from '../store/store.ts';
import { loadRound, type CodedRecord, type CodingRound } from './variables.ts';

/** One coder's value of one variable on one unit. */
export interface Coding {
  readonly record: CodedRecord;
  readonly unitKey: string;
  readonly seriesKey: string;
  readonly seriesId: number;
  readonly coder: string;
  readonly variable: string;
  readonly value: string;
  readonly codedAt: string;
  readonly codebookVersion: string;
}

export interface Adjudication {
  readonly record: CodedRecord;
  readonly unitKey: string;
  readonly seriesId: number;
  readonly variable: string;
  readonly value: string;
  readonly reason: string;
  readonly adjudicator: string;
  readonly decidedAt: string;
  readonly codebookVersion: string;
}

/** Derived variable reported when a round codes both severity scale and code. */
export const DERIVED_SEVERITY = 'victim.severity';

export interface RoundCodings {
  readonly round: CodingRound;
  /** Codings ordered by record, unit, variable, coder. */
  readonly codings: readonly Coding[];
  /** Adjudications keyed by unitCellKey(record, unitKey, variable). */
  readonly adjudications: ReadonlyMap<string, Adjudication>;
}

/** Key of one unit × variable cell. */
export const cellKey = (record: string, unitKey: string, variable: string): string => `${record}\u0000${unitKey}\u0000${variable}`;

export async function loadRoundCodings(store: Store, roundId: string): Promise<RoundCodings> {
  const round = await loadRound(store, roundId);
  const rows = await store.db
    .selectFrom('coding_value')
    .innerJoin('series', 'series.id', 'coding_value.series_id')
    .select(['coding_value.record', 'coding_value.unit_key', 'coding_value.series_id', 'series.key as series_key', 'coding_value.coder', 'coding_value.variable', 'coding_value.value', 'coding_value.coded_at', 'coding_value.codebook_version'])
    .where('coding_value.round_id', '=', roundId)
    .orderBy('coding_value.record')
    .orderBy('coding_value.unit_key')
    .orderBy('coding_value.variable')
    .orderBy('coding_value.coder')
    .execute();
  const adj = await store.db.selectFrom('adjudication').selectAll().where('round_id', '=', roundId).execute();
  return {
    round,
    codings: rows.map((r) => ({
      record: r.record as CodedRecord,
      unitKey: r.unit_key,
      seriesKey: r.series_key,
      seriesId: r.series_id,
      coder: r.coder,
      variable: r.variable,
      value: r.value,
      codedAt: r.coded_at,
      codebookVersion: r.codebook_version,
    })),
    adjudications: new Map(
      adj.map((a) => [
        cellKey(a.record, a.unit_key, a.variable),
        { record: a.record as CodedRecord, unitKey: a.unit_key, seriesId: a.series_id, variable: a.variable, value: a.value, reason: a.reason, adjudicator: a.adjudicator, decidedAt: a.decided_at, codebookVersion: a.codebook_version },
      ]),
    ),
  };
}

/** Codings grouped by cell (record, unit, variable), in the loader's order. */
export function groupByCell(codings: readonly Coding[]): Map<string, Coding[]> {
  const out = new Map<string, Coding[]>();
  for (const c of codings) {
    const k = cellKey(c.record, c.unitKey, c.variable);
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}

/**
 * The harmonised severity of each coder's victim, derived from that coder's own scale and code
 * with the codebook crosswalk (src/codebook/severity.ts); the coder's penetration resolves COPINE 7
 * when coded, else it counts as not determinable (the crosswalk then takes the lower category).
 * Units where the coder gave no scale or no code have no derived value.
 */
export function deriveSeverity(codings: readonly Coding[]): Coding[] {
  const byCoderUnit = new Map<string, Map<string, Coding>>();
  for (const c of codings) {
    if (c.record !== 'victim') continue;
    if (c.variable !== 'victim.severityScale' && c.variable !== 'victim.severityCode' && c.variable !== 'victim.penetration') continue;
    const k = `${c.unitKey}\u0000${c.coder}`;
    let m = byCoderUnit.get(k);
    if (!m) byCoderUnit.set(k, (m = new Map()));
    m.set(c.variable, c);
  }
  const out: Coding[] = [];
  for (const m of byCoderUnit.values()) {
    const scale = m.get('victim.severityScale');
    const code = m.get('victim.severityCode');
    if (!scale || !code) continue;
    const pen = (m.get('victim.penetration')?.value ?? 'notDeterminable') as 'yes' | 'no' | 'notDeterminable';
    const latest = scale.codedAt > code.codedAt ? scale : code;
    out.push({ ...code, variable: DERIVED_SEVERITY, value: harmonise(scale.value as SeverityScale | 'notDeterminable', code.value, pen).severity, codedAt: latest.codedAt });
  }
  return out.sort((a, b) => (a.unitKey < b.unitKey ? -1 : a.unitKey > b.unitKey ? 1 : a.coder < b.coder ? -1 : a.coder > b.coder ? 1 : 0));
}
