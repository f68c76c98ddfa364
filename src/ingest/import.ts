/**
 * Importing coded metadata, all or nothing:
 *
 *   files → fingerprint (content hash, media bytes) → skip files already imported
 *         → read records (CSV | JSON Lines) → guard fields (imagery, links, blobs)
 *         → validate against the codebook → pseudonymise identifiers
 *         → write in one transaction → check references → record the batch → commit
 *
 * Any problem in any file rolls the whole import back and is reported with file, line, field,
 * value and what is allowed (the first 50, then a count).
 */
import { extname, basename } from 'node:path';
import { appendAudit, resolveActor } from '../audit/index.ts';
import { CODEBOOK, compileRecordValidator, type CodedRecord, type EntityName, type RecordValidator } from '../codebook/index.ts';
import { VindexError } from '../errors.ts';
import { columnOf, type BulkWriter, type EntityTable, type Store } from '../store/index.ts';
import { fingerprint, lineOfOffset } from './fingerprint.ts';
import { checkFieldValue, MEDIA_COLUMN } from './imagery-guard.ts';
import { formatIssues, IssueLog, type ImportIssue } from './issues.ts';
import { Pseudonymiser } from './pseudonymise.ts';
import { readCsv } from './readers/csv.ts';
import { readJsonl } from './readers/jsonl.ts';
import { MalformedRowError, type RawRecord, type RecordBatches } from './readers/types.ts';

export type ImportFormat = 'csv' | 'jsonl';

export interface ImportProgress {
  readonly phase: 'scan' | 'import';
  readonly file: string;
  readonly bytes: number;
  readonly totalBytes: number;
}

export interface ImportOptions {
  readonly store: Store;
  readonly files: readonly string[];
  /** Dates after this (YYYY-MM-DD) are refused; defaults to today (UTC). */
  readonly today?: string;
  readonly onProgress?: (p: ImportProgress) => void;
  /** Who imports, for the audit log (default: resolveActor(), i.e. $VINDEX_USER or the OS user). */
  readonly actor?: string;
}

export interface FileSummary {
  readonly file: string;
  readonly format: ImportFormat;
  readonly contentHash: string;
  readonly status: 'imported' | 'already-imported';
  readonly sources: number;
  readonly series: number;
  readonly victims: number;
  readonly offenders: number;
}

const ENTITIES: readonly EntityName[] = ['source', 'series', 'victim', 'offender'];
const BATCH_ROWS = 4096;

export function formatOf(file: string): ImportFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new VindexError('VDX_IMPORT_FORMAT', `${file}: cannot tell the format from the extension "${ext}"`);
}

/** How one entity's validated values become a table row. */
interface TablePlan {
  readonly table: EntityTable;
  readonly columns: readonly string[];
  readonly variables: readonly string[];
}

function planFor(entity: EntityName): TablePlan {
  const e = CODEBOOK.entities.find((x) => x.name === entity)!;
  const own = e.variables.filter((v) => v.type !== 'identifier' && !(entity === 'series' && v.name === 'series.source') && !(entity === 'source' && v.name === 'source.code'));
  const lead = entity === 'source' ? ['code'] : entity === 'series' ? ['id', 'key', 'source'] : ['key', 'series_key', 'series_id'];
  return {
    table: entity,
    columns: [...lead, ...own.map((v) => columnOf(v.name)), ...(entity === 'source' ? [] : ['batch'])],
    variables: own.map((v) => v.name),
  };
}

class Buffered {
  rows: unknown[][] = [];
  lines: number[] = [];
  /** The external id of each buffered row, kept only to name a duplicate in its error message. */
  ids: string[] = [];
  written = 0;
  constructor(readonly plan: TablePlan) {}
}

/** Imports files into the store in one transaction; throws VindexError with every problem on failure. */
export async function importFiles(options: ImportOptions): Promise<FileSummary[]> {
  const { store, files } = options;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const validators = new Map<EntityName, RecordValidator & { accepted: ReadonlySet<string> }>(
    ENTITIES.map((e) => [e, compileRecordValidator(CODEBOOK, e, { today })]),
  );
  const allColumns = new Set<string>(['record', ...[...validators.values()].flatMap((v) => [...v.accepted]), 'victim.severity', 'victim.severityAmbiguous']);

  // Phase 1: fingerprints; media bytes refuse the whole import before anything is parsed.
  const prints = [];
  for (const file of files) {
    const format = formatOf(file);
    let fp;
    try {
      fp = await fingerprint(file, (bytes) => options.onProgress?.({ phase: 'scan', file, bytes, totalBytes: bytes }));
    } catch (e) {
      throw new VindexError('VDX_FILE_NOT_FOUND', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (fp.media) {
      const line = await lineOfOffset(file, fp.media.offset);
      const issue: ImportIssue = { kind: 'imagery', file, row: line, field: null, value: null, message: `contains ${fp.media.format} data (byte ${fp.media.offset}); Vindex accepts no images or video`, allowed: null };
      throw new VindexError('VDX_IMPORT_IMAGERY', `refused ${file}: it carries ${fp.media.format} bytes at line ${line}; nothing was written`, [issue]);
    }
    prints.push({ file, format, ...fp });
  }
  const known = new Set(
    prints.length
      ? (await store.db.selectFrom('import_batch').select('content_hash').where('content_hash', 'in', prints.map((p) => p.contentHash)).execute()).map((r) => r.content_hash)
      : [],
  );

  const pseudo = new Pseudonymiser(store.secret());
  const log = new IssueLog();
  const writer = store.bulkWriter();
  const summaries: FileSummary[] = [];
  const refs: RefState = { seriesIds: new Map(), nextSeriesId: 0, deferred: [], sourceKinds: new Map() };
  const sourceKinds = refs.sourceKinds;
  const thisImport = new Set<string>();

  await writer.begin();
  try {
    refs.nextSeriesId = (await writer.maxSeriesId()) + 1;
    for (const p of prints) {
      if (known.has(p.contentHash) || thisImport.has(p.contentHash)) {
        summaries.push({ file: p.file, format: p.format, contentHash: p.contentHash, status: 'already-imported', sources: 0, series: 0, victims: 0, offenders: 0 });
        continue;
      }
      thisImport.add(p.contentHash);
      const buffers = new Map<EntityName, Buffered>(ENTITIES.map((e) => [e, new Buffered(planFor(e))]));
      const counts = { source: 0, series: 0, victim: 0, offender: 0 };
      const flush = async (b: Buffered): Promise<void> => {
        if (!b.rows.length) return;
        if (log.ok) {
          const dups = await writer.insert(b.plan.table, b.plan.columns, b.rows);
          for (const i of dups) {
            const field = b.plan.table === 'series' ? 'series.id' : `${b.plan.table}.id`;
            log.add({ kind: 'duplicate', file: p.file, row: b.lines[i]!, field, value: b.ids[i]!, message: `this ${b.plan.table} is already in the store or earlier in the import`, allowed: 'each identifier once per source' });
          }
        }
        b.written += b.rows.length;
        b.rows = [];
        b.lines = [];
        b.ids = [];
      };
      const onBytes = (bytes: number): void => options.onProgress?.({ phase: 'import', file: p.file, bytes, totalBytes: p.bytes });
      const checkColumns = (cols: readonly string[], line: number): void => {
        for (const c of cols) {
          if (allColumns.has(c)) continue;
          const media = MEDIA_COLUMN.test(c);
          log.add({ kind: media ? 'free-text' : 'unknown-column', file: p.file, row: line, field: c, value: null, message: media ? 'is not a codebook variable and looks like media, a link or free text; Vindex accepts codes only' : 'is not a codebook variable', allowed: 'record and the variables of docs/codebook.md' });
        }
      };
      const batches: RecordBatches = p.format === 'csv' ? readCsv(p.file, (cols) => checkColumns(cols, 1), onBytes) : readJsonl(p.file, onBytes);
      try {
        for await (const batch of batches) for (const rec of batch) {
          if (p.format === 'jsonl') checkColumns(Object.keys(rec.fields).filter((k) => !allColumns.has(k)), rec.line);
          const entity = acceptRecord(rec, p.file, validators, log);
          if (!entity) continue;
          const { name, values } = entity;
          const b = buffers.get(name)!;
          counts[name]++;
          if (name === 'source') {
            sourceKinds.set(String(values['source.code']), (values['source.kind'] as string | null) ?? null);
            continue;
          }
          if (!log.ok) continue; // keep validating to report every problem, but build no rows
          const row = toRow(name, values, b.plan, pseudo, p.contentHash, refs, p.file, rec.line);
          if (!row) continue; // its series is not known yet: resolved after every file is read
          b.rows.push(row);
          b.lines.push(rec.line);
          b.ids.push(String(values[`${name}.id`]));
          if (b.rows.length >= BATCH_ROWS) await flush(b);
        }
      } catch (e) {
        if (e instanceof MalformedRowError) log.add({ kind: 'malformed', file: p.file, row: e.line, field: null, value: null, message: e.message, allowed: p.format === 'csv' ? 'RFC 4180 CSV with a header row' : 'one JSON object per line' });
        else throw e;
      }
      for (const b of buffers.values()) await flush(b);
      if (log.ok) {
        await writer.insert('import_batch', ['content_hash', 'file_name', 'format', 'imported_at', 'codebook_version', 'sources', 'series', 'victims', 'offenders'], [
          [p.contentHash, basename(p.file), p.format, new Date().toISOString(), CODEBOOK.version, counts.source, counts.series, counts.victim, counts.offender],
        ]);
      }
      summaries.push({ file: p.file, format: p.format, contentHash: p.contentHash, status: 'imported', sources: counts.source, series: counts.series, victims: counts.victim, offenders: counts.offender });
    }
    if (log.ok && refs.deferred.length) await resolveDeferred(refs, writer, log);
    if (log.ok && sourceKinds.size) {
      await writer.insert('source', ['code', 'kind'], [...sourceKinds].map(([code, kind]) => [code, kind]));
    }
    if (!log.ok) {
      await writer.rollback();
      const imagery = log.issues.some((i) => i.kind === 'imagery');
      throw new VindexError(
        imagery ? 'VDX_IMPORT_IMAGERY' : 'VDX_IMPORT_INVALID',
        `${log.total} problem(s); nothing was written.\n${formatIssues(log)}`,
        log.issues,
      );
    }
    const imported = summaries.filter((f) => f.status === 'imported');
    if (imported.length) {
      const actor = options.actor ?? resolveActor();
      for (const f of imported) {
        await appendAudit(writer.db, { actor, action: 'import', object: `batch:${f.contentHash}`, detail: { file: basename(f.file), format: f.format, sources: f.sources, series: f.series, victims: f.victims, offenders: f.offenders } });
      }
    }
    await writer.commit();
    return summaries;
  } catch (e) {
    await writer.rollback();
    throw e;
  }
}

/** Guards and validates one record; returns its entity and coded values, or null after logging issues. */
function acceptRecord(
  rec: RawRecord,
  file: string,
  validators: ReadonlyMap<EntityName, RecordValidator & { accepted: ReadonlySet<string> }>,
  log: IssueLog,
): { name: EntityName; values: CodedRecord } | null {
  let bad = false;
  const fields = rec.fields;
  for (const field in fields) {
    const raw = fields[field];
    if (typeof raw !== 'string') continue;
    const verdict = checkFieldValue(raw);
    if (verdict) {
      log.add({ kind: verdict.kind, file, row: rec.line, field, value: raw, message: verdict.message, allowed: null });
      bad = true;
    }
  }
  if (bad) return null;
  const kind = String(rec.fields.record ?? '').trim().toLowerCase() as EntityName;
  const validator = validators.get(kind);
  if (!validator) {
    log.add({ kind: 'unknown-record', file, row: rec.line, field: 'record', value: rec.fields.record === undefined ? null : String(rec.fields.record), message: rec.fields.record === undefined ? 'is required' : 'is not a record type', allowed: 'source, series, victim, offender' });
    return null;
  }
  for (const field in fields) {
    if (field !== 'record' && !validator.accepted.has(field) && !(kind === 'victim' && (field === 'victim.severity' || field === 'victim.severityAmbiguous'))) {
      const raw = rec.fields[field];
      // Blank is empty, as in CSV (JSON Lines written from a table may carry "" for every empty cell).
      if (field.includes('.') && raw !== null && raw !== undefined && !(typeof raw === 'string' && raw.trim() === '')) {
        log.add({ kind: 'invalid-value', file, row: rec.line, field, value: String(rec.fields[field]), message: `does not belong to a ${kind} record`, allowed: 'leave it empty on this row' });
        bad = true;
      }
    }
  }
  const { values, problems } = validator(rec.fields);
  for (const pr of problems) log.add({ kind: 'invalid-value', file, row: rec.line, field: pr.field, value: pr.value === null || pr.value === undefined ? null : String(pr.value), message: pr.message, allowed: pr.allowed });
  return bad || problems.length ? null : { name: kind, values };
}

/** A victim or offender row read before its series: its series id is filled in at the end. */
interface DeferredRow {
  readonly table: 'victim' | 'offender';
  readonly columns: readonly string[];
  readonly row: unknown[];
  readonly seriesKey: string;
  readonly file: string;
  readonly line: number;
  readonly value: string;
}

interface RefState {
  /** Series of this import: keyed hash → surrogate id. */
  readonly seriesIds: Map<string, number>;
  nextSeriesId: number;
  readonly deferred: DeferredRow[];
  readonly sourceKinds: Map<string, string | null>;
}

/** Gives deferred rows their series id (from this import or the store); a series found nowhere is an orphan. */
async function resolveDeferred(refs: RefState, writer: BulkWriter, log: IssueLog): Promise<void> {
  const unknown = [...new Set(refs.deferred.map((d) => d.seriesKey).filter((k) => !refs.seriesIds.has(k)))];
  const stored = unknown.length ? await writer.seriesIds(unknown) : new Map<string, number>();
  const byTable = new Map<string, { table: 'victim' | 'offender'; columns: readonly string[]; rows: unknown[][]; where: DeferredRow[] }>();
  for (const d of refs.deferred) {
    const id = refs.seriesIds.get(d.seriesKey) ?? stored.get(d.seriesKey);
    if (id === undefined) {
      log.add({ kind: 'orphan', file: d.file, row: d.line, field: 'series.id', value: d.value, message: 'names a series that is neither in this import nor in the store', allowed: 'series.source and series.id of an imported series' });
      continue;
    }
    d.row[2] = id;
    const group = byTable.get(d.table) ?? { table: d.table, columns: d.columns, rows: [], where: [] };
    group.rows.push(d.row);
    group.where.push(d);
    byTable.set(d.table, group);
  }
  if (!log.ok) return;
  for (const g of byTable.values()) {
    const dups = await writer.insert(g.table, g.columns, g.rows);
    for (const i of dups) log.add({ kind: 'duplicate', file: g.where[i]!.file, row: g.where[i]!.line, field: `${g.table}.id`, value: null, message: `this ${g.table} is already in the store or earlier in the import`, allowed: 'each identifier once per source' });
  }
}

/** A table row for a validated record; null when a victim/offender row must wait for its series (deferred). */
function toRow(entity: Exclude<EntityName, 'source'>, v: CodedRecord, plan: TablePlan, pseudo: Pseudonymiser, batch: string, refs: RefState, file: string, line: number): unknown[] | null {
  // Both layouts lead with three columns: [id, key, source] for series, [key, series_key, series_id] otherwise.
  // One array per row, filled in place: this runs once per record of a million-row file.
  const vars = plan.variables;
  const row = new Array<unknown>(3 + vars.length + 1);
  for (let i = 0; i < vars.length; i++) row[3 + i] = v[vars[i]!] ?? null;
  row[3 + vars.length] = batch;
  const source = String(v['series.source']);
  const seriesKey = pseudo.key('series', source, String(v['series.id']), true);
  if (!refs.sourceKinds.has(source)) refs.sourceKinds.set(source, null);
  if (entity === 'series') {
    const id = refs.nextSeriesId++;
    refs.seriesIds.set(seriesKey, id);
    row[0] = id;
    row[1] = seriesKey;
    row[2] = source;
    return row;
  }
  const seriesId = refs.seriesIds.get(seriesKey);
  row[0] = pseudo.key(entity, source, String(v[`${entity}.id`]));
  row[1] = seriesKey;
  row[2] = seriesId ?? null;
  if (seriesId !== undefined) return row;
  refs.deferred.push({ table: entity, columns: plan.columns, row, seriesKey, file, line, value: String(v['series.id']) });
  return null;
}
