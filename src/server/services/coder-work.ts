/**
 * A coder's work in the web app: the queue of assigned units in open rounds, the form of one unit,
 * and saving one value. Values are checked exactly as coder sheets check them (valueCheck,
 * severityCodeOnScale, allowedText of src/coding and src/codebook); each save is one transaction
 * with its audit entry `coding.value.save`. A unit not assigned to the coder answers as if it did
 * not exist (VDX_CODING_UNIT_NOT_FOUND), so coders learn nothing of other coders' units.
 */
import { sql } from 'kysely';
import { appendAudit } from '../../audit/index.ts';
import { CODEBOOK, findVariable, SCALE_CODES, type SeverityScale } from '../../codebook/index.ts';
import { allowedText, FieldFailure } from '../../codebook/compile.ts';
import { expectedValues } from '../../coding/status.ts';
import { upsertCodingValues } from '../../coding/upsert-values.ts';
import { codableVariable, roundFromRow, severityCodeOnScale, valueCheck, type CodedRecord, type CodingRound } from '../../coding/variables.ts';
import { VindexError } from '../../errors.ts';
import type { Store } from '../../store/index.ts';

/** coding_value.sheet_hash of values entered in the web form (sheets store their SHA-256 there). */
export const WEB_FORM_SOURCE = 'web-form';

export interface QueueUnit {
  readonly seriesKey: string;
  readonly victims: number;
  readonly valuesCoded: number;
  readonly valuesExpected: number;
  /** Every round variable has a value for the series and each of its victims. */
  readonly done: boolean;
}

export interface QueueRound {
  readonly round: string;
  readonly sampleId: string;
  readonly variables: readonly string[];
  readonly done: number;
  readonly total: number;
  readonly units: readonly QueueUnit[];
}

const notFound = (round: string, seriesKey: string): VindexError =>
  new VindexError('VDX_CODING_UNIT_NOT_FOUND', `no series ${seriesKey} is assigned to you in round ${round}`);

/** The coder's assigned series in every open round (rounds by creation, series by key), each with its progress. */
export async function coderQueue(store: Store, coder: string): Promise<QueueRound[]> {
  const rounds = (
    await store.db
      .selectFrom('coding_round')
      .selectAll()
      .where('closed_at', 'is', null)
      .where('id', 'in', store.db.selectFrom('coding_assignment').select('round_id').where('coder', '=', coder))
      .orderBy('created_at')
      .orderBy('id')
      .execute()
  ).map(roundFromRow);
  if (rounds.length === 0) return [];
  const ids = rounds.map((r) => r.id);
  const units = await store.db
    .selectFrom('coding_assignment')
    .innerJoin('series', 'series.id', 'coding_assignment.series_id')
    .select(['coding_assignment.round_id', 'coding_assignment.series_id', 'series.key'])
    .where('coding_assignment.coder', '=', coder)
    .where('coding_assignment.round_id', 'in', ids)
    .orderBy('series.key')
    .execute();
  const victims = await store.db
    .selectFrom('victim')
    .select(['victim.series_id', sql<number>`count(*)`.as('n')])
    .where('victim.series_id', 'in', store.db.selectFrom('coding_assignment').select('series_id').where('coder', '=', coder).where('round_id', 'in', ids))
    .groupBy('victim.series_id')
    .execute();
  const victimsOf = new Map(victims.map((v) => [v.series_id, Number(v.n)]));
  const coded = await store.db
    .selectFrom('coding_value')
    .select(['round_id', 'series_id', 'variable', sql<number>`count(*)`.as('n')])
    .where('coder', '=', coder)
    .where('round_id', 'in', ids)
    .groupBy(['round_id', 'series_id', 'variable'])
    .execute();
  return rounds.map((round) => {
    const variables = new Set(round.variables);
    const nSeries = round.variables.filter((v) => codableVariable(v).record === 'series').length;
    const codedOf = new Map<number, number>();
    for (const c of coded) if (c.round_id === round.id && variables.has(c.variable)) codedOf.set(c.series_id, (codedOf.get(c.series_id) ?? 0) + Number(c.n));
    const list = units
      .filter((u) => u.round_id === round.id)
      .map((u) => {
        const n = victimsOf.get(u.series_id) ?? 0;
        const expected = expectedValues(nSeries, round.variables.length - nSeries, n);
        const got = codedOf.get(u.series_id) ?? 0;
        return { seriesKey: u.key, victims: n, valuesCoded: got, valuesExpected: expected, done: got >= expected };
      });
    return { round: round.id, sampleId: round.sampleId, variables: round.variables, done: list.filter((u) => u.done).length, total: list.length, units: list };
  });
}

export interface FormCode {
  readonly code: string;
  readonly label: string;
}

export interface FormVariable {
  readonly name: string;
  readonly record: CodedRecord;
  readonly label: string;
  /** category: pick one of codes; count: a whole number 0 … max; severity-code: one of codesByScale[scale coded for the victim]. */
  readonly kind: 'category' | 'count' | 'severity-code';
  readonly codes: readonly FormCode[];
  readonly max: number | null;
  readonly notDeterminable: string | null;
  /** severity-code only: the codes of each scale (notDeterminable is always allowed). */
  readonly codesByScale: Readonly<Record<string, readonly string[]>> | null;
}

export interface UnitForm {
  readonly round: string;
  readonly closed: boolean;
  readonly seriesKey: string;
  /** The series' victims by key (the case references a coder codes them under). */
  readonly victims: readonly string[];
  readonly variables: readonly FormVariable[];
  /** The coder's current values: series variable → code, and victim key → variable → code. */
  readonly values: { readonly series: Readonly<Record<string, string>>; readonly victims: Readonly<Record<string, Readonly<Record<string, string>>>> };
  readonly done: boolean;
}

/** How the form presents a round variable: its codes and labels from the codebook. */
export function formVariable(name: string): FormVariable {
  const v = codableVariable(name);
  const def = findVariable(name)!;
  const base = { name, record: v.record, label: def.label, notDeterminable: v.notDeterminable };
  if (def.type === 'category') return { ...base, kind: 'category', codes: def.set.categories.map((c) => ({ code: c.code, label: c.label })), max: null, codesByScale: null };
  if (def.type === 'count') return { ...base, kind: 'count', codes: [], max: def.max, codesByScale: null };
  return { ...base, kind: 'severity-code', codes: [], max: null, codesByScale: { ...Object.fromEntries(Object.entries(SCALE_CODES).map(([scale, codes]) => [scale, [...codes, 'notDeterminable']])), notDeterminable: ['notDeterminable'] } };
}

type Db = Store['db'];

/** The round and the series id, when the series is assigned to the coder in that round; else VDX_CODING_UNIT_NOT_FOUND. */
async function assignedSeries(db: Db, roundId: string, seriesKey: string, coder: string): Promise<{ round: CodingRound; seriesId: number }> {
  const row = await db
    .selectFrom('coding_assignment')
    .innerJoin('series', 'series.id', 'coding_assignment.series_id')
    .innerJoin('coding_round', 'coding_round.id', 'coding_assignment.round_id')
    .selectAll('coding_round')
    .select('series.id as series_pk')
    .where('coding_assignment.round_id', '=', roundId)
    .where('coding_assignment.coder', '=', coder)
    .where('series.key', '=', seriesKey)
    .executeTakeFirst();
  if (!row) throw notFound(roundId, seriesKey);
  const { series_pk, ...round } = row;
  return { round: roundFromRow(round), seriesId: series_pk };
}

/** The form of one assigned unit: series key, victim keys, the round's variables with their codes, and the coder's values. */
export async function unitForm(store: Store, roundId: string, seriesKey: string, coder: string): Promise<UnitForm> {
  const { round, seriesId } = await assignedSeries(store.db, roundId, seriesKey, coder);
  const victims = (await store.db.selectFrom('victim').select('key').where('series_id', '=', seriesId).orderBy('key').execute()).map((v) => v.key);
  const rows = await store.db
    .selectFrom('coding_value')
    .select(['record', 'unit_key', 'variable', 'value'])
    .where('round_id', '=', round.id)
    .where('coder', '=', coder)
    .where('series_id', '=', seriesId)
    .execute();
  const variables = round.variables.map(formVariable);
  const series: Record<string, string> = {};
  const byVictim: Record<string, Record<string, string>> = Object.fromEntries(victims.map((k) => [k, {}]));
  let coded = 0;
  for (const r of rows) {
    if (!round.variables.includes(r.variable)) continue;
    if (r.record === 'series' && r.unit_key === seriesKey) series[r.variable] = r.value;
    else if (r.record === 'victim' && byVictim[r.unit_key]) byVictim[r.unit_key]![r.variable] = r.value;
    else continue;
    coded++;
  }
  const nSeries = variables.filter((v) => v.record === 'series').length;
  const done = coded >= expectedValues(nSeries, variables.length - nSeries, victims.length);
  return { round: round.id, closed: round.closedAt !== null, seriesKey, victims, variables, values: { series, victims: byVictim }, done };
}

export interface SaveValueInput {
  readonly round: string;
  readonly coder: string;
  /** The series of the form the value is entered in. */
  readonly seriesKey: string;
  readonly record: CodedRecord;
  /** The series key (record series) or a victim key of that series (record victim). */
  readonly unitKey: string;
  readonly variable: string;
  /** A code, label or alias (counts: a whole number); null removes the coder's value. */
  readonly value: string | number | null;
  readonly now?: string;
}

export interface SavedValue {
  readonly round: string;
  readonly record: CodedRecord;
  readonly unitKey: string;
  readonly variable: string;
  /** The canonical code stored, or null when removed. */
  readonly value: string | null;
  /** Other values of the unit removed because they no longer fit (a severity code not on the new scale). */
  readonly cleared: readonly string[];
  /** Whether the series is now complete for this coder. */
  readonly unitDone: boolean;
}

const invalid = (message: string): VindexError => new VindexError('VDX_CODE_INVALID', message);

/**
 * Saves one value of the coder's unit: the round must be open and the series assigned to the
 * coder, the unit the series or one of its victims, the variable one of the round's for that
 * record, the value a code of the variable (a severity code one of the scale the coder gave the
 * same victim). A new scale removes a severity code that is not on it. One transaction with the
 * audit entry `coding.value.save`; a refused value changes nothing.
 */
export async function saveCodingValue(store: Store, input: SaveValueInput): Promise<SavedValue> {
  const now = input.now ?? new Date().toISOString();
  return store.db.transaction().execute(async (trx) => {
    const { round, seriesId } = await assignedSeries(trx, input.round, input.seriesKey, input.coder);
    if (round.closedAt) throw new VindexError('VDX_ROUND_CLOSED', `round ${round.id} was closed on ${round.closedAt}; it takes no more values`);
    if (input.record === 'series' ? input.unitKey !== input.seriesKey : !(await trx.selectFrom('victim').select('key').where('key', '=', input.unitKey).where('series_id', '=', seriesId).executeTakeFirst())) {
      throw notFound(round.id, input.record === 'series' ? input.unitKey : `${input.seriesKey} (victim ${input.unitKey})`);
    }
    if (!round.variables.includes(input.variable)) throw invalid(`${input.variable} is not a variable of round ${round.id} (allowed: ${round.variables.join(', ')})`);
    const variable = codableVariable(input.variable);
    if (variable.record !== input.record) throw invalid(`${input.variable} is a ${variable.record} variable; it cannot be coded on a ${input.record}`);

    const cell = trx
      .selectFrom('coding_value')
      .select('value')
      .where('round_id', '=', round.id)
      .where('record', '=', input.record)
      .where('unit_key', '=', input.unitKey)
      .where('coder', '=', input.coder);
    const current = async (name: string): Promise<string | null> => (await cell.where('variable', '=', name).executeTakeFirst())?.value ?? null;

    let value: string | null = null;
    const cleared: string[] = [];
    if (input.value !== null && String(input.value).trim() !== '') {
      const checked = valueCheck(input.variable)(input.value);
      if (checked instanceof FieldFailure || checked === null) {
        throw invalid(`${input.variable} "${String(input.value)}" ${checked instanceof FieldFailure ? checked.message : 'is not a code of this variable'} (allowed: ${allowedText(findVariable(input.variable)!)})`);
      }
      value = String(checked);
      if (input.variable === 'victim.severityCode') {
        const scale = await current('victim.severityScale');
        if (scale === null) throw invalid('victim.severityCode is read on the scale coded for the same victim: code victim.severityScale first');
        const read = severityCodeOnScale(value, scale);
        if (read.fault === 'needs-nd') throw invalid(`victim.severityCode "${value}" must be notDeterminable when the scale is not determinable (allowed: notDeterminable)`);
        if (read.fault === 'not-on-scale') throw invalid(`victim.severityCode "${value}" is not a code of the ${scale} scale (allowed: ${SCALE_CODES[scale as SeverityScale].join(', ')}, notDeterminable)`);
        value = read.code;
      }
      if (input.variable === 'victim.severityScale' && round.variables.includes('victim.severityCode')) {
        const code = await current('victim.severityCode');
        if (code !== null && severityCodeOnScale(code, value).fault !== null) cleared.push('victim.severityCode');
      }
    }

    const key = { round_id: round.id, record: input.record, unit_key: input.unitKey, coder: input.coder };
    const remove = async (name: string): Promise<void> => {
      await trx.deleteFrom('coding_value').where('round_id', '=', key.round_id).where('record', '=', key.record).where('unit_key', '=', key.unit_key).where('coder', '=', key.coder).where('variable', '=', name).execute();
    };
    const previous = await current(input.variable);
    if (value === null) {
      if (previous !== null) await remove(input.variable);
      // A scale removed leaves its code unreadable, as a changed scale does.
      if (input.variable === 'victim.severityScale' && (await current('victim.severityCode')) !== null) cleared.push('victim.severityCode');
    } else if (value !== previous) {
      await upsertCodingValues(trx, { ...key, series_id: seriesId, variable: input.variable, value, coded_at: now, codebook_version: CODEBOOK.version, sheet_hash: WEB_FORM_SOURCE });
    }
    for (const name of cleared) await remove(name);
    if (value !== previous || cleared.length > 0) {
      await appendAudit(
        trx,
        {
          actor: input.coder,
          action: 'coding.value.save',
          object: `round:${round.id}/${input.record}:${input.unitKey}/${input.variable}`,
          detail: { round: round.id, coder: input.coder, record: input.record, variable: input.variable, value, previous, ...(cleared.length ? { cleared } : {}) },
        },
        now,
      );
    }
    const unitDone = await seriesDone(trx, round, seriesId, input.coder);
    return { round: round.id, record: input.record, unitKey: input.unitKey, variable: input.variable, value, cleared, unitDone };
  });
}

/** Whether the coder has a value of every round variable for the series and each of its victims. */
async function seriesDone(db: Db, round: CodingRound, seriesId: number, coder: string): Promise<boolean> {
  const victims = Number((await db.selectFrom('victim').select(sql<number>`count(*)`.as('n')).where('series_id', '=', seriesId).executeTakeFirstOrThrow()).n);
  const coded = Number(
    (
      await db
        .selectFrom('coding_value')
        .select(sql<number>`count(*)`.as('n'))
        .where('round_id', '=', round.id)
        .where('coder', '=', coder)
        .where('series_id', '=', seriesId)
        .where('variable', 'in', [...round.variables])
        .executeTakeFirstOrThrow()
    ).n,
  );
  const nSeries = round.variables.filter((v) => codableVariable(v).record === 'series').length;
  return coded >= expectedValues(nSeries, round.variables.length - nSeries, victims);
}
