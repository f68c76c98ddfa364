import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../audit/index.ts';
import { CODEBOOK } from '../codebook/index.ts';
import { computeIndicators } from '../indicators/index.ts';
import { loadHandDataset } from '../indicators/testing/hand-dataset.ts';
import { storeDump, tempStore, type TempStore } from '../ingest/testing/temp-store.ts';
import { findChromium, validateSdmx } from '../publish/index.ts';
import { runCli } from '../cli/testing/run-cli.ts';
import { VERSION } from '../version.ts';
import { createRelease, MANIFEST_FILE, type CreatedRelease, type ReleaseOptions } from './create.ts';
import { listFiles } from './files.ts';
import { csvCounts, htmlMapCounts, htmlTableCounts, readCsv, sdmxJsonObservations, type FoundCount } from './testing/read-release.ts';
import { loadSyntheticDataset } from './testing/datasets.ts';
import { verifyRelease } from './verify.ts';

const INDICATORS = ['victims-unidentified', 'series-by-abuse-country', 'time-to-identification'];
const THRESHOLD = 5;
const NOW = '2026-02-01T12:00:00.000Z';

let t: TempStore;
let outRoot: string;
let rel: CreatedRelease;

const options = (out: string, over: Partial<ReleaseOptions> = {}): ReleaseOptions => ({
  out, actor: 'tester', indicators: INDICATORS, rules: { threshold: THRESHOLD }, pdf: 'no', now: NOW, ...over,
});
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const releaseRows = async () => t.store.db.selectFrom('release').selectAll().orderBy('id').execute();

/** Every count of every CSV, of the SDMX-JSON data and of the HTML tables, read here (not by scanCounts). */
function allCounts(dir: string): FoundCount[] {
  const files = readdirSync(dir, { recursive: true }).map(String).map((p) => p.split('\\').join('/'));
  const found: FoundCount[] = [];
  for (const f of files.filter((p) => p.endsWith('.csv'))) found.push(...csvCounts(dir, f));
  for (const o of sdmxJsonObservations(join(dir, 'sdmx/indicators.sdmx.json'))) {
    if (o.attributes.UNIT_MEASURE === 'NUMBER' && o.value !== null) found.push({ file: 'sdmx/indicators.sdmx.json', where: JSON.stringify(o.key), column: 'OBS_VALUE', value: o.value });
  }
  found.push(...htmlTableCounts(dir, 'report/index.html'), ...htmlMapCounts(dir, 'report/index.html'));
  return found;
}

beforeAll(async () => {
  t = await tempStore();
  await loadSyntheticDataset(t);
  outRoot = mkdtempSync(join(tmpdir(), 'vindex-release-'));
  rel = await createRelease(t.store, options(join(outRoot, 'rel-a')));
}, 120_000);
afterAll(async () => {
  await t?.cleanup();
  if (outRoot) rmSync(outRoot, { recursive: true, force: true });
});

describe('createRelease (suppression, threshold 5, synthetic seed 5)', () => {
  it('writes indicators.csv, sdmx/ (4 files), report/index.html, report/indicators/*.csv and manifest.json, and nothing else', async () => {
    const files = await listFiles(rel.dir);
    const perTable = INDICATORS.flatMap((id) => [`report/indicators/${id}-by-country.csv`, `report/indicators/${id}-by-year.csv`]).sort();
    expect(files).toEqual(
      ['indicators.csv', MANIFEST_FILE, 'report/index.html', ...perTable, 'sdmx/indicators.sdmx.csv', 'sdmx/indicators.sdmx.json', 'sdmx/structure.sdmx.json', 'sdmx/structure.sdmx.xml'].sort(),
    );
    expect(rel.pdf.written).toBe(false);
    expect(rel.id).toBe('rel1');
  });

  it('manifest: every other file with its SHA-256 and size; snapshot, codebook, definitions, parameters, method, audit, software', async () => {
    const m = JSON.parse(readFileSync(join(rel.dir, MANIFEST_FILE), 'utf8')) as CreatedRelease['manifest'];
    expect(m).toEqual(rel.manifest);
    const files = (await listFiles(rel.dir)).filter((f) => f !== MANIFEST_FILE);
    expect(m.files.map((f) => f.path)).toEqual(files);
    for (const f of m.files) {
      expect(f.sha256, f.path).toBe(sha256(join(rel.dir, f.path)));
      expect(f.bytes).toBe(readFileSync(join(rel.dir, f.path)).length);
    }
    const unprotected = await computeIndicators(t.store, { indicators: INDICATORS });
    expect(m.data.snapshotHash).toBe(unprotected.manifest.snapshotHash);
    expect(m.data.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    expect(m.data.codebookVersion).toBe(CODEBOOK.version);
    expect(m.software).toEqual({ name: 'vindex', version: VERSION });
    expect(m.definitions.map((d) => d.id)).toEqual(INDICATORS);
    expect(m.definitions[0]!.numerator).toEqual({ 'victim.identified': ['no'] });
    expect(m.parameters).toMatchObject({ method: 'suppression', threshold: THRESHOLD, indicators: INDICATORS, tables: [['country'], ['year']], base: null, epsilon: null });
    expect(m.disclosure.method.method).toBe('suppression');
    expect(m.disclosure.audit?.pass).toBe(true);
    expect(m.disclosure.audit!.sensitiveCells).toBeGreaterThan(0);
    expect(m.disclosure.fileCheck).toEqual({ rule: { kind: 'threshold', threshold: THRESHOLD }, csvFiles: 8, violations: 0 });
    expect([m.createdBy, m.releasedBy, m.createdAt, m.status]).toEqual(['tester', 'tester', NOW, 'released']);
    expect(rel.manifestSha256).toBe(sha256(join(rel.dir, MANIFEST_FILE)));
  });

  it('no count from 1 to 4 in any output file (CSV, SDMX-JSON, HTML tables), though the unprotected data has such counts', async () => {
    const unprotected = [...(await computeIndicators(t.store, { by: ['country'], indicators: INDICATORS })).results, ...(await computeIndicators(t.store, { by: ['year'], indicators: INDICATORS })).results];
    const small = unprotected.flatMap((r) => r.observations).filter((o) => [o.numerator, o.denominator].some((c) => c !== null && c > 0 && c < THRESHOLD));
    expect(small.length).toBeGreaterThan(10); // there was something to protect

    const found = allCounts(rel.dir);
    const bad = found.filter((c) => c.value > 0 && c.value < THRESHOLD);
    expect(bad).toEqual([]);
    expect(found.every((c) => Number.isInteger(c.value) && c.value >= 0)).toBe(true);
    // Each kind of file contributed published counts.
    for (const file of ['indicators.csv', 'report/indicators/victims-unidentified-by-country.csv', 'sdmx/indicators.sdmx.csv', 'sdmx/indicators.sdmx.json', 'report/index.html']) {
      expect(found.filter((c) => c.file === file && c.value >= THRESHOLD).length, file).toBeGreaterThan(0);
    }
    expect(found.filter((c) => c.column === 'map' && c.value >= THRESHOLD).length).toBeGreaterThan(3); // the count map's titles were read
    // …and suppressed rows are there, flagged, without figures.
    const rows = readCsv(join(rel.dir, 'indicators.csv'));
    const hidden = rows.filter((r) => r.conf_status === 'C' || r.conf_status === 'D');
    expect(hidden.length).toBeGreaterThan(10);
    for (const r of hidden) expect([r.value, r.lower, r.upper, r.numerator, r.denominator]).toEqual(['', '', '', '', '']);
    const sdmxHidden = sdmxJsonObservations(join(rel.dir, 'sdmx/indicators.sdmx.json')).filter((o) => o.attributes.CONF_STATUS === 'C' || o.attributes.CONF_STATUS === 'D');
    // SDMX writes country ZZ and region "Not determinable" (the same figures) once.
    expect(sdmxHidden.length).toBe(hidden.filter((r) => r.region !== 'Not determinable').length);
    for (const o of sdmxHidden) expect(o.value).toBeNull();
  });

  it('the SDMX files validate against their structure', async () => {
    const paths = ['sdmx/indicators.sdmx.csv', 'sdmx/indicators.sdmx.json', 'sdmx/structure.sdmx.json', 'sdmx/structure.sdmx.xml'].map((p) => join(rel.dir, p));
    const v = await validateSdmx(paths, { minCount: THRESHOLD });
    expect(v.issues).toEqual([]);
  });

  it('the store holds the release row and a release.create audit entry with the manifest hash; the audit chain verifies', async () => {
    const rows = await releaseRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 'rel1', status: 'released', created_by: 'tester', method: 'suppression', audit_pass: 1, manifest_sha256: rel.manifestSha256, location: rel.dir, snapshot_hash: rel.manifest.data.snapshotHash, software_version: VERSION });
    const entries = await listAudit(t.store.db, { actionPrefix: 'release.' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'release.create', object: 'release:rel1', actor: 'tester' });
    expect(JSON.parse(entries[0]!.detail)).toMatchObject({ manifestSha256: rel.manifestSha256, method: 'suppression', auditPass: true });
    expect((await verifyAudit(t.store.db)).ok).toBe(true);
  });

  it('verifyRelease passes on the release (with its store), and fails naming the file after an edit, an addition or a deletion', async () => {
    expect(await verifyRelease(rel.dir, t.store)).toMatchObject({ ok: true, id: 'rel1', manifestSha256: rel.manifestSha256, problems: [] });
    const copy = (name: string): string => {
      const d = join(outRoot, name);
      cpSync(rel.dir, d, { recursive: true });
      return d;
    };
    const edited = copy('edited');
    writeFileSync(join(edited, 'indicators.csv'), readFileSync(join(edited, 'indicators.csv'), 'utf8').replace('victims-unidentified', 'victims-unidentifieD'));
    const e = await verifyRelease(edited);
    expect(e.ok).toBe(false);
    expect(e.problems).toEqual([expect.stringMatching(/^indicators\.csv: content differs/)]);

    const added = copy('added');
    writeFileSync(join(added, 'report', 'notes.txt'), 'extra');
    const a = await verifyRelease(added);
    expect(a.ok).toBe(false);
    expect(a.problems).toEqual(['report/notes.txt: not part of the release (not in the manifest)']);

    const deleted = copy('deleted');
    unlinkSync(join(deleted, 'sdmx', 'structure.sdmx.xml'));
    const d = await verifyRelease(deleted);
    expect(d.ok).toBe(false);
    expect(d.problems).toContain('sdmx/structure.sdmx.xml: listed in the manifest but missing');

    // A corrupted SDMX file is listed as a problem (hash and structure), not thrown.
    const corrupt = copy('corrupt');
    writeFileSync(join(corrupt, 'sdmx', 'indicators.sdmx.json'), '{ not json');
    const c = await verifyRelease(corrupt);
    expect(c.ok).toBe(false);
    expect(c.problems[0]).toMatch(/^sdmx\/indicators\.sdmx\.json: content differs/);

    // A copy whose manifest was edited no longer matches the store's record.
    const relabelled = copy('relabelled');
    writeFileSync(join(relabelled, MANIFEST_FILE), readFileSync(join(relabelled, MANIFEST_FILE), 'utf8').replace('"releasedBy": "tester"', '"releasedBy": "someone"'));
    const r = await verifyRelease(relabelled, t.store);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.stringMatching(/^manifest\.json differs from the one recorded for release rel1/)]);
  });

  it('a non-empty folder → VDX_RELEASE_EXISTS, and nothing changes', async () => {
    const before = { dump: await storeDump(t.store), rows: await releaseRows(), files: await listFiles(rel.dir), manifest: sha256(join(rel.dir, MANIFEST_FILE)) };
    await expect(createRelease(t.store, options(rel.dir))).rejects.toMatchObject({ code: 'VDX_RELEASE_EXISTS' });
    const other = join(outRoot, 'occupied');
    mkdirSync(other);
    writeFileSync(join(other, 'keep.txt'), 'mine');
    await expect(createRelease(t.store, options(other))).rejects.toMatchObject({ code: 'VDX_RELEASE_EXISTS' });
    expect(readdirSync(other)).toEqual(['keep.txt']);
    expect(readFileSync(join(other, 'keep.txt'), 'utf8')).toBe('mine');
    expect({ dump: await storeDump(t.store), rows: await releaseRows(), files: await listFiles(rel.dir), manifest: sha256(join(rel.dir, MANIFEST_FILE)) }).toEqual(before);
  });

  it('a failure mid-way (PDF required, no Chromium there) leaves no folder, no staging folder, no release row and the same audit log', async () => {
    const before = { dump: await storeDump(t.store), rows: await releaseRows(), root: readdirSync(outRoot).sort() };
    const out = join(outRoot, 'rel-fails');
    const steps: string[] = [];
    await expect(createRelease(t.store, options(out, { pdf: 'yes', chromium: '/nonexistent/chromium', onStep: (s) => steps.push(s) }))).rejects.toMatchObject({ code: 'VDX_CHROMIUM_MISSING' });
    expect(steps).toContain('writing the report'); // it failed after files were written into staging
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(outRoot).sort()).toEqual(before.root); // no .rel-fails.*.staging either
    expect({ dump: await storeDump(t.store), rows: await releaseRows() }).toEqual({ dump: before.dump, rows: before.rows });
    expect((await verifyAudit(t.store.db)).ok).toBe(true);
    // A folder whose parents do not exist yet: the parents made for it go too.
    const deep = join(outRoot, 'new-parent', 'sub', 'rel');
    await expect(createRelease(t.store, options(deep, { pdf: 'yes', chromium: '/nonexistent/chromium' }))).rejects.toMatchObject({ code: 'VDX_CHROMIUM_MISSING' });
    expect(existsSync(join(outRoot, 'new-parent'))).toBe(false);
  });

  it('rounding to base 5: every count in every CSV and in the SDMX-JSON is a multiple of 5; Kaplan–Meier is withheld', async () => {
    const r = await createRelease(t.store, options(join(outRoot, 'rel-rounded'), { method: 'rounding', base: 5 }));
    expect(r.manifest.parameters).toMatchObject({ method: 'rounding', base: 5, threshold: null });
    expect(r.manifest.disclosure.fileCheck.rule).toEqual({ kind: 'multiple', base: 5 });
    expect(r.manifest.disclosure.audit).toBeNull();
    expect(r.manifest.disclosure.withheld).toEqual([{ indicator: 'time-to-identification', reason: expect.stringMatching(/Kaplan–Meier/) }]);
    const found = allCounts(r.dir);
    expect(found.length).toBeGreaterThan(50);
    expect(found.filter((c) => c.value % 5 !== 0)).toEqual([]);
    expect(found.some((c) => c.value > 0)).toBe(true);
    expect(readCsv(join(r.dir, 'indicators.csv')).some((row) => row.indicator === 'time-to-identification')).toBe(false);
    expect((await verifyRelease(r.dir, t.store)).ok).toBe(true);
    expect((await releaseRows()).filter((x) => x.id !== 'rel1').map((x) => [x.method, x.audit_pass])).toContainEqual(['rounding', null]);
  }, 60_000);

  it('noise: the budget is in the manifest; ZZ and its region "Not determinable" carry one noisy count, so SDMX can be written; verifies', async () => {
    const r = await createRelease(t.store, options(join(outRoot, 'rel-noise'), { method: 'noise', epsilon: 1, seed: 3 }));
    expect(r.manifest.parameters).toMatchObject({ method: 'noise', epsilon: 1, seed: 3, threshold: null, base: null });
    expect(r.manifest.disclosure.method).toMatchObject({ method: 'noise', budget: { epsilonPerCell: 1, seed: 3, cells: r.manifest.disclosure.cells.total } });
    expect(r.manifest.disclosure.fileCheck.rule).toEqual({ kind: 'none' });
    expect((await verifyRelease(r.dir, t.store)).ok).toBe(true);
    const rows = readCsv(join(r.dir, 'indicators.csv')).filter((row) => row.indicator === 'series-by-abuse-country' && row.by === 'country');
    const zz = rows.find((row) => row.country === 'ZZ')!;
    const nd = rows.find((row) => row.region === 'Not determinable' && row.country === '')!;
    expect(nd.value).toBe(zz.value);
  }, 60_000);

  it('equal-country aggregation: releases, and a world or regional mean is published only where every country it averages is, the same in every table', async () => {
    const eq = await createRelease(t.store, options(join(outRoot, 'rel-equal'), { aggregation: 'equal-country', indicators: ['victims-unidentified'] }));
    expect((await verifyRelease(eq.dir, t.store)).ok).toBe(true);
    const [byCountry, byYear] = eq.set.results;
    expect(byCountry!.aggregation).toBe('equal-country');
    const countries = byCountry!.observations.filter((o) => o.dims.country !== undefined && o.dims.country !== 'ZZ');
    const world = byCountry!.observations.find((o) => Object.keys(o.dims).length === 0)!;
    const worldByYear = byYear!.observations.find((o) => Object.keys(o.dims).length === 0)!;
    expect(world.confStatus === 'F').toBe(countries.every((o) => o.confStatus === 'F'));
    // The by-year table releases no country, so its equal-country means cannot be published; the world reads the same in both tables.
    expect(byYear!.observations.every((o) => o.confStatus !== 'F')).toBe(true);
    expect(world.confStatus).not.toBe('F');
    expect(world.confStatus).toBe(worldByYear.confStatus);
  }, 120_000);

  it('prints the report to PDF when Chromium is installed', async (ctx) => {
    const chromium = await findChromium();
    if (chromium === undefined) {
      console.warn('create.test.ts: no Chromium found (findChromium); the PDF release test is skipped');
      ctx.skip();
      return;
    }
    const r = await createRelease(t.store, options(join(outRoot, 'rel-pdf'), { pdf: 'yes', indicators: ['victims-unidentified'] }));
    expect(r.pdf.written).toBe(true);
    expect(readFileSync(join(r.dir, 'report', 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.manifest.files.map((f) => f.path)).toContain('report/report.pdf');
    expect((await verifyRelease(r.dir, t.store)).ok).toBe(true);
  }, 120_000);
});

describe('vindex release create | verify | list', () => {
  let h: TempStore;
  beforeAll(async () => {
    h = await tempStore();
    await loadHandDataset(h);
    await h.closeStore(); // the CLI opens the store itself
  });
  afterAll(async () => h?.cleanup());

  it('create → 0, verify → 0, list → 0; a tampered copy → 1; usage errors → 2', async () => {
    const out = join(h.dir, 'rel');
    const created = await runCli(['release', 'create', '--db', h.dbArg, '--out', out, '--indicator', 'victims-unidentified', '--threshold', '2', '--pdf', 'no', '--by', 'clitester']);
    expect(created.err.split('\n').filter((l) => l.startsWith('VDX') || l.includes('error'))).toEqual([]);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^Released rel1 into /);
    expect(created.out).toMatch(/audit passed/);

    const verified = await runCli(['release', 'verify', out, '--db', h.dbArg]);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^release rel1 verified: \d+ files match manifest\.json/);

    const listed = await runCli(['release', 'list', '--db', h.dbArg]);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^rel1 .* by clitester .*suppression .*audit passed/);
    const json = await runCli(['release', 'list', '--db', h.dbArg, '--json']);
    expect(JSON.parse(json.out)).toEqual([expect.objectContaining({ id: 'rel1', released_by: 'clitester', parameters: expect.objectContaining({ threshold: 2 }) })]);

    writeFileSync(join(out, 'indicators.csv'), 'tampered\n');
    const bad = await runCli(['release', 'verify', out, '--no-store']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('indicators.csv');

    const exists = await runCli(['release', 'create', '--db', h.dbArg, '--out', out, '--pdf', 'no']);
    expect(exists.code).toBe(2);
    expect(exists.err).toContain('VDX_RELEASE_EXISTS');
    const noEpsilon = await runCli(['release', 'create', '--db', h.dbArg, '--out', join(h.dir, 'rel-noise'), '--method', 'noise', '--pdf', 'no']);
    expect(noEpsilon.code).toBe(2);
    expect(existsSync(join(h.dir, 'rel-noise'))).toBe(false);
    const dominance = await runCli(['release', 'create', '--db', h.dbArg, '--out', join(h.dir, 'rel-dom'), '--dominance', '1,85', '--pdf', 'no']);
    expect(dominance.code).toBe(2);
    expect(existsSync(join(h.dir, 'rel-dom'))).toBe(false);
    const notARelease = await runCli(['release', 'verify', h.dir, '--no-store']);
    expect(notARelease.code).toBe(2);
  }, 60_000);
});
