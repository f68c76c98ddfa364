import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../audit/index.ts';
import { MAX_REPORTED_ISSUES, type ImportProgress } from '../../ingest/index.ts';
import { storeCounts, storeDump, tempStore, type TempStore } from '../../ingest/testing/temp-store.ts';
import { writeSyntheticFile } from '../../synth/index.ts';
import { checkUploadName, importUpload, listImports, type ImportRefusal } from './imports.ts';

let t: TempStore;
let csv: Buffer;
beforeEach(async () => {
  t = await tempStore();
  const file = join(t.dir, 'made.csv');
  await writeSyntheticFile({ seed: 2, series: 60, out: file, format: 'csv' });
  csv = readFileSync(file);
});
afterEach(async () => t.cleanup());

const uploads = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith('vindex-upload-'));

// A private temporary folder for this file's uploads (os.tmpdir() reads TMPDIR), so other test files cannot add to it.
const savedTmp = process.env.TMPDIR;
beforeEach(() => {
  process.env.TMPDIR = mkdtempSync(join(t.dir, 'tmp-'));
});
afterEach(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
});

describe('importUpload', () => {
  it('imports the body under its name, reports progress, audits as the user and leaves no temporary file', async () => {
    expect(uploads()).toEqual([]);
    const progress: ImportProgress[] = [];
    const summary = await importUpload(t.store, { name: 'batch-1.csv', body: csv, actor: 'coord', today: '2026-01-01', onProgress: (p) => progress.push(p) });
    const counts = await storeCounts(t.store);
    expect(summary).toMatchObject({ file: 'batch-1.csv', format: 'csv', status: 'imported', series: 60, victims: counts.victims, offenders: counts.offenders });
    expect(counts.series).toBe(60);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.file === 'batch-1.csv')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: 'import', bytes: csv.length, totalBytes: csv.length });
    const [entry] = await listAudit(t.store.db, { actionPrefix: 'import' });
    expect(entry).toMatchObject({ actor: 'coord', action: 'import', object: `batch:${summary.contentHash}` });
    expect(JSON.parse(entry!.detail)).toMatchObject({ file: 'batch-1.csv', format: 'csv', series: 60 });
    expect(await listImports(t.store)).toEqual([expect.objectContaining({ contentHash: summary.contentHash, fileName: 'batch-1.csv', format: 'csv', series: 60, victims: counts.victims })]);
    // The same content again is already imported: nothing written, nothing audited.
    expect(await importUpload(t.store, { name: 'again.csv', body: csv, actor: 'coord', today: '2026-01-01' })).toMatchObject({ file: 'again.csv', status: 'already-imported', series: 0 });
    expect(await listAudit(t.store.db, { actionPrefix: 'import' })).toHaveLength(1);
    expect(uploads()).toEqual([]);
  });

  it('refuses a file with bad rows, listing them by the uploaded name, and changes nothing', async () => {
    const lines = csv.toString('utf8').split('\n');
    const header = lines[0]!.split(',');
    const gender = header.indexOf('victim.gender');
    const victimRows = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('victim,'));
    // Every victim's gender becomes an unknown code: more problems than are reported.
    for (const [l, i] of victimRows) {
      const cells = l.split(',');
      cells[gender] = 'martian';
      lines[i] = cells.join(',');
    }
    expect(victimRows.length).toBeGreaterThan(MAX_REPORTED_ISSUES);
    const before = await storeDump(t.store);
    const err = await importUpload(t.store, { name: 'bad.csv', body: Buffer.from(lines.join('\n')), actor: 'coord', today: '2026-01-01' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VDX_IMPORT_INVALID' });
    expect((err as Error).message).toMatch(/^\d+ problem\(s\); nothing was written\.\nbad\.csv:\d+ field victim\.gender value "martian": is not a code of this variable/);
    expect((err as Error).message).not.toContain('vindex-upload-');
    const details = (err as { details: ImportRefusal }).details;
    expect(details.file).toBe('bad.csv');
    expect(details.issues).toHaveLength(MAX_REPORTED_ISSUES);
    expect(details.issues[0]).toEqual({ kind: 'invalid-value', file: 'bad.csv', row: victimRows[0]![1] + 1, field: 'victim.gender', value: 'martian', message: 'is not a code of this variable', allowed: expect.stringMatching(/^female, male/) as string });
    expect(await storeDump(t.store)).toEqual(before);
  });

  it('refuses media bytes with VDX_IMPORT_IMAGERY and the issue as data', async () => {
    const png = Buffer.concat([Buffer.from('record,series.source\n'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\n')]);
    const err = await importUpload(t.store, { name: 'pic.csv', body: png, actor: 'coord' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VDX_IMPORT_IMAGERY', details: { file: 'pic.csv', issues: [{ kind: 'imagery', file: 'pic.csv', row: 2 }] } });
    expect((await storeCounts(t.store)).batches).toBe(0);
  });

  it.each([
    ['../x.csv', 'VDX_USAGE'],
    ['a/b.csv', 'VDX_USAGE'],
    ['.hidden.csv', 'VDX_USAGE'],
    ['data.xlsx', 'VDX_IMPORT_FORMAT'],
    ['data.ndjson', 'VDX_IMPORT_FORMAT'],
  ])('refuses the name %s (%s)', (name, code) => {
    expect(() => checkUploadName(name)).toThrow(expect.objectContaining({ code }) as Error);
  });

  it('refuses an empty body', async () => {
    await expect(importUpload(t.store, { name: 'empty.jsonl', body: Buffer.alloc(0), actor: 'coord' })).rejects.toMatchObject({ code: 'VDX_IMPORT_FORMAT' });
  });
});
