import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { offenderRecord, seriesRecord, toCsv, victimRecord, type TestRecord } from '../../ingest/testing/records.ts';
import { tempStore, type TempStore } from '../../ingest/testing/temp-store.ts';
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

function records(): TestRecord[] {
  const genders = ['female', 'male', 'notDeterminable'];
  const ages = ['infantToddler', 'prepubescent', 'pubescent', 'postPubescent'];
  const recs: TestRecord[] = [];
  for (let s = 0; s < 24; s++) {
    const identified = s % 3 === 0 ? 'yes' : 'no';
    const on = identified === 'yes' ? '2019-05-01' : null;
    recs.push(seriesRecord(`S-${s}`, { 'series.identified': identified, 'series.identifiedOn': on }));
    for (let v = 0; v < 2; v++) {
      recs.push(victimRecord(`S-${s}`, `V-${s}-${v}`, { 'victim.gender': genders[(s + v) % 3]!, 'victim.ageBand': ages[(s + 3 * v) % 4]!, 'victim.identified': identified, 'victim.identifiedOn': on, 'victim.severityCode': String(4 + ((s + v) % 7)) }));
    }
    recs.push(offenderRecord(`S-${s}`, `O-${s}`));
  }
  return recs;
}

describe('vindex report', () => {
  it('writes the report of the store and prints its paths as JSON', async () => {
    expect(await vindex('import', '--db', t.dbArg, t.file('data.csv', toCsv(records())))).toBe(0);
    const dir = join(t.dir, 'report');
    expect(await vindex('report', '--db', t.dbArg, '--out', dir, '--title', 'Test & run', '--json')).toBe(0);
    const result = JSON.parse(last.out) as { indexPath: string; csvPaths: string[] };
    expect(result.indexPath).toBe(join(dir, 'index.html'));
    expect(result.csvPaths).toContain(join(dir, 'tables', 'victim-gender-unidentified.csv'));
    for (const p of result.csvPaths) expect(existsSync(p)).toBe(true);
    const page = readFileSync(result.indexPath, 'utf8');
    expect(page).toContain('<title>Test &amp; run</title>');
    expect(page).toContain('48 victims in 24 series');
  });

  it('says where it wrote the report without --json', async () => {
    expect(await vindex('import', '--db', t.dbArg, t.file('data.csv', toCsv(records())))).toBe(0);
    const dir = join(t.dir, 'r');
    expect(await vindex('report', '--db', t.dbArg, '--out', dir)).toBe(0);
    expect(last.out).toMatch(/^Wrote .*index\.html\n {2}and \d+ CSV files beside it/);
  });

  it('exits 2 without --out, and 1 on an empty store', async () => {
    expect(await vindex('report', '--db', t.dbArg)).toBe(2);
    expect(await vindex('report', '--db', t.dbArg, '--out', join(t.dir, 'x'))).toBe(1);
    expect(last.err).toContain('VDX_STORE_EMPTY');
  });
});
