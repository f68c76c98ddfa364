/**
 * Reads a decisions file for `vindex coding adjudicate --file`: CSV with exactly the columns
 * unit, variable, value, reason — codes only. Values and reasons are checked by adjudicate(); this
 * module refuses media, links and blobs, unknown columns and empty fields, naming file, line and field.
 */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { VindexError } from '../errors.ts';
import { fingerprint, lineOfOffset } from '../ingest/fingerprint.ts';
import { checkFieldValue } from '../ingest/imagery-guard.ts';
import { readCsv } from '../ingest/readers/csv.ts';
import { MalformedRowError, type RawRecord } from '../ingest/readers/types.ts';
import type { AdjudicationDecision } from './adjudicate.ts';

export const DECISION_COLUMNS = ['unit', 'variable', 'value', 'reason'] as const;

export async function readDecisions(file: string): Promise<AdjudicationDecision[]> {
  if (!existsSync(file)) throw new VindexError('VDX_FILE_NOT_FOUND', `${file}: no such decisions file`);
  if (extname(file).toLowerCase() !== '.csv') throw new VindexError('VDX_IMPORT_FORMAT', `${file}: a decisions file must be .csv with columns ${DECISION_COLUMNS.join(',')}`);
  const fp = await fingerprint(file);
  if (fp.media) throw new VindexError('VDX_IMPORT_IMAGERY', `${file}, line ${await lineOfOffset(file, fp.media.offset)}: contains ${fp.media.format} data; Vindex accepts no images or video`);
  let header: string[] = [];
  const rows: RawRecord[] = [];
  try {
    for await (const batch of readCsv(file, (cols) => (header = [...cols]))) rows.push(...batch);
  } catch (e) {
    if (e instanceof MalformedRowError) throw new VindexError('VDX_ADJUDICATION_INVALID', `${file}, line ${e.line}: ${e.message}`);
    throw new VindexError('VDX_IMPORT_FORMAT', `${file} is not a readable CSV file: ${(e as Error).message}`);
  }
  const problems: string[] = [];
  for (const c of header) if (!(DECISION_COLUMNS as readonly string[]).includes(c)) problems.push(`${file}, line 1, field ${c}: is not a decisions column (codes only, no free text); allowed: ${DECISION_COLUMNS.join(', ')}`);
  for (const c of DECISION_COLUMNS) if (!header.includes(c)) problems.push(`${file}, line 1, field ${c}: is a required column and is missing`);
  if (problems.length === 0 && rows.length === 0) problems.push(`${file}: has no decisions`);
  const decisions: AdjudicationDecision[] = [];
  if (problems.length === 0) {
    for (const rec of rows) {
      const f: Record<string, string> = {};
      for (const c of DECISION_COLUMNS) {
        const v = rec.fields[c] === undefined || rec.fields[c] === null ? '' : String(rec.fields[c]).trim();
        const verdict = checkFieldValue(v);
        if (verdict) problems.push(`${file}, line ${rec.line}, field ${c}: ${verdict.message}`);
        else if (v === '') problems.push(`${file}, line ${rec.line}, field ${c}: is required`);
        f[c] = v;
      }
      decisions.push({ unitKey: f.unit!, variable: f.variable!, value: f.value!, reason: f.reason!, line: rec.line });
    }
  }
  if (problems.length > 0) throw new VindexError(problems.some((p) => p.includes('Vindex accepts no')) ? 'VDX_IMPORT_IMAGERY' : 'VDX_ADJUDICATION_INVALID', `${problems.length} problem(s); nothing was adjudicated:\n  ${problems.join('\n  ')}`);
  return decisions;
}
