/**
 * Adjudication: a decided value for a unit × variable of a round, overriding the coders. Reasons
 * are codes from a fixed list, never free text. All decisions of a call are one transaction with
 * one audit entry each; any problem refuses all of them.
 */
import { appendAudit, checkName } from '../audit/index.ts';
import { CODEBOOK, findVariable, SCALE_CODES, type SeverityScale } from '../codebook/index.ts';
import { allowedText, FieldFailure } from '../codebook/compile.ts';
import { VindexError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { cellKey, groupByCell, loadRoundCodings, type Coding } from './codings.ts';
import { CODABLE_VARIABLES, severityCodeOnScale, valueCheck } from './variables.ts';

export const ADJUDICATION_REASONS = ['majority', 'codebook-rule', 'coder-error', 'consensus', 'source-record', 'other'] as const;
export type AdjudicationReason = (typeof ADJUDICATION_REASONS)[number];

export interface AdjudicationDecision {
  readonly unitKey: string;
  readonly variable: string;
  /** A code, label or alias of the variable; stored canonical. */
  readonly value: string;
  readonly reason: string;
  /** Line of a decisions file, for error messages. */
  readonly line?: number;
}

export interface AdjudicationRequest {
  readonly roundId: string;
  readonly decisions: readonly AdjudicationDecision[];
  readonly actor: string;
  /** Decisions file, named in error messages. */
  readonly file?: string;
  /** Decision time (default now). */
  readonly now?: string;
}

export interface AdjudicationOutcome {
  readonly record: 'series' | 'victim';
  readonly unitKey: string;
  readonly variable: string;
  readonly value: string;
  readonly previous: string | null;
  readonly reason: AdjudicationReason;
  readonly coderValues: Readonly<Record<string, string>>;
}

const RECORD_OF = new Map(CODABLE_VARIABLES.map((v) => [v.name, v.record]));

/**
 * Records adjudications. Each decision's variable must be a variable of the round and its unit
 * must have been coded for it in the round; the value is checked and canonicalised as sheets are
 * (a severity code against the scale decided in the same call, else the adjudicated scale, else the
 * scale all coders gave); the reason must be one of ADJUDICATION_REASONS. An adjudication replaces
 * an earlier one of the same unit × variable (the audit log keeps both). A closed round is refused.
 */
export async function adjudicate(store: Store, request: AdjudicationRequest): Promise<AdjudicationOutcome[]> {
  const actor = checkName(request.actor, 'adjudicator');
  const { round, codings, adjudications } = await loadRoundCodings(store, request.roundId);
  if (round.closedAt) throw new VindexError('VDX_ADJUDICATION_INVALID', `round ${round.id} was closed on ${round.closedAt}; it takes no more adjudications`);
  if (request.decisions.length === 0) throw new VindexError('VDX_USAGE', 'give at least one decision');
  const cells = groupByCell(codings);
  const where = (d: AdjudicationDecision, i: number, field: string): string => `${request.file ?? 'decision'}${request.file ? `, line ${d.line ?? i + 1}` : ` ${i + 1}`}, field ${field}`;
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const checked: { d: AdjudicationDecision; record: 'series' | 'victim'; cell: Coding[]; value: string | null; index: number }[] = [];

  request.decisions.forEach((d, i) => {
    if (!(ADJUDICATION_REASONS as readonly string[]).includes(d.reason)) problems.push(`${where(d, i, 'reason')}: "${d.reason}" is not an adjudication reason; allowed: ${ADJUDICATION_REASONS.join(', ')}`);
    const record = RECORD_OF.get(d.variable);
    if (!record || !round.variables.includes(d.variable)) {
      problems.push(`${where(d, i, 'variable')}: "${d.variable}" is not a variable of round ${round.id}; allowed: ${round.variables.join(', ')}`);
      return;
    }
    const k = cellKey(record, d.unitKey, d.variable);
    const cell = cells.get(k);
    if (!cell) {
      problems.push(`${where(d, i, 'unit')}: ${record} "${d.unitKey}" has no coded ${d.variable} in round ${round.id}`);
      return;
    }
    if (seen.has(k)) problems.push(`${where(d, i, 'unit')}: decides ${d.variable} of ${d.unitKey} a second time (also decision ${seen.get(k)! + 1}); give each unit × variable once`);
    seen.set(k, i);
    let value: string | null = null;
    if (d.variable !== 'victim.severityCode') {
      const v = valueCheck(d.variable)(d.value);
      if (v instanceof FieldFailure || v === null) problems.push(`${where(d, i, 'value')}: "${d.value}" ${v instanceof FieldFailure ? v.message : 'is not a code of this variable'}; allowed: ${allowedText(findVariable(d.variable)!)}`);
      else value = String(v);
    }
    checked.push({ d, record, cell, value, index: i });
  });

  // Severity codes are read on a scale: the one decided now, else adjudicated, else the coders' common scale.
  for (const c of checked) {
    if (c.d.variable !== 'victim.severityCode') continue;
    const raw = c.d.value.trim();
    const decided = checked.find((o) => o.d.variable === 'victim.severityScale' && o.d.unitKey === c.d.unitKey)?.value;
    const adjudicated = adjudications.get(cellKey('victim', c.d.unitKey, 'victim.severityScale'))?.value;
    const coded = [...new Set((cells.get(cellKey('victim', c.d.unitKey, 'victim.severityScale')) ?? []).map((x) => x.value))];
    const scale = decided ?? adjudicated ?? (coded.length === 1 ? coded[0] : undefined);
    const read = scale === undefined ? null : severityCodeOnScale(raw, scale);
    if (read === null) problems.push(`${where(c.d, c.index, 'value')}: the coders disagree on victim.severityScale of ${c.d.unitKey}; adjudicate the scale first or in the same decisions`);
    else if (read.fault === 'needs-nd') problems.push(`${where(c.d, c.index, 'value')}: must be notDeterminable when the scale is not determinable`);
    else if (read.fault === 'not-on-scale') problems.push(`${where(c.d, c.index, 'value')}: "${raw}" is not a code of the ${scale} scale; allowed: ${SCALE_CODES[scale as SeverityScale].join(', ')}, notDeterminable`);
    else c.value = read.code;
  }
  if (problems.length > 0) throw new VindexError('VDX_ADJUDICATION_INVALID', `${problems.length} problem(s); nothing was adjudicated:\n  ${problems.join('\n  ')}`);

  const now = request.now ?? new Date().toISOString();
  return store.db.transaction().execute(async (trx) => {
    const out: AdjudicationOutcome[] = [];
    for (const c of checked) {
      const value = c.value!;
      const previous = adjudications.get(cellKey(c.record, c.d.unitKey, c.d.variable))?.value ?? null;
      const coderValues = Object.fromEntries(c.cell.map((x) => [x.coder, x.value]));
      const row = { round_id: round.id, record: c.record, unit_key: c.d.unitKey, series_id: c.cell[0]!.seriesId, variable: c.d.variable, value, reason: c.d.reason, adjudicator: actor, decided_at: now, codebook_version: CODEBOOK.version };
      await trx
        .insertInto('adjudication')
        .values(row)
        .onConflict((oc) => oc.columns(['round_id', 'record', 'unit_key', 'variable']).doUpdateSet({ value, reason: c.d.reason, adjudicator: actor, decided_at: now, codebook_version: CODEBOOK.version }))
        .execute();
      await appendAudit(trx, { actor, action: 'coding.adjudicate', object: `round:${round.id}/${c.record}:${c.d.unitKey}/${c.d.variable}`, detail: { value, previous, reason: c.d.reason, coderValues } }, now);
      out.push({ record: c.record, unitKey: c.d.unitKey, variable: c.d.variable, value, previous, reason: c.d.reason as AdjudicationReason, coderValues });
    }
    return out;
  });
}
