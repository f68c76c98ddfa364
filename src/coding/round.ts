/**
 * Coding rounds in the store: create (assignment included), list, close. Every write goes with its
 * audit entry in one transaction; a refused request leaves the store as it was.
 */
import { appendAudit, checkName, NAME_PATTERN } from '../audit/index.ts';
import { CODEBOOK } from '../codebook/index.ts';
import { VindexError } from '../errors.ts';
import { MAX_SAMPLING_SEED } from '../sampling/seeded-random.ts';
import type { Store } from '../store/store.ts';
import { nextId } from '../store/next-id.ts';
import { assignmentSummary, assignUnits, type UnitAssignment } from './assign.ts';
import { roundStatus } from './status.ts';
import { codableVariable, DEFAULT_CODING_VARIABLES, loadRound, roundFromRow, type CodingRound } from './variables.ts';

export interface CreateRoundInput {
  readonly sampleId: string;
  readonly coders: readonly string[];
  /** Codable variables in sheet-column order; default DEFAULT_CODING_VARIABLES. */
  readonly variables?: readonly string[];
  readonly overlap: number;
  readonly ratersPerOverlap?: number;
  readonly seed: number;
  /** Default the next free `r1`, `r2`, … */
  readonly id?: string;
  readonly actor: string;
  /** ISO time; default now. */
  readonly createdAt?: string;
}

export interface CreatedRound {
  readonly round: CodingRound;
  readonly units: number;
  readonly overlapUnits: number;
  /** Series assigned per coder. */
  readonly workload: Readonly<Record<string, number>>;
  /** Overlap units shared per pair of coders (`alice+bob`). */
  readonly pairs: Readonly<Record<string, number>>;
  readonly assignments: readonly UnitAssignment[];
}

const invalid = (message: string): VindexError => new VindexError('VDX_ROUND_INVALID', message);

/** Rows per INSERT of assignments (4 parameters each, far below SQLite's limit). */
const INSERT_CHUNK = 1000;

function checkVariables(names: readonly string[]): string[] {
  if (names.length === 0) throw invalid('a round needs at least one variable');
  const seen = new Set<string>();
  for (const n of names) {
    codableVariable(n);
    if (seen.has(n)) throw invalid(`variable ${n} is listed twice`);
    seen.add(n);
  }
  // A severity code means something only on its scale, so the coder codes both.
  if (seen.has('victim.severityCode') && !seen.has('victim.severityScale')) throw invalid('victim.severityCode needs victim.severityScale in the same round (a code is read on its scale)');
  return [...names];
}

/**
 * Creates a round over every unit of a stored sample: the balanced assignment (assignUnits), the
 * round row and an audit entry `coding.round.create` in one transaction.
 */
export async function createRound(store: Store, input: CreateRoundInput): Promise<CreatedRound> {
  if (input.id !== undefined && !NAME_PATTERN.test(input.id)) throw new VindexError('VDX_USAGE', `--id "${input.id}" is not a valid round id: use a lower-case letter, then letters, digits, ".", "_" or "-" (at most 32)`);
  const coders = input.coders.map((c) => checkName(c, 'coder'));
  if (coders.length === 0) throw invalid('a round needs at least one coder (--coders alice,bob)');
  const dup = coders.find((c, i) => coders.indexOf(c) !== i);
  if (dup) throw invalid(`coder ${dup} is listed twice; coders must be distinct`);
  if (!(input.overlap >= 0 && input.overlap <= 1)) throw invalid(`--overlap must be a share from 0 to 1, not ${input.overlap}`);
  const r = input.ratersPerOverlap ?? 2;
  if (input.overlap > 0) {
    if (coders.length < 2) throw invalid(`overlap ${input.overlap} needs at least 2 coders to compare; give more coders or --overlap 0`);
    if (!Number.isInteger(r) || r < 2 || r > coders.length) throw invalid(`--raters-per-overlap must be a whole number from 2 to the number of coders (${coders.length}), not ${r}`);
  }
  if (!Number.isInteger(input.seed) || input.seed < 0 || input.seed > MAX_SAMPLING_SEED) throw invalid(`--seed must be a whole number from 0 to ${MAX_SAMPLING_SEED}`);
  const variables = checkVariables(input.variables ?? DEFAULT_CODING_VARIABLES);
  const createdAt = input.createdAt ?? new Date().toISOString();
  const sorted = [...coders].sort();

  return store.db.transaction().execute(async (trx) => {
    const sample = await trx.selectFrom('sample').select('id').where('id', '=', input.sampleId).executeTakeFirst();
    if (!sample) throw new VindexError('VDX_SAMPLE_NOT_FOUND', `there is no sample "${input.sampleId}" in this store`);
    const units = (await trx.selectFrom('sample_unit').select('series_id').where('sample_id', '=', input.sampleId).execute()).map((u) => u.series_id);
    if (units.length === 0) throw invalid(`sample ${input.sampleId} has no units`);
    const taken = (await trx.selectFrom('coding_round').select('id').execute()).map((x) => x.id);
    const id = input.id ?? nextId('r', taken);
    if (taken.includes(id)) throw invalid(`a round with id ${id} already exists in this store; choose another --id (or leave it out for ${nextId('r', taken)})`);
    const assignments = assignUnits(units, sorted, { overlap: input.overlap, ratersPerOverlap: r, seed: input.seed });
    const row = {
      id,
      sample_id: input.sampleId,
      created_at: createdAt,
      created_by: input.actor,
      coders: JSON.stringify(sorted),
      variables: JSON.stringify(variables),
      overlap: input.overlap,
      raters_per_overlap: r,
      seed: input.seed,
      codebook_version: CODEBOOK.version,
      closed_at: null,
      closed_by: null,
    };
    await trx.insertInto('coding_round').values(row).execute();
    const rows = assignments.flatMap((a) => a.coders.map((coder) => ({ round_id: id, series_id: a.unit, coder, overlap: a.overlap ? 1 : 0 })));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx.insertInto('coding_assignment').values(rows.slice(i, i + INSERT_CHUNK)).execute();
    const summary = assignmentSummary(assignments, sorted);
    await appendAudit(trx, {
      actor: input.actor,
      action: 'coding.round.create',
      object: `round:${id}`,
      detail: { sample: input.sampleId, coders: sorted, variables, overlap: input.overlap, ratersPerOverlap: r, seed: input.seed, units: units.length, overlapUnits: summary.overlapUnits },
    });
    return { round: roundFromRow(row), units: units.length, overlapUnits: summary.overlapUnits, workload: summary.workload, pairs: summary.pairs, assignments };
  });
}

export async function listRounds(store: Store): Promise<CodingRound[]> {
  const rows = await store.db.selectFrom('coding_round').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(roundFromRow);
}

/** The round's assignments: series id, key and coders, in series-key order. */
export async function roundAssignments(store: Store, roundId: string): Promise<{ seriesId: number; seriesKey: string; coder: string; overlap: boolean }[]> {
  const rows = await store.db
    .selectFrom('coding_assignment')
    .innerJoin('series', 'series.id', 'coding_assignment.series_id')
    .select(['coding_assignment.series_id', 'series.key', 'coding_assignment.coder', 'coding_assignment.overlap'])
    .where('coding_assignment.round_id', '=', roundId)
    .orderBy('series.key')
    .orderBy('coding_assignment.coder')
    .execute();
  return rows.map((x) => ({ seriesId: x.series_id, seriesKey: x.key, coder: x.coder, overlap: x.overlap === 1 }));
}

/**
 * Closes a round when nothing blocks it (every coder finished, no unresolved disagreement);
 * otherwise VDX_ROUND_INVALID listing the blockers. Records closed_at/by and `coding.round.close`.
 */
export async function closeRound(store: Store, id: string, actor: string, at: string = new Date().toISOString()): Promise<CodingRound> {
  const round = await loadRound(store, id);
  if (round.closedAt) throw invalid(`round ${id} was already closed on ${round.closedAt} by ${round.closedBy}`);
  const status = await roundStatus(store, id);
  if (status.blockers.length) throw new VindexError('VDX_ROUND_INVALID', `round ${id} cannot be closed yet:\n  ${status.blockers.join('\n  ')}`, status.blockers);
  await store.db.transaction().execute(async (trx) => {
    const res = await trx.updateTable('coding_round').set({ closed_at: at, closed_by: actor }).where('id', '=', id).where('closed_at', 'is', null).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw invalid(`round ${id} was closed meanwhile`);
    await appendAudit(trx, { actor, action: 'coding.round.close', object: `round:${id}`, detail: { units: status.overall.unitsAssigned, values: status.overall.valuesCoded } });
  });
  return loadRound(store, id);
}
