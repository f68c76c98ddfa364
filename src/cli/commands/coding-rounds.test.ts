import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codingDump, codingStore } from '../../coding/testing/fixture.ts';
import type { TempStore } from '../../ingest/testing/temp-store.ts';
import { openStore } from '../../store/index.ts';
import { runCli, type CliRun } from '../testing/run-cli.ts';

let t: TempStore;
let last: CliRun; // the latest run of the CLI
beforeAll(async () => {
  t = await codingStore({ series: 60, sampleSize: 12 });
  await t.closeStore(); // the CLI opens the store itself
});
afterAll(async () => t.cleanup());
const vindex = async (...args: string[]): Promise<number> => (last = await runCli(['coding', ...args, '--db', t.dbArg])).code;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI's JSON output, checked field by field below
const json = (): any => JSON.parse(last.out);
async function dump(): Promise<string> {
  const store = await openStore(t.dbArg);
  try {
    return await codingDump(store);
  } finally {
    await store.close();
  }
}

describe('vindex coding (rounds, sheets, status, simulate)', () => {
  it('runs the whole workflow', async () => {
    expect(await vindex('round', 'create', '--sample', 's1', '--coders', 'alice,bob,carol', '--overlap', '0.5', '--seed', '1', '--by', 'lead', '--json')).toBe(0);
    const created = json();
    expect(created).toMatchObject({ id: 'r1', sampleId: 's1', coders: ['alice', 'bob', 'carol'], units: 12, overlapUnits: 6, workload: { alice: 6, bob: 6, carol: 6 }, pairs: { 'alice+bob': 2, 'alice+carol': 2, 'bob+carol': 2 } });

    expect(await vindex('round', 'list')).toBe(0);
    expect(last.out).toBe('round  sample  coders  overlap  state\nr1     s1           3      0.5   open\n');

    const sheet = join(t.dir, 'alice.csv');
    expect(await vindex('export-sheet', '--round', 'r1', '--coder', 'alice', '--out', sheet)).toBe(0);
    expect(last.out).toMatch(/alice\.csv: alice, 6 series, \d+ rows\n$/);
    expect(readFileSync(sheet, 'utf8').split('\n')[0]).toBe('round,coder,record,series,unit,series.victimCount,series.selfGenerated,series.paraphilicThemes,victim.gender,victim.ageBand,victim.severityScale,victim.severityCode,victim.penetration');

    const dir = join(t.dir, 'sim');
    expect(await vindex('simulate', '--round', 'r1', '--error-rate', '0', '--seed', '3', '--out-dir', dir)).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['r1-alice.csv', 'r1-bob.csv', 'r1-carol.csv']);

    expect(await vindex('import-sheet', ...readdirSync(dir).sort().map((f) => join(dir, f)), '--by', 'lead')).toBe(0);
    expect(last.out).toMatch(/r1-alice\.csv: round r1, coder alice: \d+ value\(s\) written, 0 removed/);
    expect(await vindex('import-sheet', join(dir, 'r1-bob.csv'), '--by', 'lead')).toBe(0);
    expect(last.out).toMatch(/already imported, nothing changed/);

    expect(await vindex('status', '--round', 'r1', '--json')).toBe(0);
    const s = json();
    expect(s.overall).toMatchObject({ unitsAssigned: 12, unitsComplete: 12, overlapUnits: 6 });
    expect(s.coders.map((c: { unitsRemaining: number }) => c.unitsRemaining)).toEqual([0, 0, 0]);

    expect(await vindex('round', 'show', 'r1')).toBe(0);
    expect(last.out).toMatch(/round r1 \(open\): 12 of 12 series complete/);
  });

  it('a bad sheet exits 2, lists file, line and field on stderr, and writes nothing', async () => {
    const dir = join(t.dir, 'sim2');
    expect(await vindex('simulate', '--round', 'r1', '--error-rate', '0', '--seed', '3', '--out-dir', dir)).toBe(0);
    const file = join(dir, 'r1-carol.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1]!.replace(/^r1,carol,series,([^,]+),([^,]+),\d+/, 'r1,carol,series,$1,$2,many');
    writeFileSync(file, lines.join('\n'));
    const before = await dump();
    expect(await vindex('import-sheet', file, '--by', 'carol')).toBe(2);
    expect(last.err).toMatch(new RegExp(`vindex: error VDX_SHEET_INVALID: refused r1-carol\\.csv: 1 problem\\(s\\); nothing was written\\n${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2 field series\\.victimCount value "many": is not a whole number in range \\(allowed: a whole number from 0 to 10000\\)\\n`));
    expect(await dump()).toBe(before);
  });

  it('usage errors exit 2', async () => {
    expect(await vindex('round', 'create', '--sample', 's1', '--coders', 'alice', '--overlap', '0.5', '--seed', '1')).toBe(2);
    expect(last.err).toMatch(/VDX_ROUND_INVALID: overlap 0.5 needs at least 2 coders/);
    expect(await vindex('round', 'create', '--sample', 's1', '--coders', 'alice,bob', '--overlap', '2', '--seed', '1')).toBe(2);
    expect(last.err).toMatch(/--overlap must be a share from 0 to 1/);
    expect(await vindex('export-sheet', '--round', 'r1', '--format', 'xlsx', '--out-dir', t.dir)).toBe(2);
    expect(last.err).toMatch(/--format must be csv or jsonl/);
    expect(await vindex('round', 'show', 'r9')).toBe(2);
    expect(last.err).toMatch(/VDX_ROUND_NOT_FOUND/);
  });

  it('has help with examples', async () => {
    last = await runCli(['coding', 'round', 'create', '--help']);
    expect(last.code).toBe(0);
    expect(last.out).toMatch(/--raters-per-overlap <k>[\s\S]*Examples:\n {2}vindex coding round create --sample s1/);
  });
});
