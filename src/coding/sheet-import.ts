/**
 * Coder sheets in:
 *   imagery byte scan → read rows (CSV | JSON Lines) → guard fields → check every row against the
 *   round, the coder's assignment and the codebook (all problems collected) → one transaction of
 *   value upserts/removals + one audit entry `coding.sheet.import` per sheet.
 * Any problem in any file refuses all of them and writes nothing.
 */
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { appendAudit } from '../audit/index.ts';
import { CODEBOOK, findVariable, SCALE_CODES, type SeverityScale } from '../codebook/index.ts';
import { allowedText, FieldFailure } from '../codebook/compile.ts';
import { VindexError } from '../errors.ts';
import { fingerprint, lineOfOffset } from '../ingest/fingerprint.ts';
import { checkFieldValue, MEDIA_COLUMN } from '../ingest/imagery-guard.ts';
import { formatIssues, IssueLog, type ImportIssue } from '../ingest/issues.ts';
import { readCsv } from '../ingest/readers/csv.ts';
import { readJsonl } from '../ingest/readers/jsonl.ts';
import { MalformedRowError, type RawRecord } from '../ingest/readers/types.ts';
import type { Store } from '../store/store.ts';
import { SHEET_KEY_COLUMNS, sheetUnits, type SheetFormat } from './sheet-export.ts';
import { upsertCodingValues } from './upsert-values.ts';
import { codableVariable, loadRound, severityCodeOnScale, valueCheck, type CodableVariable, type CodingRound } from './variables.ts';

const REQUIRED_COLUMNS = ['round', 'coder', 'record', 'unit'] as const;
const KEY_COLUMNS: ReadonlySet<string> = new Set(SHEET_KEY_COLUMNS);

export interface SheetImportResult {
  readonly file: string;
  readonly round: string;
  readonly coder: string;
  /** SHA-256 of the file's bytes. */
  readonly sheetHash: string;
  /** Rows of the sheet (series and victims). */
  readonly units: number;
  /** Values written (new or changed). */
  readonly values: number;
  /** Values of this coder removed because their cell is now blank. */
  readonly removed: number;
  /** Cells coded in the sheet. */
  readonly coded: number;
  /** True when the sheet changed nothing (identical content imported again): nothing was written. */
  readonly unchanged: boolean;
}

interface Cell {
  readonly record: 'series' | 'victim';
  readonly unit: string;
  readonly seriesId: number;
  readonly variable: string;
  /** Canonical code, or null for a blank cell. */
  readonly value: string | null;
}

interface CheckedSheet {
  readonly file: string;
  readonly round: CodingRound;
  readonly coder: string;
  readonly hash: string;
  readonly rows: number;
  readonly cells: readonly Cell[];
}

function formatOf(file: string): SheetFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new VindexError('VDX_IMPORT_FORMAT', `${file}: a coder sheet must be .csv or .jsonl`);
}

const text = (raw: unknown): string | null => {
  if (raw === undefined || raw === null) return null;
  const s = String(raw).trim();
  return s === '' ? null : s;
};

/** Reads all rows of a sheet; a malformed row becomes an issue. Sheets are one coder's share of a sample, so they fit in memory. */
async function readRows(file: string, format: SheetFormat, log: IssueLog): Promise<{ header: string[] | null; rows: RawRecord[] }> {
  let header: string[] | null = null;
  const rows: RawRecord[] = [];
  try {
    const batches = format === 'csv' ? readCsv(file, (cols) => (header = [...cols])) : readJsonl(file);
    for await (const batch of batches) rows.push(...batch);
  } catch (e) {
    if (e instanceof MalformedRowError) log.add({ kind: 'malformed', file, row: e.line, field: null, value: null, message: e.message, allowed: null });
    else throw new VindexError('VDX_IMPORT_FORMAT', `${file} is not a readable ${format.toUpperCase()} file: ${(e as Error).message}`);
  }
  return { header, rows };
}

function checkColumn(file: string, line: number, column: string, round: CodingRound | null, log: IssueLog): boolean {
  if (KEY_COLUMNS.has(column) || round?.variables.includes(column)) return true;
  // Without a known round the variable columns cannot be judged; the unknown round is reported instead.
  if (round === null && findVariable(column)) return true;
  if (MEDIA_COLUMN.test(column) && !findVariable(column)) {
    log.add({ kind: 'free-text', file, row: line, field: column, value: null, message: 'looks like a media, link or free-text column; coder sheets carry codes only — remove it', allowed: null });
  } else {
    const why = round ? `is not a variable of round ${round.id}` : 'is not a sheet column';
    log.add({ kind: 'unknown-column', file, row: line, field: column, value: null, message: why, allowed: [...SHEET_KEY_COLUMNS, ...(round?.variables ?? [])].join(', ') });
  }
  return false;
}

/** The coder's assigned series (key → id) and their victims (key → series id and key), from the units of the coder's sheet. */
async function assignedUnits(store: Store, round: CodingRound, coder: string): Promise<{ series: Map<string, number>; victims: Map<string, { seriesId: number; seriesKey: string }> }> {
  const series = new Map<string, number>();
  const victims = new Map<string, { seriesId: number; seriesKey: string }>();
  for (const u of await sheetUnits(store, round, coder)) {
    if (u.record === 'series') series.set(u.unit, u.seriesId);
    else victims.set(u.unit, { seriesId: u.seriesId, seriesKey: u.series });
  }
  return { series, victims };
}

/** Which of these keys exist in the store at all (to tell "unknown unit" from "not assigned to this coder"). */
async function existingKeys(store: Store, record: 'series' | 'victim', keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const rows = record === 'series' ? await store.db.selectFrom('series').select('key').where('key', 'in', chunk).execute() : await store.db.selectFrom('victim').select('key').where('key', 'in', chunk).execute();
    for (const r of rows) found.add(r.key);
  }
  return found;
}

/** Validates one sheet completely, logging every problem; returns its cells when it has none. */
async function checkSheet(store: Store, file: string, log: IssueLog): Promise<CheckedSheet | null> {
  const before = log.total;
  const format = formatOf(file);
  const fp = await fingerprint(file);
  if (fp.media) {
    const line = await lineOfOffset(file, fp.media.offset);
    log.add({ kind: 'imagery', file, row: line, field: null, value: null, message: `contains ${fp.media.format} data (byte ${fp.media.offset}); Vindex accepts no images or video`, allowed: null });
    return null;
  }
  const { header, rows } = await readRows(file, format, log);

  // Field guard first: media, links and blobs are refused wherever they appear.
  const clean: RawRecord[] = [];
  for (const rec of rows) {
    let bad = false;
    for (const [field, raw] of Object.entries(rec.fields)) {
      if (typeof raw !== 'string') continue;
      const verdict = checkFieldValue(raw);
      if (verdict) {
        log.add({ kind: verdict.kind, file, row: rec.line, field, value: raw, message: verdict.message, allowed: null });
        bad = true;
      }
    }
    if (!bad) clean.push(rec);
  }

  // The round and coder: the first row's, and every row must agree.
  const first = clean.find((r) => text(r.fields.round) !== null);
  const roundId = first ? text(first.fields.round)! : null;
  let round: CodingRound | null = null;
  if (roundId !== null) {
    try {
      round = await loadRound(store, roundId);
    } catch (e) {
      if (!(e instanceof VindexError && e.code === 'VDX_ROUND_NOT_FOUND')) throw e;
      log.add({ kind: 'unknown-record', file, row: first!.line, field: 'round', value: roundId, message: 'is not a coding round of this store', allowed: null });
    }
  }
  if (round?.closedAt) log.add({ kind: 'invalid-value', file, row: first!.line, field: 'round', value: round.id, message: `round ${round.id} was closed on ${round.closedAt}; it takes no more sheets`, allowed: null });
  const firstCoder = clean.find((r) => text(r.fields.coder) !== null);
  const coder = firstCoder ? text(firstCoder.fields.coder)! : null;
  if (round && coder !== null && !round.coders.includes(coder)) {
    log.add({ kind: 'unknown-record', file, row: firstCoder!.line, field: 'coder', value: coder, message: `is not a coder of round ${round.id}`, allowed: round.coders.join(', ') });
  }

  // Columns: CSV once from the header, JSON Lines per row.
  if (header !== null) {
    const cols: string[] = header;
    for (const c of REQUIRED_COLUMNS) if (!cols.includes(c)) log.add({ kind: 'unknown-column', file, row: 1, field: c, value: null, message: 'is a required column and is missing', allowed: null });
    const seen = new Set<string>();
    for (const c of cols) {
      if (seen.has(c)) log.add({ kind: 'unknown-column', file, row: 1, field: c, value: null, message: 'appears twice in the header', allowed: null });
      seen.add(c);
      checkColumn(file, 1, c, round, log);
    }
  } else {
    for (const rec of clean) for (const c of Object.keys(rec.fields)) checkColumn(file, rec.line, c, round, log);
  }
  if (rows.length === 0) log.add({ kind: 'malformed', file, row: 0, field: null, value: null, message: 'has no rows', allowed: null });
  if (!round || coder === null || !round.coders.includes(coder)) {
    if (coder === null && rows.length) log.add({ kind: 'invalid-value', file, row: clean[0]?.line ?? 0, field: 'coder', value: null, message: 'is required', allowed: round?.coders.join(', ') ?? null });
    if (roundId === null && rows.length) log.add({ kind: 'invalid-value', file, row: clean[0]?.line ?? 0, field: 'round', value: null, message: 'is required', allowed: null });
    return null;
  }

  const assigned = await assignedUnits(store, round, coder);
  const vars = round.variables.map((v) => codableVariable(v));
  const cells: Cell[] = [];
  const seenUnits = new Map<string, number>();
  const unplaced: { rec: RawRecord; record: 'series' | 'victim'; unit: string }[] = [];
  for (const rec of clean) {
    const f = rec.fields;
    const r = text(f.round);
    if (r !== round.id) log.add({ kind: 'invalid-value', file, row: rec.line, field: 'round', value: r, message: r === null ? 'is required' : `differs from the sheet's round ${round.id}; one sheet holds one round`, allowed: round.id });
    const c = text(f.coder);
    if (c !== coder) log.add({ kind: 'invalid-value', file, row: rec.line, field: 'coder', value: c, message: c === null ? 'is required' : `differs from the sheet's coder ${coder}; one sheet holds one coder`, allowed: coder });
    const record = text(f.record)?.toLowerCase();
    if (record !== 'series' && record !== 'victim') {
      log.add({ kind: 'unknown-record', file, row: rec.line, field: 'record', value: text(f.record), message: text(f.record) === null ? 'is required' : 'is not a sheet record type', allowed: 'series, victim' });
      continue;
    }
    const unit = text(f.unit);
    if (unit === null) {
      log.add({ kind: 'invalid-value', file, row: rec.line, field: 'unit', value: null, message: 'is required', allowed: null });
      continue;
    }
    const dupKey = `${record}\u0000${unit}`;
    const firstLine = seenUnits.get(dupKey);
    if (firstLine !== undefined) {
      log.add({ kind: 'duplicate', file, row: rec.line, field: 'unit', value: unit, message: `repeats the ${record} of line ${firstLine}; give each unit once`, allowed: null });
      continue;
    }
    seenUnits.set(dupKey, rec.line);
    let seriesId: number | undefined;
    let seriesKey: string | undefined;
    if (record === 'series') {
      seriesId = assigned.series.get(unit);
      seriesKey = unit;
    } else {
      const v = assigned.victims.get(unit);
      seriesId = v?.seriesId;
      seriesKey = v?.seriesKey;
    }
    if (seriesId === undefined) {
      unplaced.push({ rec, record, unit });
      continue;
    }
    const givenSeries = text(f.series);
    if (givenSeries !== null && givenSeries !== seriesKey) log.add({ kind: 'invalid-value', file, row: rec.line, field: 'series', value: givenSeries, message: `is not the series of this ${record}`, allowed: seriesKey ?? null });
    checkValues(file, rec, record, unit, seriesId, vars, log, cells);
  }
  if (unplaced.length) {
    for (const record of ['series', 'victim'] as const) {
      const keys = unplaced.filter((u) => u.record === record).map((u) => u.unit);
      const exists = await existingKeys(store, record, keys);
      for (const u of unplaced.filter((x) => x.record === record)) {
        const known = exists.has(u.unit);
        const message = known
          ? record === 'series'
            ? `is not assigned to ${coder} in round ${round.id}`
            : `is a victim of a series not assigned to ${coder} in round ${round.id}`
          : `is not a ${record} of this store`;
        log.add({ kind: 'orphan', file, row: u.rec.line, field: 'unit', value: u.unit, message, allowed: null });
      }
    }
  }
  if (log.total > before) return null;
  return { file, round, coder, hash: fp.contentHash, rows: rows.length, cells };
}

/** Canonicalises every cell of a row and checks it against its record type and the severity crosswalk. */
function checkValues(file: string, rec: RawRecord, record: 'series' | 'victim', unit: string, seriesId: number, vars: readonly CodableVariable[], log: IssueLog, cells: Cell[]): void {
  const row: Record<string, string | null> = {};
  for (const v of vars) {
    const raw = rec.fields[v.name];
    if (v.record !== record) {
      if (text(raw) !== null) log.add({ kind: 'invalid-value', file, row: rec.line, field: v.name, value: String(raw), message: `is a ${v.record} variable; leave it empty on a ${record} row`, allowed: null });
      continue;
    }
    if (text(raw) === null) {
      row[v.name] = null;
      continue;
    }
    const checked = valueCheck(v.name)(raw);
    if (checked instanceof FieldFailure || checked === null) {
      log.add({ kind: 'invalid-value', file, row: rec.line, field: v.name, value: String(raw), message: checked instanceof FieldFailure ? checked.message : 'is not a code of this variable', allowed: allowedText(findVariable(v.name)!) });
      continue;
    }
    row[v.name] = String(checked);
  }
  // Severity: the crosswalk's rules (src/codebook/severity.ts), read on the scale coded on the same row.
  const code = row['victim.severityCode'];
  if (code !== undefined && code !== null) {
    const scale = row['victim.severityScale'];
    const read = scale === null || scale === undefined ? null : severityCodeOnScale(code, scale);
    if (read === null) {
      log.add({ kind: 'invalid-value', file, row: rec.line, field: 'victim.severityScale', value: null, message: 'is needed to read the severity code on this row', allowed: 'copine, sap, uk, notDeterminable' });
    } else if (read.fault === 'needs-nd') {
      log.add({ kind: 'invalid-value', file, row: rec.line, field: 'victim.severityCode', value: code, message: 'must be notDeterminable when the scale is not determinable', allowed: 'notDeterminable' });
    } else if (read.fault === 'not-on-scale') {
      log.add({ kind: 'invalid-value', file, row: rec.line, field: 'victim.severityCode', value: code, message: `is not a code of the ${scale} scale`, allowed: SCALE_CODES[scale as SeverityScale].join(', ') });
    } else row['victim.severityCode'] = read.code;
  }
  for (const v of vars) if (v.name in row) cells.push({ record, unit, seriesId, variable: v.name, value: row[v.name]! });
}

/**
 * Imports coder sheets. Every file is checked in full first; any problem refuses all of them with
 * VDX_SHEET_INVALID (VDX_IMPORT_IMAGERY for media), listing file, line, field, value and what is
 * allowed, and nothing is written. Otherwise, per sheet: coded cells are upserted (only new or
 * changed values are written), blank cells remove a value the coder gave before (the sheet is the
 * coder's current coding of its rows), and an audit entry is appended — all in one transaction.
 */
export async function importSheets(store: Store, files: readonly string[], options: { actor: string; now?: string }): Promise<SheetImportResult[]> {
  if (files.length === 0) throw new VindexError('VDX_USAGE', 'name at least one sheet file');
  for (const f of files) if (!existsSync(f)) throw new VindexError('VDX_FILE_NOT_FOUND', `cannot read ${f}: no such file`);
  const log = new IssueLog();
  const sheets: CheckedSheet[] = [];
  const pairs = new Map<string, string>();
  for (const file of files) {
    const s = await checkSheet(store, file, log);
    if (!s) continue;
    const k = `${s.round.id}\u0000${s.coder}`;
    if (pairs.has(k)) log.add({ kind: 'duplicate', file, row: 0, field: null, value: null, message: `is a second sheet of ${s.coder} in round ${s.round.id} (also ${pairs.get(k)}); import one at a time`, allowed: null });
    pairs.set(k, file);
    sheets.push(s);
  }
  if (!log.ok) {
    const imagery = log.issues.some((i) => i.kind === 'imagery');
    const names = files.map((f) => basename(f)).join(', ');
    throw new VindexError(imagery ? 'VDX_IMPORT_IMAGERY' : 'VDX_SHEET_INVALID', `refused ${names}: ${log.total} problem(s); nothing was written\n${formatIssues(log)}`, log.issues as ImportIssue[]);
  }
  const now = options.now ?? new Date().toISOString();
  return store.db.transaction().execute(async (trx) => {
    const results: SheetImportResult[] = [];
    for (const s of sheets) {
      // The round may have been closed since the sheet was checked.
      const state = await trx.selectFrom('coding_round').select('closed_at').where('id', '=', s.round.id).executeTakeFirstOrThrow();
      if (state.closed_at) throw new VindexError('VDX_SHEET_INVALID', `refused ${basename(s.file)}: round ${s.round.id} was closed on ${state.closed_at}; nothing was written`);
      const existing = await trx
        .selectFrom('coding_value')
        .select(['record', 'unit_key', 'variable', 'value'])
        .where('round_id', '=', s.round.id)
        .where('coder', '=', s.coder)
        .execute();
      const old = new Map(existing.map((e) => [`${e.record}\u0000${e.unit_key}\u0000${e.variable}`, e.value]));
      const writes = s.cells.filter((c) => c.value !== null && old.get(`${c.record}\u0000${c.unit}\u0000${c.variable}`) !== c.value);
      const removals = s.cells.filter((c) => c.value === null && old.has(`${c.record}\u0000${c.unit}\u0000${c.variable}`));
      const coded = s.cells.filter((c) => c.value !== null).length;
      const base = { file: s.file, round: s.round.id, coder: s.coder, sheetHash: s.hash, units: s.rows, coded };
      if (writes.length === 0 && removals.length === 0) {
        results.push({ ...base, values: 0, removed: 0, unchanged: true });
        continue;
      }
      for (let i = 0; i < writes.length; i += 500) {
        const rows = writes.slice(i, i + 500).map((c) => ({
          round_id: s.round.id,
          record: c.record,
          unit_key: c.unit,
          series_id: c.seriesId,
          coder: s.coder,
          variable: c.variable,
          value: c.value!,
          coded_at: now,
          codebook_version: CODEBOOK.version,
          sheet_hash: s.hash,
        }));
        await upsertCodingValues(trx, rows);
      }
      for (const c of removals) {
        await trx.deleteFrom('coding_value').where('round_id', '=', s.round.id).where('record', '=', c.record).where('unit_key', '=', c.unit).where('coder', '=', s.coder).where('variable', '=', c.variable).execute();
      }
      await appendAudit(trx, {
        actor: options.actor,
        action: 'coding.sheet.import',
        object: `round:${s.round.id}/coder:${s.coder}`,
        detail: { round: s.round.id, coder: s.coder, sheetHash: s.hash, values: writes.length, removed: removals.length, units: s.rows },
      });
      results.push({ ...base, values: writes.length, removed: removals.length, unchanged: false });
    }
    return results;
  });
}
