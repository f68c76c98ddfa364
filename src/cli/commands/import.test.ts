import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seriesRecord, toCsv, victimRecord } from '../../ingest/testing/records.ts';
import { storeCounts, tempStore, type TempStore } from '../../ingest/testing/temp-store.ts';
import { openStore } from '../../store/index.ts';
import { runCli, type CliRun } from '../testing/run-cli.ts';

let t: TempStore;
let last: CliRun; // the latest run of the CLI
beforeEach(async () => {
  t = await tempStore();
  await t.closeStore(); // the CLI opens the store itself
});
afterEach(async () => {
  await t.cleanup();
});

const vindex = async (...args: string[]): Promise<number> => (last = await runCli(args)).code;

async function counts() {
  const store = await openStore(t.dbArg);
  try {
    return await storeCounts(store);
  } finally {
    await store.close();
  }
}

describe('vindex import', () => {
  it('exits 2 for a bad file, names file, line, field and value on stderr, and writes nothing', async () => {
    const file = t.file('bad.csv', toCsv([seriesRecord('S-1'), victimRecord('S-1', 'V-1', { 'victim.gender': 'x' })]));
    expect(await vindex('import', '--db', t.dbArg, file)).toBe(2);
    expect(last.err).toBe(
      'vindex: error VDX_IMPORT_INVALID: 1 problem(s); nothing was written.\n'
        + `${file}:3 field victim.gender value "x": is not a code of this variable (allowed: female, male, notDeterminable (codes or labels, any case))\n`
        + '  Fix the rows listed (file, row, field, value, allowed) and import again.\n',
    );
    expect(last.out).toBe('');
    expect(await counts()).toEqual({ sources: 0, series: 0, victims: 0, offenders: 0, batches: 0 });
  });

  it('exits 2 for imagery', async () => {
    const file = t.file('media.csv', Buffer.concat([Buffer.from('record,series.id\nseries,'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('\n')]));
    expect(await vindex('import', '--db', t.dbArg, file)).toBe(2);
    expect(last.err).toBe(
      `vindex: error VDX_IMPORT_IMAGERY: refused ${file}: it carries JPEG image bytes at line 2; nothing was written\n`
        + '  Vindex accepts codes, counts, dates, countries and identifiers only. Remove the media column(s) from the export.\n',
    );
  });

  it('exits 0 on success and reports what it did; a second run is a no-op', async () => {
    const file = t.file('good.csv', toCsv([seriesRecord('S-1'), victimRecord('S-1', 'V-1')]));
    expect(await vindex('import', '--db', t.dbArg, file)).toBe(0);
    expect(last.out).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: imported 1 series, 1 victims, 0 offenders, 0 source records \\(content [0-9a-f]{12}\\)\\n$`));
    expect(await vindex('import', '--db', t.dbArg, '--json', file)).toBe(0);
    expect(JSON.parse(last.out).files.map((f: { status: string }) => f.status)).toEqual(['already-imported']);
    expect(await counts()).toEqual({ sources: 1, series: 1, victims: 1, offenders: 0, batches: 1 });
  });

  it('exits 3 when there is no store', async () => {
    const file = t.file('good.csv', toCsv([seriesRecord('S-1')]));
    expect(await vindex('import', '--db', `${t.dir}/none.db`, file)).toBe(3);
    expect(last.err).toContain('VDX_STORE_NOT_INITIALISED');
  });
});
