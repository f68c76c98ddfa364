import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VindexError } from '../errors.ts';
import { formatIssue, validateSdmx } from '../publish/index.ts';
import type { Store } from '../store/index.ts';
import { MANIFEST_FILE, RELEASE_FORMAT, type ReleaseManifest } from './create.ts';
import { hashFile, listFiles, scanCounts } from './files.ts';

/**
 * Checks a copy of a release against its manifest: every listed file present with its hash and
 * size, no file added, the count rule on every CSV, the SDMX files against their structure, and
 * — given the store it came from — that the store recorded this very manifest.
 */

export interface ReleaseVerification {
  readonly ok: boolean;
  readonly id: string;
  readonly manifestSha256: string;
  readonly files: number;
  readonly problems: readonly string[];
}

export async function readManifest(dir: string): Promise<{ manifest: ReleaseManifest; sha256: string }> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new VindexError('VDX_FILE_NOT_FOUND', `${join(dir, MANIFEST_FILE)} not found: ${dir} is not a Vindex release folder`);
  }
  let manifest: ReleaseManifest;
  try {
    manifest = JSON.parse(text) as ReleaseManifest;
  } catch (e) {
    throw new VindexError('VDX_USAGE', `${join(dir, MANIFEST_FILE)} is not valid JSON: ${(e as Error).message}`);
  }
  if (manifest.vindexRelease !== RELEASE_FORMAT || !Array.isArray(manifest.files)) {
    throw new VindexError('VDX_USAGE', `${join(dir, MANIFEST_FILE)} is not a Vindex release manifest (format ${RELEASE_FORMAT})`);
  }
  return { manifest, sha256: createHash('sha256').update(text).digest('hex') };
}

export async function verifyRelease(dir: string, store?: Store): Promise<ReleaseVerification> {
  const { manifest, sha256 } = await readManifest(dir);
  const problems: string[] = [];
  const onDisk = new Set(await listFiles(dir));
  const present = new Set([...onDisk].filter((p) => p !== MANIFEST_FILE));
  for (const f of manifest.files) {
    if (!present.has(f.path)) {
      problems.push(`${f.path}: listed in the manifest but missing`);
      continue;
    }
    present.delete(f.path);
    const actual = await hashFile(join(dir, f.path));
    if (actual.sha256 !== f.sha256 || actual.bytes !== f.bytes) problems.push(`${f.path}: content differs from the manifest (SHA-256 ${actual.sha256.slice(0, 12)}…, expected ${f.sha256.slice(0, 12)}…)`);
  }
  for (const extra of present) problems.push(`${extra}: not part of the release (not in the manifest)`);
  for (const v of await scanCounts(dir, manifest.disclosure.fileCheck.rule)) {
    problems.push(v.column === '' ? `${v.file} line ${v.line}: ${v.value}` : `${v.file} line ${v.line}, ${v.column}: ${v.value} breaks the release's count rule`);
  }
  // A missing SDMX file is reported above; validating it would throw instead of listing the problem.
  const sdmx = manifest.files.filter((f) => f.path.startsWith('sdmx/') && f.path.includes('.sdmx.') && onDisk.has(f.path)).map((f) => join(dir, f.path));
  if (sdmx.length > 0) {
    const threshold = manifest.parameters.threshold;
    const validation = await validateSdmx(sdmx, threshold === null ? {} : { minCount: threshold });
    for (const issue of validation.issues) problems.push(formatIssue(issue));
  }
  if (store) {
    const row = await store.db.selectFrom('release').select(['manifest_sha256', 'status']).where('id', '=', manifest.id).executeTakeFirst();
    if (!row) problems.push(`release ${manifest.id} is not recorded in this store`);
    else if (row.manifest_sha256 !== sha256) problems.push(`manifest.json differs from the one recorded for release ${manifest.id} (store ${row.manifest_sha256.slice(0, 12)}…, folder ${sha256.slice(0, 12)}…)`);
  }
  return { ok: problems.length === 0, id: manifest.id, manifestSha256: sha256, files: manifest.files.length, problems };
}
