/**
 * writeSdmx: an indicator set → SDMX files in a directory, with content hashes for the release
 * manifest. Pipeline: definitions → buildDsd → toRows → checkRows (fail closed: nothing is written
 * when a row breaks the DSD) → serialise each format → write.
 */

import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VindexError } from '../../errors.ts';
import { sdmxCsv } from './csv.ts';
import { buildDsd, type Dsd } from './dsd.ts';
import { sdmxJsonData } from './json-data.ts';
import { sourcesOf, toRows, type PublishableSet, type SdmxRow } from './rows.ts';
import { sdmxJsonStructure } from './structure-json.ts';
import { sdmxMlStructure } from './structure-xml.ts';
import { checkRows, formatIssue } from './validate.ts';

export type SdmxFormat = 'sdmx-csv' | 'sdmx-json' | 'structure-json' | 'structure-xml';

export const SDMX_FORMATS: readonly SdmxFormat[] = ['sdmx-csv', 'sdmx-json', 'structure-json', 'structure-xml'];

export const SDMX_FILE_NAMES: Readonly<Record<SdmxFormat, string>> = {
  'sdmx-csv': 'indicators.sdmx.csv',
  'sdmx-json': 'indicators.sdmx.json',
  'structure-json': 'structure.sdmx.json',
  'structure-xml': 'structure.sdmx.xml',
};

export interface WrittenFile {
  readonly format: SdmxFormat;
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface SdmxOutput {
  readonly dsd: Dsd;
  readonly rows: readonly SdmxRow[];
  /** File contents by format, as they would be written. */
  readonly contents: ReadonlyMap<SdmxFormat, string>;
}

/** Builds DSD, rows and every format's text in memory. Throws VDX_SDMX_INVALID when the set cannot be expressed in the DSD. */
export function buildSdmx(set: PublishableSet, formats: readonly SdmxFormat[] = SDMX_FORMATS): SdmxOutput {
  let dsd: Dsd;
  let rows: SdmxRow[];
  try {
    dsd = buildDsd(
      set.results.map((r) => r.definition),
      sourcesOf(set),
    );
    rows = toRows(set, dsd);
  } catch (e) {
    throw new VindexError('VDX_SDMX_INVALID', `the indicator set cannot be written as SDMX: ${(e as Error).message}`);
  }
  // SDMX-JSON wants at least one value per component: an empty message cannot be written validly.
  if (rows.length === 0) throw new VindexError('VDX_SDMX_INVALID', 'the indicator set has no observations to write as SDMX');
  const issues = checkRows(rows, dsd, '(in memory)', (i) => `observation ${i}`);
  if (issues.length > 0) {
    throw new VindexError('VDX_SDMX_INVALID', `the indicator set breaks the SDMX structure:\n${issues.slice(0, 20).map(formatIssue).join('\n')}`, issues);
  }
  const prepared = set.manifest.generatedAt;
  const contents = new Map<SdmxFormat, string>();
  for (const f of formats) {
    switch (f) {
      case 'sdmx-csv':
        contents.set(f, sdmxCsv(rows, dsd));
        break;
      case 'sdmx-json':
        contents.set(f, JSON.stringify(sdmxJsonData(rows, dsd, set.manifest), null, 1) + '\n');
        break;
      case 'structure-json':
        contents.set(f, JSON.stringify(sdmxJsonStructure(dsd, prepared), null, 1) + '\n');
        break;
      case 'structure-xml':
        contents.set(f, sdmxMlStructure(dsd, prepared));
        break;
    }
  }
  return { dsd, rows, contents };
}

/**
 * Writes the chosen SDMX formats (default all four) into outDir (created if needed) and returns
 * each file's path, SHA-256 and size. Same set, same bytes: timestamps come from the manifest.
 */
export async function writeSdmx(set: PublishableSet, outDir: string, opts: { formats?: readonly SdmxFormat[] } = {}): Promise<{ files: WrittenFile[]; observations: number }> {
  const out = buildSdmx(set, opts.formats ?? SDMX_FORMATS);
  await mkdir(outDir, { recursive: true });
  const files: WrittenFile[] = [];
  for (const [format, text] of out.contents) {
    const path = join(outDir, SDMX_FILE_NAMES[format]);
    const bytes = Buffer.from(text, 'utf8');
    // Written beside and renamed into place: a reader never sees half a file.
    await writeFile(`${path}.partial`, bytes);
    await rename(`${path}.partial`, path);
    files.push({ format, path, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
  }
  return { files, observations: out.rows.length };
}
