import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VindexError } from '../errors.ts';
import { importFiles } from './import.ts';
import type { ImportIssue } from './issues.ts';
import { manyRecords, seriesRecord, toCsv, toJsonl, victimRecord, type TestRecord } from './testing/records.ts';
import { storeCounts, storeDump, tempStore, type TempStore } from './testing/temp-store.ts';

const TODAY = '2024-06-30';

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => {
  await t.cleanup();
});

const run = (...files: string[]) => importFiles({ store: t.store, files, today: TODAY });

async function failure(p: Promise<unknown>): Promise<VindexError> {
  const e = await p.then(() => new Error('the import was expected to fail'), (x: unknown) => x);
  expect(e).toBeInstanceOf(VindexError);
  return e as VindexError;
}

describe('all or nothing', () => {
  it('a large file whose last row is bad writes nothing, and names that line and field', async () => {
    // A first, good import, so "unchanged" means something.
    await run(t.file('first.csv', toCsv([seriesRecord('S-X'), victimRecord('S-X', 'V-X')])));
    const before = await storeDump(t.store);
    expect(await storeCounts(t.store)).toEqual({ sources: 1, series: 1, victims: 1, offenders: 0, batches: 1 });

    // 2,000 series × 11 victims = 22,000 victims (well past the importer's write batches), then one bad row.
    const records: TestRecord[] = [...manyRecords(2_000, 11), victimRecord('S-000001', 'V-LAST', { 'victim.ageBand': 'teenager' })];
    const file = t.file('large.csv', toCsv(records));
    const lastLine = records.length + 1; // the header is line 1
    expect(lastLine).toBe(2_000 * 13 + 2);

    const err = await failure(run(file));
    expect(err.code).toBe('VDX_IMPORT_INVALID');
    expect(err.details).toEqual([
      {
        kind: 'invalid-value', file, row: lastLine, field: 'victim.ageBand', value: 'teenager', message: 'is not a code of this variable',
        allowed: 'infantToddler, prepubescent, pubescent, postPubescent, notDeterminable (codes or labels, any case)',
      } satisfies ImportIssue,
    ]);
    expect(err.message.split('\n')[1]).toBe(`${file}:${lastLine} field victim.ageBand value "teenager": is not a code of this variable (allowed: infantToddler, prepubescent, pubescent, postPubescent, notDeterminable (codes or labels, any case))`);
    expect(await storeCounts(t.store)).toEqual({ sources: 1, series: 1, victims: 1, offenders: 0, batches: 1 });
    expect(await storeDump(t.store)).toEqual(before);

    // The same file without its last row imports completely.
    const good = t.file('large-good.csv', toCsv(records.slice(0, -1)));
    const [summary] = await run(good);
    expect(summary).toMatchObject({ status: 'imported', series: 2_000, victims: 22_000, offenders: 2_000 });
    expect(await storeCounts(t.store)).toEqual({ sources: 1, series: 2_001, victims: 22_001, offenders: 2_000, batches: 2 });
  });

  it('a large JSON Lines file whose last line is bad writes nothing', async () => {
    const records: TestRecord[] = [...manyRecords(1_000, 21), victimRecord('S-000001', 'V-LAST', { 'victim.identified': 'yes' })];
    const file = t.file('large.jsonl', toJsonl(records));
    const before = await storeDump(t.store);
    const err = await failure(run(file));
    expect((err.details as ImportIssue[]).map((i) => [i.row, i.field, i.message])).toEqual([[records.length, 'victim.identifiedOn', 'is required when victim.identified is yes']]);
    expect(await storeDump(t.store)).toEqual(before);
  });

  it('an import of two files where the second is bad leaves nothing of the first', async () => {
    const first = t.file('first.csv', toCsv([...manyRecords(50, 3)]));
    const second = t.file('second.csv', toCsv([seriesRecord('T-1'), victimRecord('T-1', 'W-1', { 'victim.severityScale': 'sap', 'victim.severityCode': '9' })]));
    const before = await storeDump(t.store);
    const err = await failure(run(first, second));
    expect(err.code).toBe('VDX_IMPORT_INVALID');
    expect((err.details as ImportIssue[]).map((i) => [i.file, i.row, i.field])).toEqual([[second, 3, 'victim.severityCode']]);
    expect(await storeDump(t.store)).toEqual(before);
    expect(await storeCounts(t.store)).toEqual({ sources: 0, series: 0, victims: 0, offenders: 0, batches: 0 });
    // And the first alone is importable: nothing of it was half-recorded.
    await run(first);
    expect(await storeCounts(t.store)).toEqual({ sources: 1, series: 50, victims: 150, offenders: 50, batches: 1 });
  });

  it('a problem found only at the end (an orphan) also writes nothing of earlier files', async () => {
    const first = t.file('first.csv', toCsv([...manyRecords(10, 2)]));
    const second = t.file('second.jsonl', toJsonl([victimRecord('NOPE', 'W-1')]));
    const before = await storeDump(t.store);
    const err = await failure(run(first, second));
    expect((err.details as ImportIssue[]).map((i) => [i.kind, i.file, i.row])).toEqual([['orphan', second, 1]]);
    expect(await storeDump(t.store)).toEqual(before);
  });
});

describe('idempotence', () => {
  it('importing the same content twice is a no-op the second time, even under another name', async () => {
    const content = toCsv([...manyRecords(20, 2)]);
    const a = t.file('a.csv', content);
    const [first] = await run(a);
    expect(first).toMatchObject({ status: 'imported', series: 20, victims: 40, offenders: 20 });
    const after = await storeDump(t.store);

    const [again] = await run(a);
    expect(again).toEqual({ file: a, format: 'csv', contentHash: first!.contentHash, status: 'already-imported', sources: 0, series: 0, victims: 0, offenders: 0 });
    expect(await storeDump(t.store)).toEqual(after);

    const renamed = t.file('renamed-copy.csv', content);
    const [copy] = await run(renamed);
    expect(copy).toEqual({ file: renamed, format: 'csv', contentHash: first!.contentHash, status: 'already-imported', sources: 0, series: 0, victims: 0, offenders: 0 });
    expect(await storeDump(t.store)).toEqual(after);
    expect(await storeCounts(t.store)).toEqual({ sources: 1, series: 20, victims: 40, offenders: 20, batches: 1 });
  });

  it('the same file twice in one import is imported once', async () => {
    const a = t.file('a.csv', toCsv([...manyRecords(3, 1)]));
    const b = t.file('b.csv', toCsv([...manyRecords(3, 1)]));
    const summaries = await run(a, b);
    expect(summaries.map((s) => s.status)).toEqual(['imported', 'already-imported']);
    expect(await storeCounts(t.store)).toEqual({ sources: 1, series: 3, victims: 3, offenders: 3, batches: 1 });
  });

  it('an already-imported file beside a new one: the new one is imported', async () => {
    const a = t.file('a.csv', toCsv([seriesRecord('S-1')]));
    await run(a);
    const b = t.file('b.csv', toCsv([seriesRecord('S-2')]));
    expect((await run(a, b)).map((s) => s.status)).toEqual(['already-imported', 'imported']);
    expect(await storeCounts(t.store)).toEqual({ sources: 1, series: 2, victims: 0, offenders: 0, batches: 2 });
  });

  it('different content with the same records (one byte more) is not a no-op: its series are duplicates', async () => {
    const content = toCsv([seriesRecord('S-1')]);
    await run(t.file('a.csv', content));
    const err = await failure(run(t.file('b.csv', content + '\n'))); // a trailing blank line changes the hash
    expect((err.details as ImportIssue[]).map((i) => [i.kind, i.field])).toEqual([['duplicate', 'series.id']]);
  });
});
