/**
 * Imports from an uploaded body: the bytes go to a private temporary file carrying the given name
 * (the importer tells CSV from JSON Lines by the extension, and the audit log records the name),
 * then through importFiles exactly as `vindex import` runs it — same checks, same audit entry
 * `import` with the signed-in user as actor, all or nothing. The temporary file is removed
 * afterwards whatever happens. Row-level problems come back as data, named by the uploaded name.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VindexError } from '../../errors.ts';
import { importFiles, MAX_REPORTED_ISSUES, type FileSummary, type ImportIssue, type ImportProgress } from '../../ingest/index.ts';
import type { Store } from '../../store/index.ts';

/** A plain file name ending in .csv or .jsonl: no directories, no leading dot. */
const UPLOAD_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const EXTENSIONS = ['.csv', '.jsonl'];

export interface UploadInput {
  readonly name: string;
  readonly body: Buffer;
  readonly actor: string;
  readonly onProgress?: (p: ImportProgress) => void;
  /** Dates after this (YYYY-MM-DD) are refused; default today (UTC), as importFiles. */
  readonly today?: string;
}

/** The details of a refused import: the first MAX_REPORTED_ISSUES row-level issues. */
export interface ImportRefusal {
  readonly file: string;
  readonly issues: readonly ImportIssue[];
}

/** Checks the upload's name: VDX_USAGE for a path or odd characters, VDX_IMPORT_FORMAT for another extension. */
export function checkUploadName(name: string): string {
  if (!UPLOAD_NAME.test(name)) throw new VindexError('VDX_USAGE', `name "${name}" is not a plain file name (letters, digits, ".", "_" and "-", at most 128, no folders)`);
  if (!EXTENSIONS.some((e) => name.toLowerCase().endsWith(e))) throw new VindexError('VDX_IMPORT_FORMAT', `name "${name}" must end in .csv or .jsonl`);
  return name;
}

/** Imports one uploaded file; the summary names it by its uploaded name. */
export async function importUpload(store: Store, input: UploadInput): Promise<FileSummary> {
  const name = checkUploadName(input.name);
  if (input.body.length === 0) throw new VindexError('VDX_IMPORT_FORMAT', `${name} is empty`);
  // mkdtemp makes the folder 0700; the file is 0600: nobody else on the machine reads the upload.
  const dir = mkdtempSync(join(tmpdir(), 'vindex-upload-'));
  const path = join(dir, name);
  const rename = (text: string): string => text.split(path).join(name);
  try {
    writeFileSync(path, input.body, { mode: 0o600 });
    const [summary] = await importFiles({
      store,
      files: [path],
      actor: input.actor,
      ...(input.today === undefined ? {} : { today: input.today }),
      ...(input.onProgress ? { onProgress: (p: ImportProgress) => input.onProgress!({ ...p, file: name }) } : {}),
    });
    return { ...summary!, file: name };
  } catch (e) {
    if (e instanceof VindexError && Array.isArray(e.details)) {
      const issues = (e.details as ImportIssue[]).slice(0, MAX_REPORTED_ISSUES).map((i) => ({ ...i, file: rename(i.file) }));
      const refusal: ImportRefusal = { file: name, issues };
      throw new VindexError(e.code, rename(e.message), refusal);
    }
    if (e instanceof VindexError) throw new VindexError(e.code, rename(e.message), e.details);
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ImportBatch {
  readonly contentHash: string;
  readonly fileName: string;
  readonly format: string;
  readonly importedAt: string;
  readonly codebookVersion: string;
  readonly sources: number;
  readonly series: number;
  readonly victims: number;
  readonly offenders: number;
}

/** Every import batch of the store, oldest first. */
export async function listImports(store: Store): Promise<ImportBatch[]> {
  const rows = await store.db.selectFrom('import_batch').selectAll().orderBy('imported_at').orderBy('content_hash').execute();
  return rows.map((r) => ({
    contentHash: r.content_hash,
    fileName: r.file_name,
    format: r.format,
    importedAt: r.imported_at,
    codebookVersion: r.codebook_version,
    sources: Number(r.sources),
    series: Number(r.series),
    victims: Number(r.victims),
    offenders: Number(r.offenders),
  }));
}
