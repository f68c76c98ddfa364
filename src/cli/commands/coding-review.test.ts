import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../audit/index.ts';
import { codingStore } from '../../coding/testing/fixture.ts';
import type { TempStore } from '../../ingest/testing/temp-store.ts';
import { openStore } from '../../store/index.ts';
import { runCli, type CliRun } from '../testing/run-cli.ts';

let t: TempStore;
let last: CliRun; // the latest run of the CLI
beforeAll(async () => {
  t = await codingStore({ series: 80, sampleSize: 30 });
  await t.closeStore();
  // Two coders on every unit, simulated with a 15% error rate: enough disagreements to review.
  expect(await vindex('round', 'create', '--sample', 's1', '--coders', 'alice,bob', '--overlap', '1', '--seed', '1', '--by', 'lead', '--variables', 'series.selfGenerated,series.victimCount,victim.ageBand')).toBe(0);
  const dir = join(t.dir, 'sim');
  expect(await vindex('simulate', '--round', 'r1', '--error-rate', '0.15', '--seed', '3', '--out-dir', dir)).toBe(0);
  expect(await vindex('import-sheet', ...readdirSync(dir).sort().map((f) => join(dir, f)), '--by', 'lead')).toBe(0);
});
afterAll(async () => t.cleanup());
async function vindex(...args: string[]): Promise<number> {
  last = await runCli(['coding', ...args, '--db', t.dbArg]);
  return last.code;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI's JSON output, checked field by field below
const json = (): any => JSON.parse(last.out);
async function adjudicationRows(): Promise<unknown[]> {
  const store = await openStore(t.dbArg);
  try {
    return await store.db.selectFrom('adjudication').selectAll().orderBy('unit_key').orderBy('variable').execute();
  } finally {
    await store.close();
  }
}

describe('vindex coding reliability | disagreements | adjudicate | history', () => {
  it('reliability: a table per variable, and JSON with the thresholds and bootstrap settings', async () => {
    expect(await vindex('reliability', '--round', 'r1', '--replicates', '200', '--seed', '5', '--json')).toBe(0);
    const r = json();
    expect(r).toMatchObject({ roundId: 'r1', sampleId: 's1', coders: ['alice', 'bob'], level: 0.95, bootstrap: { replicates: 200, seed: 5 }, thresholds: { reliable: 0.8, tentative: 0.667, minimumUnits: 10 } });
    expect(r.variables.map((v: { variable: string }) => v.variable)).toEqual(['series.selfGenerated', 'series.victimCount', 'victim.ageBand']);
    const sg = r.variables[0];
    expect(sg).toMatchObject({ level: 'nominal', units: 30, codings: 60, kappaWeights: 'none', pairwiseKappa: [] });
    expect(sg.percentAgreement.value).toBeGreaterThan(0.5);
    expect(sg.percentAgreement.value).toBeLessThan(1);
    expect(sg.krippendorffAlpha.lower).toBeLessThanOrEqual(sg.krippendorffAlpha.value);
    expect(r.variables[1]).toMatchObject({ level: 'ratio', kappaWeights: 'linear' });

    expect(await vindex('reliability', '--round', 'r1', '--replicates', '50', '--reliable', '0.9', '--tentative', '0.7')).toBe(0);
    const text = last.out;
    expect(text).toContain('verdict from α: reliable ≥ 0.9, tentative ≥ 0.7, else unreliable; insufficient below 10 pairable units');
    expect(text).toMatch(/^series\.selfGenerated\s+nominal\s+30\s+0\.\d{3} \[0\.\d{3}, [01]\.\d{3}\]/m);
  });

  it('reliability: bad options are usage errors', async () => {
    expect(await vindex('reliability', '--round', 'r1', '--kappa-weights', 'cubic')).not.toBe(0);
    expect(last.err).toContain('VDX_USAGE');
    expect(await vindex('reliability', '--round', 'r1', '--reliable', '0.6', '--tentative', '0.7')).not.toBe(0);
    expect(last.err).toContain('--tentative (0.7) must not be above --reliable (0.6)');
    expect(await vindex('reliability', '--round', 'r9')).not.toBe(0);
    expect(last.err).toContain('VDX_ROUND_NOT_FOUND');
  });

  it('disagreements → adjudicate (single and from a file) → resolved; history shows provenance; refusals write nothing', async () => {
    expect(await vindex('disagreements', '--round', 'r1', '--json')).toBe(0);
    const open = json();
    expect(open.length).toBeGreaterThan(1);
    const [first, second] = open;

    expect(await vindex('adjudicate', '--round', 'r1', '--unit', first.unitKey, '--variable', first.variable, '--value', first.values[0].value, '--reason', 'majority', '--by', 'lead')).toBe(0);
    expect(last.out).toContain('1 decision(s) recorded');

    // A file with one bad reason refuses every decision in it.
    const before = await adjudicationRows();
    const bad = join(t.dir, 'bad.csv');
    writeFileSync(bad, `unit,variable,value,reason\n${second.unitKey},${second.variable},${second.values[1].value},consensus\n${first.unitKey},${first.variable},${first.values[0].value},because I said so\n`);
    expect(await vindex('adjudicate', '--round', 'r1', '--file', bad, '--by', 'lead')).not.toBe(0);
    expect(last.err).toContain(`${bad}, line 3, field reason: "because I said so" is not an adjudication reason`);
    const extra = join(t.dir, 'extra.csv');
    writeFileSync(extra, `unit,variable,value,reason,note\n${second.unitKey},${second.variable},${second.values[1].value},consensus,x\n`);
    expect(await vindex('adjudicate', '--round', 'r1', '--file', extra, '--by', 'lead')).not.toBe(0);
    expect(last.err).toContain(`${extra}, line 1, field note: is not a decisions column`);
    expect(await adjudicationRows()).toEqual(before);

    const good = join(t.dir, 'good.csv');
    writeFileSync(good, `unit,variable,value,reason\n${second.unitKey},${second.variable},${second.values[1].value},consensus\n`);
    expect(await vindex('adjudicate', '--round', 'r1', '--file', good, '--by', 'lead', '--json')).toBe(0);
    expect(json()).toEqual([expect.objectContaining({ unitKey: second.unitKey, variable: second.variable, value: second.values[1].value, previous: null, reason: 'consensus' })]);

    expect(await vindex('disagreements', '--round', 'r1', '--json')).toBe(0);
    expect(json()).toHaveLength(open.length - 2);
    expect(await vindex('disagreements', '--round', 'r1', '--all', '--json')).toBe(0);
    expect(json().find((d: { unitKey: string; variable: string }) => d.unitKey === first.unitKey && d.variable === first.variable).adjudication).toMatchObject({ value: first.values[0].value, reason: 'majority', adjudicator: 'lead' });

    expect(await vindex('history', '--round', 'r1', '--unit', first.unitKey, '--json')).toBe(0);
    const h = json();
    const v = h.variables.find((x: { variable: string }) => x.variable === first.variable);
    expect(v).toMatchObject({ final: first.values[0].value, status: 'adjudicated' });
    expect(v.codings.map((c: { coder: string }) => c.coder)).toEqual(['alice', 'bob']);
    expect(v.codings[0].codebookVersion).toMatch(/^\d+\.\d+\.\d+$/);

    expect(await vindex('history', '--round', 'r1', '--unit', first.unitKey)).toBe(0);
    expect(last.out).toMatch(new RegExp(`${first.variable.replace('.', '\\.')}\\s+adjudicated \\(majority\\)\\s+lead`));

    const store = await openStore(t.dbArg);
    try {
      expect((await verifyAudit(store.db)).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('adjudicate: needs either one decision or a file', async () => {
    expect(await vindex('adjudicate', '--round', 'r1', '--unit', 'x', '--by', 'lead')).not.toBe(0);
    expect(last.err).toContain('give --unit, --variable, --value and --reason');
  });
});
