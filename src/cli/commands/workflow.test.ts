/**
 * Issue 4's acceptance, end to end through the CLI as the README walks it: a stratified sample of
 * the demo data, three coders with 30% overlap, simulated sheets, reliability, adjudication, a
 * weighted report; the same seed gives the same sample and another seed another; the audit log
 * records every step and catches an edited entry.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runCli, type CliRun } from '../testing/run-cli.ts';

let dir: string;
let db: string;

/** Runs `vindex ARGS --db DB`; returns exit code, stdout and stderr. */
function vindex(...args: string[]): Promise<CliRun> {
  return runCli([...args, ...(args[0] === 'demo' ? [] : ['--db', db])]);
}

/** Runs `vindex ARGS` and expects success; a failure shows what the command wrote on stderr. */
async function ok(...args: string[]): Promise<CliRun> {
  const run = await vindex(...args);
  expect(run.code, `vindex ${args.join(' ')}\n${run.err}`).toBe(0);
  return run;
}

const sampleArgs = (id: string, seed: string): string[] => ['sample', 'create', '--frame', 'identified=no', '--strata', 'region', '--design', 'proportional', '--size', '120', '--min-per-stratum', '3', '--seed', seed, '--id', id, '--by', 'lead', '--json'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vindex-workflow-'));
  db = join(dir, 'demo', 'vindex.db');
  await ok('demo', '--dir', join(dir, 'demo'), '--series', '600', '--no-release');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sampling and coding, end to end', () => {
  it('the same seed and frame give the same sample; another seed another', async () => {
    const drawn = async (id: string, seed: string) => {
      await ok(...sampleArgs(id, seed));
      const shown = JSON.parse((await vindex('sample', 'show', id, '--units', '--json')).out);
      return shown;
    };
    const a = await drawn('a', '11');
    const b = await drawn('b', '11');
    const c = await drawn('c', '12');
    const keys = (s: { units: { seriesKey: string }[] }): string[] => s.units.map((u) => u.seriesKey);
    expect(a.frameHash).toBe(b.frameHash);
    expect(keys(a)).toHaveLength(120);
    expect(keys(b)).toEqual(keys(a));
    expect(c.frameHash).toBe(a.frameHash);
    expect(keys(c)).not.toEqual(keys(a));
    // Proportional allocation: sizes sum to n and each stratum's weights sum to its N_h.
    expect(a.allocation.reduce((t: number, s: { sampleSize: number }) => t + s.sampleSize, 0)).toBe(120);
    for (const s of a.allocation as { stratum: string; populationSize: number; sampleSize: number }[]) {
      const w = a.units.filter((u: { stratum: string }) => u.stratum === s.stratum).reduce((t: number, u: { weight: number }) => t + u.weight, 0);
      if (s.sampleSize > 0) expect(w).toBeCloseTo(s.populationSize, 9);
    }
  });

  it('three coders with 30% overlap → sheets → reliability → adjudication → a weighted report; every step audited', async () => {
    await ok('coding', 'round', 'create', '--sample', 'a', '--coders', 'alice,bob,carol', '--overlap', '0.3', '--seed', '1', '--by', 'lead', '--json');
    const assignments = await countRows('SELECT count(*) AS n FROM coding_assignment WHERE round_id = \'r1\'');
    expect(assignments).toBe(120 + 36); // 36 of 120 units coded twice

    const sheets = join(dir, 'sheets');
    await ok('coding', 'export-sheet', '--round', 'r1', '--out-dir', sheets);
    expect(readdirSync(sheets).sort()).toEqual(['r1-alice.csv', 'r1-bob.csv', 'r1-carol.csv']);
    expect(readFileSync(join(sheets, 'r1-alice.csv'), 'utf8').split('\n')[0]).toBe('round,coder,record,series,unit,series.victimCount,series.selfGenerated,series.paraphilicThemes,victim.gender,victim.ageBand,victim.severityScale,victim.severityCode,victim.penetration');

    const done = join(dir, 'done');
    await ok('coding', 'simulate', '--round', 'r1', '--error-rate', '0.1', '--seed', '7', '--out-dir', done);
    await ok('coding', 'import-sheet', ...readdirSync(done).sort().map((f) => join(done, f)), '--by', 'lead');

    const status = JSON.parse((await vindex('coding', 'status', '--round', 'r1', '--json')).out);
    expect(status.unresolvedDisagreements).toBeGreaterThan(0);
    expect(status.blockers.join(' ')).toContain('disagreement');
    expect((await vindex('coding', 'round', 'close', 'r1', '--by', 'lead')).code).toBe(2);

    const reliability = JSON.parse((await vindex('coding', 'reliability', '--round', 'r1', '--replicates', '200', '--json')).out);
    expect(reliability.coders).toEqual(['alice', 'bob', 'carol']);
    const gender = reliability.variables.find((v: { variable: string }) => v.variable === 'victim.gender');
    expect(gender.pairwiseKappa).toHaveLength(3);
    expect(['reliable', 'tentative', 'unreliable', 'insufficient']).toContain(gender.verdict);

    const template = join(dir, 'template.csv');
    await ok('coding', 'disagreements', '--round', 'r1', '--template', template);
    expect(readFileSync(template, 'utf8').trim().split('\n')).toHaveLength(status.unresolvedDisagreements + 1);
    // A template adjudicated as it is (blank decisions) is refused whole.
    expect((await vindex('coding', 'adjudicate', '--round', 'r1', '--file', template, '--by', 'dana')).code).toBe(2);

    const decisions = join(dir, 'decisions.csv');
    await ok('coding', 'simulate-adjudication', '--round', 'r1', '--out', decisions);
    await ok('coding', 'adjudicate', '--round', 'r1', '--file', decisions, '--by', 'dana');
    expect(JSON.parse((await vindex('coding', 'status', '--round', 'r1', '--json')).out).unresolvedDisagreements).toBe(0);
    await ok('coding', 'round', 'close', 'r1', '--by', 'lead');

    const report = join(dir, 'report');
    await ok('report', '--sample', 'a', '--round', 'r1', '--out', report);
    const html = readFileSync(join(report, 'index.html'), 'utf8');
    for (const text of ['Sampling design', 'design-based', 'Inter-coder reliability', 'Krippendorff']) expect(html).toContain(text);
    expect(html).toMatch(/[Dd]esign effect/);
    const profile = JSON.parse((await vindex('profile', '--sample', 'a', '--round', 'r1', '--json')).out);
    const table = profile.tables.find((t: { id: string }) => t.id === 'victim-gender-unidentified');
    expect(table.estimator).toBe('design');
    expect(table.rows[0].standardError).toBeGreaterThan(0);
    expect(profile.manifest.sample.id).toBe('a');
    expect(profile.manifest.round.id).toBe('r1');

    const actions = (await vindex('audit', 'list', '--json')).out;
    for (const action of ['import', 'sample.create', 'coding.round.create', 'coding.sheet.import', 'coding.adjudicate', 'coding.round.close']) expect(actions).toContain(`"action": "${action}"`);
    await ok('audit', 'verify');

    const store = await openStore(db);
    try {
      await sql`UPDATE audit_log SET actor = 'mallory' WHERE seq = 5`.execute(store.db);
    } finally {
      await store.close();
    }
    const broken = await vindex('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('VDX_AUDIT_BROKEN');
    expect(broken.err).toContain('entry 5');
  }, 120_000);
});

async function countRows(query: string): Promise<number> {
  const store = await openStore(db);
  try {
    const r = await sql<{ n: number }>`${sql.raw(query)}`.execute(store.db);
    return Number(r.rows[0]!.n);
  } finally {
    await store.close();
  }
}
